import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import type { RewardResult, Rollout } from "../../src/core/types.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { ngramCounts, sentenceBleu } from "../../src/verifiers/similarity/bleu.ts";
import {
  byCodePoint,
  defaultProcess,
  PARTIAL_BUDGET,
  pointLength,
  partialRatio,
  qRatio,
  ratio,
  tokenSetRatio,
  tokenSortRatio,
  wRatio,
} from "../../src/verifiers/similarity/fuzz.ts";
import { sentenceGleu } from "../../src/verifiers/similarity/gleu.ts";
import { lcsLength } from "../../src/verifiers/similarity/lcs.ts";
import { meteor } from "../../src/verifiers/similarity/meteor.ts";
import { internTokens, ngramIdCounts } from "../../src/verifiers/similarity/ngrams.ts";
import { type PorterMode, porterStem } from "../../src/verifiers/similarity/porter.ts";
import { rougeL, rougeN } from "../../src/verifiers/similarity/rouge.ts";
import { splitWhitespace, tokenize13a, tokenizeRouge } from "../../src/verifiers/similarity/tokenize.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

const near = (a: number | null | undefined, b: number, eps = 1e-9) =>
  assert.ok(typeof a === "number" && Math.abs(a - b) <= eps, `expected ${b}, got ${a}`);

function score(kind: string, node: Record<string, unknown>, rollout: Rollout): RewardResult {
  const r = compileNode({ kind, ...node }, { registry: defaultRegistry }).score(rollout, {});
  assert.ok(!(r instanceof Promise));
  return r as RewardResult;
}

/** Textbook O(nm) LCS, the reference the bit-parallel version must agree with. */
function lcsDp(a: string, b: string): number {
  let prev = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++)
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return prev[b.length];
}

describe("bit-parallel LCS", () => {
  it("agrees with the dynamic programme on seeded random strings across word boundaries", () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const str = (n: number) => Array.from({ length: n }, () => "abcd"[Math.floor(rnd() * 4)]).join("");
    for (const [n, m] of [
      [1, 1],
      [31, 40],
      [32, 32],
      [33, 70],
      [64, 65],
      [100, 37],
      [200, 300],
    ] as const) {
      const a = str(n);
      const b = str(m);
      const codes = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
      assert.equal(lcsLength(codes(a), codes(b)), lcsDp(a, b), `${n}x${m}`);
    }
  });
  it("finishes on long inputs (10⁴ × 10⁴)", () => {
    const a = Array.from({ length: 10_000 }, (_, i) => i % 26);
    const b = Array.from({ length: 10_000 }, (_, i) => (i * 7) % 26);
    const t0 = Date.now();
    lcsLength(a, b);
    assert.ok(Date.now() - t0 < NO_HANG_MS);
  });
});

describe("rapidfuzz scorers", () => {
  it("ratio = 100·2·LCS/(|a|+|b|)", () => {
    near(ratio("this is a test", "this is a test!"), (100 * 2 * 14) / 29); // rapidfuzz doc: 96.55
    assert.equal(ratio("", ""), 100);
    assert.equal(ratio("abc", ""), 0);
    assert.equal(qRatio("", ""), 0);
  });
  it("partial_ratio finds the best window", () => {
    assert.equal(partialRatio("this is a test", "this is a test!"), 100);
    // "abcd" in "xxabxdyy": best window "abxd": LCS 3 → 2·3/8 = 75
    near(partialRatio("abcd", "xxabxdyy"), 75);
    const needle = "the quick brown fox jumps over the lazy dog and keeps running far away from the hunters";
    assert.equal(
      partialRatio(needle, `${"lorem ipsum ".repeat(50)}${needle}${" dolor sit".repeat(50)}`),
      100,
    );
  });
  it("token ratios (rapidfuzz docstring values)", () => {
    assert.equal(tokenSortRatio("fuzzy wuzzy was a bear", "wuzzy fuzzy was a bear"), 100);
    assert.equal(tokenSetRatio("fuzzy was a bear", "fuzzy fuzzy was a bear"), 100);
    // sect "fuzzy was a bear but not" (24), ab "dog", ba "cat": max(100 − 100·6/56, 100 − 100·4/52) = 92.307…
    near(tokenSetRatio("fuzzy was a bear but not a dog", "fuzzy was a bear but not a cat"), 100 - 400 / 52);
    assert.equal(tokenSetRatio("", "a"), 0);
  });
  it("WRatio: partial scorers ×0.9 when lengths differ by 1.5× or more", () => {
    // ratio 2·5/16 = 62.5; partial 100·0.9 = 90; partial token 100·0.95·0.9 = 85.5
    near(wRatio("hello", "hello world"), 90);
    assert.equal(wRatio("", "x"), 0);
    // lengths within 1.5×: max(ratio, token_ratio·0.95) — sorted tokens equal → 95
    near(wRatio("new york mets", "mets new york"), 95);
  });
});

describe("tokenisers", () => {
  it("13a splits punctuation but not inside numbers", () => {
    assert.deepEqual(tokenize13a("Hello, world. 3.14 and 1,000 e-mail 5-3"), [
      "Hello",
      ",",
      "world",
      ".",
      "3.14",
      "and",
      "1,000",
      "e-mail",
      "5",
      "-",
      "3",
    ]);
    assert.deepEqual(tokenize13a("a &amp; b (c)"), ["a", "&", "b", "(", "c", ")"]);
  });
  it("rouge-score keeps lowercase alphanumerics", () => {
    assert.deepEqual(tokenizeRouge("Hello, World! it's"), ["hello", "world", "it", "s"]);
    assert.deepEqual(splitWhitespace(" a\u00a0b \n"), ["a", "b"]);
  });
});

describe("sentence BLEU (sacreBLEU)", () => {
  it("is 1 for an identical sentence", () => {
    const t = tokenize13a("the cat sat on the mat");
    near(sentenceBleu(t, [t]).score, 1);
  });
  it("exp smoothing and brevity penalty at a hand-worked value", () => {
    // hyp "the cat the cat" vs ref "the cat sat on the mat":
    // p1 = 3/4, p2 = 1/3, p3 = 1/(2·2), p4 = 1/(4·1); BP = exp(1 − 6/4)
    // BLEU = e^−0.5 · (3/4 · 1/3 · 1/4 · 1/4)^(1/4) = e^−0.5 · (1/64)^(1/4)
    const r = sentenceBleu(tokenize13a("the cat the cat"), [tokenize13a("the cat sat on the mat")]);
    near(r.score, Math.exp(-0.5) * (1 / 64) ** 0.25);
  });
  it("effective order for short hypotheses", () => {
    // hyp "cat": p1 = 1, no 2-grams → order 1; BP = exp(1 − 2/1)
    near(sentenceBleu(["cat"], [["the", "cat"]]).score, Math.exp(-1));
  });
  it("multiple references: clipped by the max count, closest length (ties to shorter)", () => {
    // hyp "a a" vs refs ["a b c", "a a"]: the second is identical → 1
    near(
      sentenceBleu(
        ["a", "a"],
        [
          ["a", "b", "c"],
          ["a", "a"],
        ],
      ).score,
      1,
    );
  });
  it("is 0 without any match and for empty hypotheses", () => {
    assert.equal(sentenceBleu(["x"], [["y"]]).score, 0);
    assert.equal(sentenceBleu([], [["y"]]).score, 0);
  });
});

describe("GLEU (NLTK)", () => {
  it("= matches / max(#hyp n-grams, #ref n-grams)", () => {
    near(sentenceGleu(["a", "b"], [["a", "c"]]), 1 / 3); // {a, b, ab} vs {a, c, ac}: 1 match of 3
    near(
      sentenceGleu(
        ["a", "b"],
        [
          ["a", "c"],
          ["a", "b", "c"],
        ],
      ),
      3 / 6,
    ); // second ref: 3 of max(3, 6)
    assert.equal(sentenceGleu([], [[]]), 0);
  });
});

describe("ROUGE (rouge-score)", () => {
  it("ROUGE-1 and ROUGE-2", () => {
    const t = tokenizeRouge("The cat sat");
    const p = tokenizeRouge("the cat ran");
    near(rougeN(t, p, 1).fmeasure, 2 / 3); // P = R = 2/3
    near(rougeN(t, p, 2).fmeasure, 1 / 2); // "the cat" of 2 bigrams each
    assert.equal(rougeN([], p, 1).fmeasure, 0);
  });
  it("ROUGE-L from the LCS", () => {
    near(rougeL(["a", "b", "c", "d"], ["a", "c", "d", "e"]).fmeasure, 0.75); // LCS 3, P = R = 3/4
    assert.equal(rougeL([], ["a"]).fmeasure, 0);
  });
});

describe("Porter stemmer", () => {
  it("reproduces the paper's examples", () => {
    const cases: Record<string, string> = {
      caresses: "caress",
      ponies: "poni",
      cats: "cat",
      feed: "feed",
      agreed: "agre",
      plastered: "plaster",
      motoring: "motor",
      sing: "sing",
      conflated: "conflat",
      hopping: "hop",
      falling: "fall",
      filing: "file",
      happy: "happi",
      sky: "sky",
      relational: "relat",
      conditional: "condit",
      rational: "ration",
      valenci: "valenc",
      conformabli: "conform",
      differentli: "differ",
      vileli: "vile",
      analogousli: "analog",
      vietnamization: "vietnam",
      predication: "predic",
      operator: "oper",
      hopefulness: "hope",
      formaliti: "formal",
      sensibiliti: "sensibl",
      triplicate: "triplic",
      formative: "form",
      electrical: "electr",
      goodness: "good",
      revival: "reviv",
      allowance: "allow",
      adjustment: "adjust",
      adoption: "adopt",
      communism: "commun",
      effective: "effect",
      probate: "probat",
      rate: "rate",
      cease: "ceas",
      controll: "control",
      roll: "roll",
      running: "run",
    };
    for (const [w, s] of Object.entries(cases)) assert.equal(porterStem(w), s, w);
  });
});

describe("METEOR (NLTK, exact + stem)", () => {
  it("identical three-word sentence: (1 − 0.5·(1/3)³)·1", () => {
    near(meteor(["the", "cat", "sat"], [["the", "cat", "sat"]]), 1 - 0.5 / 27);
  });
  it("stem matches count; without stemming the same pair scores 1/3", () => {
    near(meteor(["the", "cats", "sat"], [["the", "cat", "sat"]]), 1 - 0.5 / 27);
    // m = 2, P = R = 2/3 → Fmean = 2/3; 2 chunks → frag 1 → penalty 0.5 → 1/3
    near(meteor(["the", "cats", "sat"], [["the", "cat", "sat"]], { stem: false }), 1 / 3);
  });
  it("fragmentation: swapped words give 2 chunks of 2 matches → 0.5", () => {
    near(meteor(["b", "a"], [["a", "b"]]), 0.5);
  });
  it("NLTK's docstring pair without WordNet: 12 matches, 6 chunks", () => {
    // P = 12/18, R = 12/16 → Fmean = 0.5/(0.9·2/3 + 0.1·3/4) = 0.5/0.675; penalty 0.5·(6/12)³ = 0.0625
    // (NLTK gives 0.7398 with its WordNet stage: "always" ~ "forever" adds a match)
    const hyp =
      "it is a guide to action which ensures that the military always obeys the commands of the party";
    const ref = "it is a guide to action that ensures that the military will forever heed party commands";
    near(meteor(hyp.split(" "), [ref.split(" ")]), (1 - 0.0625) * (0.5 / 0.675));
  });
  it("no match is 0", () => {
    assert.equal(meteor(["x"], [["y"]]), 0);
    assert.equal(meteor([], [["y"]]), 0);
  });
});

describe("similarity kinds", () => {
  it("fuzzy_match default scorer is ratio / 100, best over references", () => {
    const r = score(
      "similarity.fuzzy_match",
      {},
      { completion: "this is a test", reference: ["zzz", "this is a test!"] },
    );
    near(r.score, 28 / 29);
  });
  it("fuzzy_match with WRatio and the default processor", () => {
    const r = score(
      "similarity.fuzzy_match",
      { scorer: "WRatio", processor: "default" },
      { completion: "HELLO!", reference: "hello world" },
    );
    near(r.score, 0.9);
  });
  it("pass_threshold turns the similarity into 1/0 and logs it", () => {
    const r = score(
      "similarity.rouge",
      { variant: "rouge_1", pass_threshold: 0.6 },
      { completion: "the cat ran", reference: "The cat sat" },
    );
    assert.equal(r.score, 1);
    near(r.components?.similarity, 2 / 3);
  });
  it("bleu and gleu and meteor kinds on an identical sentence", () => {
    const rollout = { completion: "the cat sat on the mat", reference: "the cat sat on the mat" };
    near(score("similarity.bleu", {}, rollout).score, 1);
    near(score("similarity.gleu", {}, rollout).score, 1);
    // 6 words, one chunk: (1 − 0.5·(1/6)³)
    near(score("similarity.meteor", {}, rollout).score, 1 - 0.5 / 216);
  });
  it("reads the answer tag when asked and scores 0 (or errors) without one", () => {
    const node = { from: "answer_tag", variant: "rouge_l" };
    near(score("similarity.rouge", node, { completion: "<answer>a b</answer>", reference: "a b" }).score, 1);
    assert.equal(score("similarity.rouge", node, { completion: "<answer>a b", reference: "a b" }).score, 0);
    const e = score(
      "similarity.rouge",
      { ...node, missing: "error" },
      { completion: "<answer>a b", reference: "a b" },
    );
    assert.equal(e.error?.kind, "parse");
  });
  describe("malformed inputs never throw", () => {
    const kinds = [
      "similarity.fuzzy_match",
      "similarity.bleu",
      "similarity.gleu",
      "similarity.meteor",
      "similarity.rouge",
    ];
    for (const kind of kinds) {
      it(`${kind}: empty, NaN text, duplicated blocks, wrong reference types, huge input`, () => {
        assert.equal(typeof score(kind, {}, { completion: "", reference: "a b" }).score, "number");
        assert.equal(typeof score(kind, {}, { completion: "NaN", reference: "NaN" }).score, "number");
        const dup = score(
          kind,
          { from: "answer_tag" },
          { completion: "<answer>x</answer><answer>a b</answer>", reference: "a b" },
        );
        assert.ok(dup.score !== null && dup.score > 0.5); // the last complete block is read
        assert.equal(score(kind, {}, { completion: "a", reference: { x: 1 } }).error?.kind, "invalid_input");
        assert.equal(
          score(kind, {}, { completion: "a", reference: Number.NaN }).error?.kind,
          "invalid_input",
        );
        const t0 = Date.now();
        const huge = score(
          kind,
          {},
          { completion: "lorem ipsum dolor ".repeat(100_000), reference: "lorem ipsum" },
        );
        assert.equal(huge.info?.truncated, true);
        assert.ok(Date.now() - t0 < NO_HANG_MS, `${kind} took ${Date.now() - t0} ms`);
      });
    }
  });
});

describe("text.check (string_check)", () => {
  const check = (operation: string, completion: string, reference: unknown) =>
    score("text.check", { operation }, { completion, reference }).score;
  it("eq, ne, like, ilike", () => {
    assert.equal(check("eq", "Paris", "Paris"), 1);
    assert.equal(check("eq", "Paris ", "Paris"), 0); // no trimming, as OpenAI
    assert.equal(check("ne", "Paris", "London"), 1);
    assert.equal(check("ne", "Paris", "Paris"), 0);
    assert.equal(check("like", "It is Paris.", "Paris"), 1);
    assert.equal(check("like", "It is paris.", "Paris"), 0);
    assert.equal(check("ilike", "It is PARIS.", "paris"), 1);
  });
  it("several references: any for eq/like, all for ne", () => {
    assert.equal(check("eq", "b", ["a", "b"]), 1);
    assert.equal(check("ne", "b", ["a", "b"]), 0);
    assert.equal(check("ne", "c", ["a", "b"]), 1);
  });
  it("a literal value, trimming, and bad references", () => {
    assert.equal(
      score("text.check", { operation: "eq", value: "SELECTED", trim: true }, { completion: " SELECTED\n" })
        .score,
      1,
    );
    assert.equal(score("text.check", {}, { completion: "a", reference: null }).error?.kind, "invalid_input");
    assert.equal(
      score("text.check", { from: "answer_tag" }, { completion: "<answer>a", reference: "a" }).score,
      0,
    );
  });
});

describe("n-gram counting over interned ids", () => {
  // Oracle: the string-keyed ngramCounts; both must give the same multiset of counts per order.
  const countsOf = (m: Map<unknown, number>) => [...m.values()].sort((a, b) => a - b);
  it("numeric keys and the joined-id fallback agree with string n-grams", () => {
    let seed = 3;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const vocabSize of [3, 40, 5000]) {
      const tokens = Array.from({ length: 600 }, () => `w${Math.floor(next() * vocabSize)}`);
      const ids = internTokens(tokens, new Map());
      const vocab = new Set(tokens).size;
      for (let n = 1; n <= 5; n++) {
        // 5000 distinct-ish words: base^(n+1) passes 2^52 from n = 4 on, so the fallback runs too.
        assert.deepEqual(countsOf(ngramIdCounts(ids, n, vocab)), countsOf(ngramCounts(tokens, n, n)));
      }
    }
  });
  it("counts repeated bigrams: (a b a b) has (a,b) twice and (b,a) once", () => {
    const m = ngramIdCounts(Int32Array.of(0, 1, 0, 1), 2, 2);
    assert.deepEqual(countsOf(m), [1, 2]);
  });
});

describe("13a tokeniser fast path", () => {
  it("a line without punctuation tokenises as it does through the full rules", () => {
    // Appending " ." forces the rule path; it only adds a final "." token to the same tokens.
    const alphabet = ["a", "Z", "9", " ", "  ", "\t", "\n", "'", "é", "日本", "\u00a0", "\u2028", "\u0085"];
    let seed = 77;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 3000; i++) {
      let s = "";
      const n = Math.floor(next() * 10);
      for (let k = 0; k < n; k++) s += alphabet[Math.floor(next() * alphabet.length)];
      const viaRules = tokenize13a(`${s} .`);
      assert.equal(viaRules.at(-1), ".");
      assert.deepEqual(tokenize13a(s), viaRules.slice(0, -1), JSON.stringify(s));
    }
  });
  it("a trailing BOM is kept, as Python's rstrip() keeps it (sacreBLEU: 'ab \\ufeff' → ['ab', '\\ufeff'])", () => {
    assert.deepEqual(tokenize13a("ab \ufeff"), ["ab", "\ufeff"]);
  });
  it("U+001C–U+001F separate tokens, as in Python's split() (sacreBLEU: 'a\\x1fb. \\x1c' → a b .)", () => {
    assert.deepEqual(tokenize13a("a\x1fb. \x1c"), ["a", "b", "."]);
  });
});

describe("reference details (values from rapidfuzz 3.14.5's fuzz_py and NLTK's PorterStemmer)", () => {
  it("WRatio at a length ratio of exactly 8 keeps the 0.9 partial scale", () => {
    near(wRatio("abcde", `abcde${"x".repeat(35)}`), 90);
  });
  it("lengths and order are by code point: ratio('a😀b', 'a😀c') = 200·2/6; 'ｚ' sorts before '😀'", () => {
    near(ratio("a😀b", "a😀c"), 66.66666666666667);
    assert.equal(pointLength("a😀"), 2);
    assert.deepEqual(["😀", "ｚ"].sort(byCodePoint), ["ｚ", "😀"]);
    near(tokenSortRatio("ｚ 😀 a", "😀 ｚ a"), 100);
  });
  it("partial_ratio searches every alignment of a needle longer than 64", () => {
    const n = "x".repeat(70);
    near(
      partialRatio(`${n.slice(0, 30)}y${n.slice(31)}`, `${"q".repeat(50)}${n}${"q".repeat(50)}`),
      98.57142857142858,
    );
  });
  it("default_process keeps the underscore (a Python word character)", () => {
    assert.equal(defaultProcess(" Hello, snake_case! "), "hello  snake_case");
  });
  it("Porter modes named after NLTK's", () => {
    const words = ["dying", "ties", "analogies", "hopefulli", "possibly", "is", "cried", "sky"];
    const want: Record<PorterMode, string[]> = {
      nltk_extensions: ["die", "tie", "analog", "hope", "possibl", "is", "cri", "sky"],
      martin_extensions: ["dy", "ti", "analog", "hopefulli", "possibl", "is", "cri", "sky"],
      original_algorithm: ["dy", "ti", "analogi", "hopefulli", "possibli", "i", "cri", "sky"],
    };
    for (const [mode, stems] of Object.entries(want))
      assert.deepEqual(
        words.map((w) => porterStem(w, mode as PorterMode)),
        stems,
        mode,
      );
  });
});

describe("partial_ratio beyond the exhaustive budget", () => {
  it("a 3,000-character needle in 20,000 characters stays bounded and still finds an exact occurrence", () => {
    let seed = 99;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const text = Array.from(
      { length: 20_000 },
      () => "abcdefghijklmnopqrstuvwxyz "[Math.floor(next() * 27)],
    ).join("");
    const needle = text.slice(7_000, 10_000);
    assert.ok((20_000 + 3_000) * 3_000 * Math.ceil(3_000 / 32) > PARTIAL_BUDGET);
    near(partialRatio(needle, text), 100);
  });
});
