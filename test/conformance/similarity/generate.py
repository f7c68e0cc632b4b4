"""Seeded generator of similarity conformance pairs (run outside CI; writes pairs.json).

Classes: natural sentences with edits, separators U+001C-U+001F and other Python whitespace, BOMs, astral-plane
characters, long strings (> 64 characters, for partial_ratio), WRatio length ratios of exactly 1.5 and 8,
punctuation and numbers for the 13a tokeniser, empty and whitespace-only inputs, non-ASCII letters, text for the
default processor, morphology for stemming, several references. Also a word list for the Porter stemmer modes.

    python3 generate.py --out pairs.json
"""

import argparse
import json
import random

SENTENCES = [
    "The quick brown fox jumps over the lazy dog.",
    "Researchers generalized the findings to larger populations.",
    "She was running happily through the fields, singing loudly.",
    "The committee's decision was unanimous and final.",
    "Prices rose by 3.5% in 2023, reaching $1,250.75 per unit.",
    "Dying plants need watering; lying about it won't help.",
    "The analogies between biology and computation are striking.",
    "He carefully and hopefully examined the radically new proposal.",
    "Multiple agreements were signed, but the feeds stopped.",
    "Skies were clear, and the news spread across the innings.",
    "Generalizations about relational databases are often misleading.",
    "The cats sat on the mats while the dogs barked.",
    "Conditional probability is defined as P(A|B) = P(A and B) / P(B).",
    "Well-known authors e.g. Twain wrote in the U.S. during the 1880s.",
    "Please reply by 5 p.m. -- the meeting is at 3-4 pm.",
    "Electricity, electrical, electrician: all electrifying words.",
    "The hopefulness of the nationalization effort was remarkable.",
    "Tying knots and crying babies are both tiring activities.",
    "An operational definition of sensitivity was formalized.",
    "The Archbishop's visit was beautifully organized.",
    "Ties, lies and skies: four-letter words ending in ies.",
    "Capability, possibly, visibly, sensibly and ably.",
    "We analysed 1,000,000 records in 0.5 seconds.",
    "Reply with <skipped> tokens and &amp; entities &lt;b&gt;.",
    "hyphen-\nated words and a new\nline.",
    "Café naïve straße İstanbul ΣΟΦΟΣ résumé.",
    "snake_case and camelCase identifiers, x² and Ⅻ numerals.",
    "Emoji 😀 and 🎉 parties, 𝐀𝐁𝐂 letters, and 𠀀 characters.",
    "Fullwidth ｚｅｂｒａ and emoji 😀 sort differently.",
    "Agreed, proceed, exceed and succeed were all used.",
]
WHITESPACE = ["\x1c", "\x1d", "\x1e", "\x1f", "\x0b", "\x0c", "\x85", "\xa0", "\u2003", "\u3000", "\t", "\n"]
ASTRAL = ["😀", "🎉", "𝐀", "𝐁", "𠀀", "𝔘", "🙂", "👍🏽"]


def edit(rng, s):
    """A plausible model rewrite of s: drop, swap, duplicate, typo, case or punctuation changes."""
    words = s.split(" ")
    k = rng.randrange(8)
    if k == 0 and len(words) > 2:
        del words[rng.randrange(len(words))]
    elif k == 1 and len(words) > 2:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    elif k == 2:
        i = rng.randrange(len(words))
        words.insert(i, words[i])
    elif k == 3:
        i = rng.randrange(len(words))
        w = words[i]
        if w:
            j = rng.randrange(len(w))
            words[i] = w[:j] + rng.choice("aeiouxyz") + w[j + 1:]
    elif k == 4:
        return s.lower()
    elif k == 5:
        return s.replace(",", "").replace(".", "")
    elif k == 6:
        rng.shuffle(words)
    else:
        words = words[: max(1, len(words) // 2)]
    return " ".join(words)


def pairs(rng):
    out = []

    def add(cls, hyp, refs):
        out.append({"id": f"{cls}-{len(out)}", "class": cls, "hyp": hyp, "refs": refs})

    for _ in range(60):
        s = rng.choice(SENTENCES)
        add("sentence", edit(rng, s), [s])
    for _ in range(20):
        s = rng.choice(SENTENCES)
        add("unrelated", s, [rng.choice(SENTENCES)])
    for _ in range(25):
        s = rng.choice(SENTENCES[:20])
        ws = rng.choice(WHITESPACE)
        h = s.replace(" ", ws, rng.randint(1, 4))
        if rng.random() < 0.5:
            h = h + rng.choice(WHITESPACE)
        add("whitespace", h, [s if rng.random() < 0.5 else edit(rng, s)])
    for _ in range(20):
        s = rng.choice(SENTENCES[:20])
        r = rng.random()
        h = "\ufeff" + s if r < 0.3 else s + "\ufeff" if r < 0.6 else s.replace(" ", " \ufeff", 1)
        add("bom", h, [s] if rng.random() < 0.5 else ["\ufeff" + s])
    for _ in range(25):
        s = rng.choice(SENTENCES)
        words = s.split(" ")
        for _ in range(rng.randint(1, 3)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(ASTRAL) * rng.randint(1, 2))
        add("astral", " ".join(words), [rng.choice([s, " ".join(words[::-1]), edit(rng, s)])])
    for _ in range(25):
        base = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5)))
        i = rng.randrange(len(base) // 3)
        j = i + rng.randint(65, 130)
        needle = edit(rng, base[i:j]) if rng.random() < 0.6 else base[i:j]
        add("long", needle, [base])
    for ratio in (8, 1.5):
        for _ in range(8):
            n = rng.choice([2, 3, 4, 5, 6, 8, 10]) if ratio == 8 else rng.choice([2, 4, 6, 8, 10])
            short = "".join(rng.choice("abcde ") for _ in range(n)).strip() or "ab"
            short = short[:n].ljust(n, "x")
            m = int(len(short) * ratio)
            longer = (short + " " + "".join(rng.choice("abcdefgh ") for _ in range(m)))[:m]
            add(f"length_ratio_{ratio}", short, [longer])
    for s in ["1,000.5 and 2.5", "e.g. U.S.A.", "3-4 well-known", "&quot;quoted&quot; &amp; co",
              "a<skipped>b", "line-\nbreak", "end.", "(parens) [brackets] {braces}", "x@y.com #tag",
              "C'est l'été", "it's 10:30", "50% off!", "--dash--", "a/b/c", "~tilde~ `tick`"]:
        add("punctuation", s, [rng.choice([s.replace(",", ""), s.upper(), edit(rng, s + " extra")])])
    for h, r in [("", "abc"), ("abc", ""), ("   ", "a b"), ("\ufeff", "\ufeff"), ("a", "a"), ("", ""),
                 ("\x1c\x1d", "x"), ("!!!", "???"), ("a", "b"), ("😀", "😀😀")]:
        add("edge", h, [r])
    for _ in range(15):
        s = rng.choice(SENTENCES[25:])
        add("unicode", edit(rng, s), [s])
    for _ in range(15):
        a, b = rng.sample(SENTENCES, 2)
        add("multi_ref", edit(rng, a), [a, b])
    alphabet = ("abcdeABCDE012 ,.-'!?&;:()_" + "\t\n\x1c\x1f\x85\xa0\u3000\ufeff" + "\u0301éßİıΣσςЖж中文ｚ"
                + "😀𝐀𠀀")
    for _ in range(40):
        def rand_text():
            return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        h = rand_text()
        add("random_chars", h, [rng.choice([rand_text(), edit(rng, h) if h else "x"])])
    vocab = sorted({w for s in SENTENCES for w in s.split()}) + ["naïve", "ΣΟΦΟΣ", "İstanbul", "😀ing", "ｚｅｂｒａ"]
    seps = [" ", " ", " ", "  ", "\t", "\x1e", "\xa0", "\n", " \ufeff"]
    for _ in range(30):
        def rand_words():
            return "".join(rng.choice(vocab) + rng.choice(seps) for _ in range(rng.randint(1, 14))).rstrip(" ")
        h = rand_words()
        add("random_words", h, [rand_words() if rng.random() < 0.5 else edit(rng, h)])
    for _ in range(10):
        base = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(8, 20)))
        i = rng.randrange(len(base) // 2)
        needle = edit(rng, base[i:i + rng.randint(150, 240)])
        add("long_needle_200", needle, [base])
    return out


def porter_words(rng):
    stems = ["generaliz", "relat", "conditio", "operat", "hope", "care", "radic", "analog", "etymolog", "capab",
             "poss", "visib", "electr", "national", "sensitiv", "happ", "run", "agre", "feed", "proceed", "sky",
             "die", "lie", "tie", "cry", "try", "news", "inning", "outing", "can", "howe", "formal", "organ",
             "archbishop", "replac", "adjust", "depend", "irrit", "commun", "effect"]
    suffixes = ["", "s", "es", "ies", "ied", "ed", "ing", "ly", "ness", "ful", "fulli", "alli", "ation",
                "ational", "izer", "ization", "iveness", "ousness", "aliti", "iviti", "biliti", "logi", "bli",
                "abli", "ement", "ment", "ent", "ion", "ism", "ate", "iti", "ous", "ive", "ize", "al", "ance",
                "ence", "er", "ic", "able", "ible", "ant", "e", "ll", "y", "eed"]
    words = {w for s in SENTENCES for w in s.lower().replace(".", " ").replace(",", " ").split()}
    words |= {"ties", "dies", "lies", "skies", "sky", "news", "innings", "outings", "cannings", "howe",
              "proceed", "exceed", "succeed", "dying", "lying", "tying", "cried", "tied", "is", "as", "a", "at",
              "be", "ox", "sing", "fly", "flies", "hopefulli", "analogi", "possibli", "radicalli", "ably",
              "feed", "agreed", "bled", "hopping", "filing", "falling", "hissing", "fizzed", "failing",
              "conflated", "troubled", "sized", "tanned", "happy", "say", "boy", "toy", "goodness", "irritant",
              "replacement", "adjustment", "dependent", "adoption", "homologou", "communism", "activate",
              "angulariti", "homologous", "effective", "bowdlerize", "probate", "rate", "cease", "controll",
              "roll", "generalizations", "oscillators", "triplicate", "formative", "formalize", "electriciti",
              "electrical", "hopeful", "triple", "spy", "y", "yy", "syzygy"}
    words |= {"naïveties", "😀ing", "𝐀ies", "résumés", "ΣΟΦΟΣ", "Running", "SKIES", "Dying"}
    while len(words) < 600:
        words.add(rng.choice(stems) + rng.choice(suffixes))
    while len(words) < 800:  # letter strings that walk the rules' corners
        words.add("".join(rng.choice("aeiouybcdlmnrstz") for _ in range(rng.randint(1, 9))) + rng.choice(suffixes))
    return sorted(words)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20261207)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    data = {"seed": a.seed, "pairs": pairs(rng), "porter_words": porter_words(rng)}
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=0)
    print(len(data["pairs"]), "pairs,", len(data["porter_words"]), "words")


if __name__ == "__main__":
    main()
