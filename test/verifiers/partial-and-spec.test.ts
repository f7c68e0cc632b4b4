import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import type { RewardResult, Rollout } from "../../src/core/types.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { parseSpecText } from "../../src/spec/parse.ts";
import { compileSpec, type RewardSpec } from "../../src/spec/spec.ts";
import { normalizeAnswer } from "../../src/verifiers/extract/normalize.ts";
import { alreadyNormal } from "../../src/verifiers/partial/sub-answer-kind.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

const near = (a: number | null | undefined, b: number, eps = 1e-9) =>
  assert.ok(typeof a === "number" && Math.abs(a - b) <= eps, `expected ${b}, got ${a}`);

function score(node: Record<string, unknown>, rollout: Rollout): RewardResult {
  const r = compileNode({ kind: "credit.partial", ...node }, { registry: defaultRegistry }).score(
    rollout,
    {},
  );
  assert.ok(!(r instanceof Promise));
  return r as RewardResult;
}

const reference = {
  difficulty: "middle",
  parts: [
    { key: "a", answer: "1", weight: 2 },
    { key: "b", answer: "x", weight: 1, difficulty: "hard" },
  ],
};

describe("credit.partial", () => {
  it("weights sub-answers and difficulty", () => {
    // a right (w 2), b wrong (w 1·1.5): detail = 2/3.5; rollout difficulty middle → ×1.2
    const r = score({}, { completion: '<answer>{"a": 1, "b": "y"}</answer>', reference });
    near(r.score, 1.2 * (2 / 3.5));
    assert.deepEqual(r.components, { "part.a": 1, "part.b": 0, detail: 2 / 3.5, all_correct: 0 });
  });
  it("gentle negative values for wrong parts", () => {
    // detail = (2·1 + 1.5·(−0.5))/3.5 = 1.25/3.5; ×1.2
    const r = score({ wrong_value: -0.5 }, { completion: '<answer>{"a": 1, "b": "y"}</answer>', reference });
    near(r.score, 1.2 * (1.25 / 3.5));
  });
  it("RewardMap's form: w·(10·1[all right] + 0.5·R_detail), raw detail sum", () => {
    // all right: detail = 2 + 1.5 = 3.5; 1.2·(10 + 0.5·3.5) = 14.1
    const node = { normalize: false, all_correct_bonus: 10, detail_weight: 0.5, detail_max: 10 };
    near(score(node, { completion: '{"a": "1", "b": "X"}', reference }).score, 14.1);
  });
  it("reads one tag per part and compares numbers with a tolerance", () => {
    const r = score(
      { from: "tags", rel_tol: 0.1 },
      { completion: "<a>1.05</a><b>x</b>", reference: { a: 1, b: "x" } },
    );
    near(r.score, 1); // |1.05 − 1| ≤ 0.1
  });
  it("accepts any of several answers per part and meta.difficulty", () => {
    const r = score(
      {},
      { completion: '{"a": "one"}', reference: { a: ["1", "one"] }, meta: { difficulty: "hard" } },
    );
    near(r.score, 1.5);
  });
  describe("malformed outputs", () => {
    it("empty, unclosed tag, NaN, wrong types: missing parts score missing_value", () => {
      for (const completion of ["", '<answer>{"a": 1', '{"a": NaN}', "[1, 2]"]) {
        const r = score({ missing_value: -0.1 }, { completion, reference: { a: 1, b: 2 } });
        near(r.score, -0.1);
      }
    });
    it("duplicated answer blocks: the last complete block is read", () => {
      const r = score(
        {},
        { completion: '<answer>{"a": 2}</answer><answer>{"a": 1}</answer>', reference: { a: 1 } },
      );
      near(r.score, 1);
    });
    it("huge input stays bounded", () => {
      const t0 = Date.now();
      const r = score({}, { completion: `{"a": "${"x".repeat(2_000_000)}"}`, reference: { a: 1 } });
      assert.equal(typeof r.score, "number");
      assert.ok(Date.now() - t0 < NO_HANG_MS);
    });
    it("bad references and unknown difficulties are invalid_input", () => {
      assert.equal(score({}, { completion: "{}", reference: "a" }).error?.kind, "invalid_input");
      assert.equal(
        score({}, { completion: "{}", reference: { parts: [{ key: 1 }] } }).error?.kind,
        "invalid_input",
      );
      assert.equal(score({}, { completion: "{}", reference: { parts: [] } }).error?.kind, "invalid_input");
      const r = score({}, { completion: "{}", reference: { a: 1 }, meta: { difficulty: "extreme" } });
      assert.equal(r.error?.kind, "invalid_input");
    });
  });
});

describe("examples/specs/job-application.yaml", () => {
  const raw = parseSpecText(
    readFileSync(new URL("../../examples/specs/job-application.yaml", import.meta.url), "utf8"),
  );
  const { spec, reward } = compileSpec(raw, { registry: defaultRegistry });
  it("compiles and has examples", () => {
    assert.ok((spec as RewardSpec).examples?.length);
  });
  for (const ex of (spec as RewardSpec).examples ?? []) {
    it(`example: ${ex.name}`, () => {
      const r = reward.score(ex.rollout, {}) as RewardResult;
      const tol = ex.tolerance ?? 0;
      if (ex.expect.score !== undefined && ex.expect.score !== null) near(r.score, ex.expect.score, tol);
      for (const [k, v] of Object.entries(ex.expect.components ?? {}))
        if (v !== null) near(r.components?.[k], v, tol);
    });
  }
  it("penalties stay bounded on a very long, unformatted answer", () => {
    const r = reward.score(
      {
        completion: "word ".repeat(100_000),
        reference: { decision: "SELECTED", calibration: { score: 80 }, rationale: "r" },
      },
      {},
    ) as RewardResult;
    // -0.5 + 0.3·(-0.25) + 0 + 0 - 0.25 = -0.825, the documented floor
    near(r.score, -0.825);
  });
});

describe("credit.partial's normalisation fast path", () => {
  it("alreadyNormal(s) implies normalizeAnswer(s) === s (property over a tricky alphabet)", () => {
    const alphabet = [
      " ",
      "  ",
      "a",
      "Z",
      "1",
      ".",
      "!",
      "\t",
      "\n",
      "é",
      "Ａ",
      "\u200b",
      "\u2212",
      "。",
      "-",
      "$",
      "%",
      ",",
    ];
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let fast = 0;
    for (let i = 0; i < 5000; i++) {
      let s = "";
      const n = Math.floor(next() * 8);
      for (let k = 0; k < n; k++) s += alphabet[Math.floor(next() * alphabet.length)];
      for (const ignoreCase of [true, false]) {
        if (!alreadyNormal(s, ignoreCase)) continue;
        fast++;
        assert.equal(normalizeAnswer(s, { ignoreCase }), s, JSON.stringify(s));
      }
    }
    assert.ok(fast > 100, `fast path taken ${fast} times`);
  });
  it("takes the fast path only for text normalisation leaves alone", () => {
    assert.equal(alreadyNormal("the cat", true), true);
    assert.equal(alreadyNormal("The cat", true), false); // lowercasing would change it
    assert.equal(alreadyNormal("The cat", false), true);
    assert.equal(alreadyNormal("the  cat", true), false); // whitespace collapses
    assert.equal(alreadyNormal("cat.", true), false); // trailing period is stripped
    assert.equal(alreadyNormal("café", true), false); // non-ASCII goes through NFKC
  });
});
