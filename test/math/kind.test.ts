// math.equivalent as a reward kind: compiled from a spec, scored inline (no executor present).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import type { RewardResult } from "../../src/core/types.ts";
import { compileNode } from "../../src/spec/compile.ts";

const reward = (extra: Record<string, unknown> = {}) =>
  compileNode({ kind: "math.equivalent", ...extra }, { registry: defaultRegistry });

describe("math.equivalent kind", () => {
  test("declares isolation and a stable id", () => {
    const r = reward();
    assert.equal(r.id, "math.equivalent@1");
    assert.equal(r.needs.isolation, true);
  });

  test("1 for an equivalent boxed answer, with what was extracted and the rule in info", () => {
    const r = reward().score({ completion: "So the answer is \\boxed{\\frac{2}{4}}.", reference: "0.5" }, {});
    const res = r as RewardResult;
    assert.equal(res.score, 1);
    assert.equal((res.info as any).rule, "float-rounding"); // 2/4 vs the decimal 0.5: rounded at 6 decimals
    assert.equal((res.info as any).pred.source, "boxed");
    assert.equal((res.info as any).pred.parsed, "(2/4)");
  });

  test("0 for a wrong answer, never an error", () => {
    const res = reward().score({ completion: "\\boxed{3}", reference: "$4$" }, {}) as RewardResult;
    assert.equal(res.score, 0);
    assert.equal(res.error, undefined);
  });

  test("reads the reference through reference_field and accepts any of several references", () => {
    const r = reward({ reference_field: "answers" });
    const res = r.score(
      { completion: "\\boxed{12}", reference: { answers: ["11", "12"] } },
      {},
    ) as RewardResult;
    assert.equal(res.score, 1);
    assert.equal((res.info as any).reference, "12");
  });

  test("a math bomb is a resource error with score null", () => {
    const res = reward().score({ completion: "\\boxed{10^{10^{10}}}", reference: "1" }, {}) as RewardResult;
    assert.equal(res.score, null);
    assert.equal(res.error?.kind, "resource");
  });

  test("a missing answer scores 0 by default and is a parse error with missing: error", () => {
    const rollout = { completion: "I do not know.", reference: "4" };
    assert.equal((reward().score(rollout, {}) as RewardResult).score, 0);
    const res = reward({ missing: "error" }).score(rollout, {}) as RewardResult;
    assert.equal(res.score, null);
    assert.equal(res.error?.kind, "parse");
  });

  test("a reference with no extractable answer is invalid input, not a silent 0", () => {
    const res = reward().score({ completion: "\\boxed{4}", reference: "" }, {}) as RewardResult;
    assert.equal(res.score, null);
    assert.equal(res.error?.kind, "invalid_input");
  });

  test("a reference that is found but cannot be parsed is invalid input naming it, not a 0", () => {
    for (const reference of ["\\boxed{\\frac{1}{}}", "The answer is $\\frac{3}{$."]) {
      const res = reward().score({ completion: "\\boxed{4}", reference }, {}) as RewardResult;
      assert.equal(res.score, null, reference);
      assert.equal(res.error?.kind, "invalid_input");
      assert.match(res.error!.message, /reference answer .*cannot be parsed/);
    }
    // The same wrong completion against a parseable reference is an ordinary 0.
    const ok = reward().score({ completion: "\\boxed{4}", reference: "\\boxed{\\frac{1}{3}}" }, {});
    assert.equal((ok as RewardResult).score, 0);
  });

  test("an undecidable numeric comparison scores 0 and says why in info", () => {
    const res = reward().score(
      { completion: "\\boxed{\\sin(10^{17})}", reference: "42" },
      {},
    ) as RewardResult;
    assert.equal(res.score, 0);
    const info = res.info as { rule: string; note: string };
    assert.equal(info.rule, "numeric-undecided");
    assert.match(info.note, /error bound .* undecided/);
  });

  test("the echo guard reads the prompt: an echoed formula is not an answer", () => {
    const rollout = {
      prompt: "Simplify $\\frac{2x+2}{2}$.",
      completion: "We simplify $\\frac{2x+2}{2}$.",
      reference: "x+1",
    };
    assert.equal((reward().score(rollout, {}) as RewardResult).score, 0);
    assert.equal((reward({ echo_guard: false }).score(rollout, {}) as RewardResult).score, 1);
  });

  test("unknown parameters are rejected when the spec is compiled", () => {
    assert.throws(() => reward({ precison: 4 }));
  });
});

describe("computer-algebra fallback adapters", () => {
  test("the compute engine's tree of a LaTeX sum converts to the same exact value", async () => {
    const { casParseLatex } = await import("../../src/verifiers/math/cas.ts");
    const { exact } = await import("../../src/verifiers/math/expression-value.ts");
    const n = casParseLatex("\\frac{1}{2}+\\frac{1}{3}");
    // When the engine is unavailable in this runtime the adapter says so with null rather than guessing.
    if (n) assert.equal(exact(n)?.toString(), "5/6"); // 1/2 + 1/3 = 5/6
  });
  test("mathjs's tree of a plain expression converts to the same exact value", async () => {
    const { casParseExpr } = await import("../../src/verifiers/math/cas.ts");
    const { exact } = await import("../../src/verifiers/math/expression-value.ts");
    const n = casParseExpr("2^3 - 1/4");
    if (n) assert.equal(exact(n)?.toString(), "31/4"); // 8 - 1/4 = 31/4
  });
});
