/**
 * similarity.* against the references' own code: pairs from generate.py, values recorded by label.py (outside CI)
 * from rapidfuzz's pure-Python implementation, sacreBLEU, NLTK and rouge-score. Every documented setting must
 * equal its reference within 1e-9 on every pair.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { defaultRegistry } from "../../../src/builtins.ts";
import type { RewardResult } from "../../../src/core/types.ts";
import { compileNode } from "../../../src/spec/compile.ts";
import { type PorterMode, porterStem } from "../../../src/verifiers/similarity/porter.ts";

interface Pair {
  id: string;
  class: string;
  hyp: string;
  refs: string[];
}
const dir = new URL(".", import.meta.url);
const { pairs, porter_words: words } = JSON.parse(readFileSync(new URL("pairs.json", dir), "utf8")) as {
  pairs: Pair[];
  porter_words: string[];
};
const recorded = JSON.parse(readFileSync(new URL("values.json", dir), "utf8")) as {
  values: Record<string, Record<string, number>>;
  porter: Record<string, Record<string, string>>;
};

const STEMMERS: Record<string, Record<string, unknown>> = {
  no_stem: { use_stemmer: false },
  nltk_extensions: { use_stemmer: true },
  martin_extensions: { use_stemmer: true, stemmer: "martin_extensions" },
  original_algorithm: { use_stemmer: true, stemmer: "original_algorithm" },
};
const BLEU: Record<string, Record<string, unknown>> = {
  default: {},
  lowercase: { lowercase: true },
  tokenize_none: { tokenize: "whitespace" },
  smooth_floor: { smooth: "floor" },
  "smooth_add-k": { smooth: "add-k" },
  smooth_none: { smooth: "none" },
  no_effective_order: { effective_order: false },
  lower_whitespace: { tokenize: "lower_whitespace" },
  floor_value_0_2: { smooth: "floor", smooth_value: 0.2 },
  "add-k_2": { smooth: "add-k", smooth_value: 2 },
  max_order_2: { max_order: 2 },
};

/** The spec node a recorded setting key stands for (see label.py for the reference side). */
function nodeFor(key: string): Record<string, unknown> {
  const [metric, a, b] = key.split(".") as [string, string, string | undefined];
  switch (metric) {
    case "fuzzy_match":
      return { kind: "similarity.fuzzy_match", scorer: a, processor: b };
    case "bleu":
      if (!BLEU[a]) throw new Error(`unknown setting ${key}`);
      return { kind: "similarity.bleu", ...BLEU[a] };
    case "gleu":
      return {
        kind: "similarity.gleu",
        ...(a === "1-2" ? { max_len: 2 } : a === "13a" ? { tokenize: "13a" } : {}),
      };
    case "meteor":
      if (a === "no_stem") return { kind: "similarity.meteor", stem: false };
      if (a === "whitespace") return { kind: "similarity.meteor", tokenize: "whitespace" };
      if (a === "weights") return { kind: "similarity.meteor", alpha: 0.85, beta: 2, gamma: 0.4 };
      return { kind: "similarity.meteor", ...(a === "nltk_extensions" ? {} : { stemmer: a }) };
    case "rouge":
      return {
        kind: "similarity.rouge",
        variant: a.replace("rouge", "rouge_").toLowerCase(),
        ...STEMMERS[b!],
      };
  }
  throw new Error(`unknown setting ${key}`);
}

const keys = Object.keys(recorded.values[pairs[0]!.id]!);
const metrics = [...new Set(keys.map((k) => k.split(".")[0]!))];

describe("similarity conformance with the reference implementations", () => {
  it("has ≥ 200 pairs per metric over every class", () => {
    assert.ok(pairs.length >= 200);
    for (const p of pairs) assert.ok(recorded.values[p.id], `no values for ${p.id}`);
    for (const c of [
      "whitespace",
      "bom",
      "astral",
      "long",
      "length_ratio_8",
      "length_ratio_1.5",
      "multi_ref",
    ])
      assert.ok(
        pairs.some((p) => p.class === c),
        `no ${c} pairs`,
      );
  });

  for (const metric of metrics) {
    it(`${metric}: every setting equals its reference within 1e-9 on every pair`, () => {
      const bad: string[] = [];
      for (const key of keys.filter((k) => k.startsWith(`${metric}.`))) {
        const node = compileNode(nodeFor(key), { registry: defaultRegistry });
        for (const p of pairs) {
          const want = recorded.values[p.id]![key]!;
          const r = node.score({ completion: p.hyp, reference: p.refs }, {}) as RewardResult;
          if (typeof r.score !== "number" || Math.abs(r.score - want) > 1e-9)
            bad.push(`${key} ${p.id}: want ${want}, got ${r.score}`);
        }
      }
      assert.deepEqual(bad.slice(0, 12), [], `${bad.length} mismatches`);
    });
  }

  it("the Porter stemmer equals NLTK's in each mode on every word", () => {
    const bad: string[] = [];
    for (const [mode, table] of Object.entries(recorded.porter)) {
      assert.ok(words.length >= 200);
      for (const w of words) {
        const got = porterStem(w, mode as PorterMode);
        if (got !== table[w]) bad.push(`${mode} ${w}: want ${table[w]}, got ${got}`);
      }
    }
    assert.deepEqual(bad.slice(0, 12), [], `${bad.length} mismatches`);
  });
});
