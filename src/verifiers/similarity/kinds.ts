import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText, referenceAt } from "../../core/text.ts";
import type { RewardResult, Rollout } from "../../core/types.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { answerSource, extractAnswer, referenceStrings } from "../extract/answer.ts";
import { type BleuSmooth, sentenceBleu } from "./bleu.ts";
import { defaultProcess, FUZZ_SCORERS, type FuzzScorer } from "./fuzz.ts";
import { sentenceGleu } from "./gleu.ts";
import { meteor } from "./meteor.ts";
import { type PorterMode, stemCached } from "./porter.ts";
import { rougeL, rougeN } from "./rouge.ts";
import { tokenize, tokenizeRouge } from "./tokenize.ts";

/** Parameters every similarity kind shares: where the input and the reference come from, and bounds. */
const common = {
  from: answerSource.default("whole"),
  tag: z.string().min(1).default("answer"),
  reference_field: z.string().optional(),
  /** Inputs longer than this are cut (info.truncated says so), which bounds the cost on hostile output. */
  max_chars: z.number().int().positive().default(20_000),
  /** When set, the score is 1 at or above the threshold, else 0 (the raw similarity stays in components). */
  pass_threshold: z.number().min(0).max(1).optional(),
  /** What a completion with no extractable input scores: 0 or a parse error. */
  missing: z.enum(["zero", "error"]).default("zero"),
};

interface Inputs {
  hyp: string;
  refs: string[];
  truncated: boolean;
}

type CommonParams = {
  from: z.infer<typeof answerSource>;
  tag: string;
  reference_field?: string | undefined;
  max_chars: number;
  pass_threshold?: number | undefined;
  missing: "zero" | "error";
};

/** Reads the (extracted, capped) input and the reference strings, or the result to return instead. */
function inputs(r: Rollout, p: CommonParams): Inputs | RewardResult {
  const refs = referenceStrings(referenceAt(r, p.reference_field));
  if (typeof refs === "string") return fail("invalid_input", refs);
  const got = extractAnswer(completionText(r), p.from, p.tag);
  if (got === null) {
    return p.missing === "error"
      ? fail("parse", `no input found (from: ${p.from})`)
      : ok(0, { info: { reason: `no input found (from: ${p.from})` } });
  }
  let truncated = got.length > p.max_chars;
  const capped = refs.map((x) => {
    if (x.length > p.max_chars) truncated = true;
    return x.length > p.max_chars ? x.slice(0, p.max_chars) : x;
  });
  return { hyp: truncated ? got.slice(0, p.max_chars) : got, refs: capped, truncated };
}

function isInputs(x: Inputs | RewardResult): x is Inputs {
  return "hyp" in x;
}

/** Finishes a similarity: the pass threshold, the raw value in components, and what was cut. */
function finish(sim: number, p: CommonParams, inp: Inputs, info: Record<string, unknown> = {}): RewardResult {
  if (inp.truncated) info.truncated = true;
  const extra = Object.keys(info).length ? { info } : {};
  if (p.pass_threshold === undefined) return ok(sim, extra);
  return ok(sim >= p.pass_threshold ? 1 : 0, { components: { similarity: sim }, ...extra });
}

/**
 * rapidfuzz similarity / 100 (default scorer `ratio`, the normalised Indel similarity; OpenAI's grader names
 * rapidfuzz without saying which scorer), best over references.
 * @example { kind: similarity.fuzzy_match, scorer: ratio, reference_field: answer }
 */
export const similarityFuzzy = leafKind({
  kind: "similarity.fuzzy_match",
  summary: "rapidfuzz scorer (ratio by default, WRatio and others selectable) / 100 against the reference.",
  params: z.strictObject({
    ...common,
    scorer: z.enum(Object.keys(FUZZ_SCORERS) as [FuzzScorer, ...FuzzScorer[]]).default("ratio"),
    /** `default` applies rapidfuzz's default_process (alphanumerics only, lowercase, trim); `none` compares as is. */
    processor: z.enum(["none", "default"]).default("none"),
  }),
  score(r, p) {
    const inp = inputs(r, p);
    if (!isInputs(inp)) return inp;
    const f = FUZZ_SCORERS[p.scorer];
    const pre = p.processor === "default" ? defaultProcess : (s: string) => s;
    const h = pre(inp.hyp);
    let best = 0;
    for (const ref of inp.refs) best = Math.max(best, f(h, pre(ref)) / 100);
    return finish(best, p, inp);
  },
});

const tokenizerName = z.enum(["13a", "whitespace", "lower_whitespace", "rouge"]);

/** NLTK Porter modes, by the name of the NLTK mode each equals (NLTK's default first). */
const stemmerMode = z.enum(["nltk_extensions", "martin_extensions", "original_algorithm"]);

/**
 * sacreBLEU sentence BLEU in [0, 1] (tokeniser 13a, exp smoothing, effective order), all references at once.
 * @example { kind: similarity.bleu, reference_field: translations }
 */
export const similarityBleu = leafKind({
  kind: "similarity.bleu",
  summary: "sacreBLEU sentence BLEU / 100 (13a tokeniser, exp smoothing, effective order; multi-reference).",
  params: z.strictObject({
    ...common,
    tokenize: tokenizerName.default("13a"),
    lowercase: z.boolean().default(false),
    smooth: z.enum(["none", "floor", "add-k", "exp"]).default("exp"),
    smooth_value: z.number().min(0).optional(),
    max_order: z.number().int().min(1).max(8).default(4),
    effective_order: z.boolean().default(true),
  }),
  score(r, p) {
    const inp = inputs(r, p);
    if (!isInputs(inp)) return inp;
    const tok = (s: string) => tokenize(p.lowercase ? s.toLowerCase() : s, p.tokenize);
    const res = sentenceBleu(tok(inp.hyp), inp.refs.map(tok), {
      maxOrder: p.max_order,
      smooth: p.smooth as BleuSmooth,
      ...(p.smooth_value !== undefined ? { smoothValue: p.smooth_value } : {}),
      effectiveOrder: p.effective_order,
    });
    return finish(res.score, p, inp, { bp: res.bp, precisions: res.precisions });
  },
});

/**
 * NLTK sentence GLEU (1–4-grams): matches / max(#hyp n-grams, #ref n-grams), best reference.
 * @example { kind: similarity.gleu, tokenize: whitespace }
 */
export const similarityGleu = leafKind({
  kind: "similarity.gleu",
  summary: "NLTK sentence GLEU: min(n-gram precision, recall) over 1–4-grams (whitespace tokens by default).",
  params: z.strictObject({
    ...common,
    tokenize: tokenizerName.default("whitespace"),
    min_len: z.number().int().min(1).default(1),
    max_len: z.number().int().min(1).max(8).default(4),
  }),
  score(r, p) {
    const inp = inputs(r, p);
    if (!isInputs(inp)) return inp;
    const refs = inp.refs.map((x) => tokenize(x, p.tokenize));
    return finish(
      sentenceGleu(tokenize(inp.hyp, p.tokenize), refs, p.min_len, Math.max(p.min_len, p.max_len)),
      p,
      inp,
    );
  },
});

/**
 * NLTK METEOR with exact and Porter-stem matching (no WordNet synonyms), lowercased whitespace tokens.
 * @example { kind: similarity.meteor, alpha: 0.9, beta: 3, gamma: 0.5 }
 */
export const similarityMeteor = leafKind({
  kind: "similarity.meteor",
  summary:
    "NLTK METEOR (exact + Porter-stem matches, fragmentation penalty); WordNet synonyms not reproduced.",
  params: z.strictObject({
    ...common,
    tokenize: tokenizerName.default("lower_whitespace"),
    alpha: z.number().min(0).max(1).default(0.9),
    beta: z.number().min(0).default(3),
    gamma: z.number().min(0).max(1).default(0.5),
    stem: z.boolean().default(true),
    /** Porter mode of the stem stage: NLTK's default `nltk_extensions`, `martin_extensions`, `original_algorithm`. */
    stemmer: stemmerMode.default("nltk_extensions"),
  }),
  score(r, p) {
    const inp = inputs(r, p);
    if (!isInputs(inp)) return inp;
    // NLTK lowercases every word (its `preprocess=str.lower`) whatever the tokeniser.
    const tok = (x: string) => {
      const t = tokenize(x, p.tokenize);
      return p.tokenize === "lower_whitespace" ? t : t.map((w) => w.toLowerCase());
    };
    const refs = inp.refs.map(tok);
    const s = meteor(tok(inp.hyp), refs, {
      alpha: p.alpha,
      beta: p.beta,
      gamma: p.gamma,
      stem: p.stem,
      stemmer: p.stemmer as PorterMode,
    });
    return finish(s, p, inp);
  },
});

/**
 * rouge-score F-measure for ROUGE-1…5 or ROUGE-L (OpenAI's `rouge_1`…`rouge_5`, `rouge_l`), best reference.
 * @example { kind: similarity.rouge, variant: rouge_l }
 */
export const similarityRouge = leafKind({
  kind: "similarity.rouge",
  summary:
    "Google rouge-score F-measure: rouge_1 … rouge_5 (n-gram) or rouge_l (LCS); optional Porter stemming.",
  params: z.strictObject({
    ...common,
    variant: z.enum(["rouge_1", "rouge_2", "rouge_3", "rouge_4", "rouge_5", "rouge_l"]).default("rouge_l"),
    use_stemmer: z.boolean().default(false),
    /** Porter mode when stemming: `nltk_extensions` (NLTK's default, as rouge-score uses), `martin_extensions`, `original_algorithm`. */
    stemmer: stemmerMode.default("nltk_extensions"),
  }),
  score(r, p) {
    const inp = inputs(r, p);
    if (!isInputs(inp)) return inp;
    const mode = p.stemmer as PorterMode;
    const stem = p.use_stemmer ? (w: string) => stemCached(w, mode) : undefined;
    const pred = tokenizeRouge(inp.hyp, stem);
    let best = { precision: 0, recall: 0, fmeasure: 0 };
    for (const ref of inp.refs) {
      const target = tokenizeRouge(ref, stem);
      const s =
        p.variant === "rouge_l" ? rougeL(target, pred) : rougeN(target, pred, Number(p.variant.slice(6)));
      if (s.fmeasure > best.fmeasure) best = s;
    }
    return finish(best.fmeasure, p, inp, { precision: best.precision, recall: best.recall });
  },
});
