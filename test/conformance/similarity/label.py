"""Labels pairs.json with the reference implementations themselves (run outside CI).

    RAPIDFUZZ_IMPLEMENTATION=python PYTHONPATH=<RapidFuzz>/src:<sacrebleu>:<stubs>:<nltk>:<rouge> \
        python3 label.py pairs.json values.json

rapidfuzz's pure-Python implementation (fuzz_py.py); sacreBLEU's sentence_bleu (portalocker, tabulate and lxml
stubbed, version.py written); NLTK's sentence_gleu, meteor_score and PorterStemmer, with a WordNet stub that has no
synonyms; rouge-score's RougeScorer (rouge_scorer.py, tokenize.py, scoring.py copied from google-research into
scratch) with NLTK's stemmer in each mode.
"""

import json
import os
import sys

assert os.environ.get("RAPIDFUZZ_IMPLEMENTATION") == "python"

from nltk.stem.porter import PorterStemmer  # noqa: E402
from nltk.translate.gleu_score import sentence_gleu  # noqa: E402
from nltk.translate.meteor_score import meteor_score  # noqa: E402
from rapidfuzz import fuzz, utils  # noqa: E402
from rouge import rouge_scorer  # noqa: E402
from sacrebleu import sentence_bleu  # noqa: E402
from sacrebleu.metrics.bleu import BLEU as BLEUMetric  # noqa: E402
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a  # noqa: E402


class NoWordNet:
    """WordNet without data: no synsets, so METEOR's synonym stage adds nothing."""

    def synsets(self, word):
        return []


class Identity:
    def stem(self, word):
        return word


MODES = {"nltk_extensions": PorterStemmer.NLTK_EXTENSIONS, "martin_extensions": PorterStemmer.MARTIN_EXTENSIONS,
         "original_algorithm": PorterStemmer.ORIGINAL_ALGORITHM}
SCORERS = ["ratio", "partial_ratio", "token_sort_ratio", "token_set_ratio", "token_ratio", "partial_token_ratio",
           "WRatio", "QRatio"]
BLEU = {
    "default": {},
    "lowercase": {"lowercase": True},
    "tokenize_none": {"tokenize": "none"},
    "smooth_floor": {"smooth_method": "floor"},
    "smooth_add-k": {"smooth_method": "add-k"},
    "smooth_none": {"smooth_method": "none"},
    "no_effective_order": {"use_effective_order": False},
    "lower_whitespace": {"tokenize": "none", "lowercase": True},
    "floor_value_0_2": {"smooth_method": "floor", "smooth_value": 0.2},
    "add-k_2": {"smooth_method": "add-k", "smooth_value": 2},
}


def rouge(mode, hyp, refs):
    out = {}
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rouge3", "rouge4", "rouge5", "rougeL"],
                                      use_stemmer=mode is not None)
    if mode is not None:
        scorer._stemmer = PorterStemmer(MODES[mode])
    per_ref = [scorer.score(r, hyp) for r in refs]
    for t in ["rouge1", "rouge2", "rouge3", "rouge4", "rouge5", "rougeL"]:
        out[t] = max(s[t].fmeasure for s in per_ref)
    return out


def label(p):
    hyp, refs = p["hyp"], p["refs"]
    v = {}
    for s in SCORERS:
        f = getattr(fuzz, s)
        v[f"fuzzy_match.{s}.none"] = max(f(hyp, r) for r in refs) / 100
        v[f"fuzzy_match.{s}.default"] = max(f(hyp, r, processor=utils.default_process) for r in refs) / 100
    for k, kw in BLEU.items():
        v[f"bleu.{k}"] = sentence_bleu(hyp, refs, **kw).score / 100
    v["bleu.max_order_2"] = BLEUMetric(max_ngram_order=2, effective_order=True).sentence_score(hyp, refs).score / 100
    ht, rt = hyp.split(), [r.split() for r in refs]
    v["gleu.default"] = sentence_gleu(rt, ht)
    v["gleu.1-2"] = sentence_gleu(rt, ht, min_len=1, max_len=2)
    tok13a = Tokenizer13a()
    v["gleu.13a"] = sentence_gleu([tok13a(r.rstrip()).split() for r in refs], tok13a(hyp.rstrip()).split())
    for mode in MODES:
        v[f"meteor.{mode}"] = meteor_score(rt, ht, stemmer=PorterStemmer(MODES[mode]), wordnet=NoWordNet())
    v["meteor.whitespace"] = meteor_score(rt, ht, wordnet=NoWordNet())  # NLTK lowercases: = lower_whitespace
    v["meteor.no_stem"] = meteor_score(rt, ht, stemmer=Identity(), wordnet=NoWordNet())
    v["meteor.weights"] = meteor_score(rt, ht, stemmer=PorterStemmer(), wordnet=NoWordNet(), alpha=0.85, beta=2.0,
                                       gamma=0.4)
    for mode in [None, *MODES]:
        for t, x in rouge(mode, hyp, refs).items():
            v[f"rouge.{t}.{mode or 'no_stem'}"] = x
    return v


def main():
    src, out = sys.argv[1], sys.argv[2]
    data = json.load(open(src, encoding="utf-8"))
    values = {p["id"]: label(p) for p in data["pairs"]}
    stems = {m: {w: PorterStemmer(mode).stem(w) for w in data["porter_words"]} for m, mode in MODES.items()}
    json.dump({"references": {
        "rapidfuzz": "rapidfuzz/RapidFuzz v3.14.5-25-g384c676 (384c6768f604) src/rapidfuzz/fuzz_py.py, utils_py.py",
        "sacrebleu": "mjpost/sacrebleu v2.6.0-1-gf615c72 (f615c7286d4d) sacrebleu/compat.py sentence_bleu",
        "nltk": "nltk/nltk f2a92bd7e360 nltk/translate/gleu_score.py, meteor_score.py, nltk/stem/porter.py",
        "rouge": "google-research/google-research rouge/rouge_scorer.py, tokenize.py @ 0c1bbe5, scoring.py @ 0b7b841",
    }, "values": values, "porter": stems}, open(out, "w", encoding="utf-8"), ensure_ascii=False, indent=0,
        sort_keys=True)
    print(len(values), "pairs x", len(next(iter(values.values()))), "settings;", len(data["porter_words"]), "words")


if __name__ == "__main__":
    main()
