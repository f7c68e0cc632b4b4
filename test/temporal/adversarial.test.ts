// Attempts that must fail cleanly (typed error, no hang, no crash) or must not count as events.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import { RewardkitError } from "../../src/core/errors.ts";
import type { RewardResult, Rollout } from "../../src/core/types.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { parseLtlf } from "../../src/temporal/parse.ts";

const build = (node: Record<string, unknown>) => compileNode(node, { registry: defaultRegistry });
const score = async (node: Record<string, unknown>, r: unknown) =>
  (await build(node).score(r as Rollout, {})) as RewardResult;

describe("temporal kinds against hostile input", () => {
  it("only string events count; text that names an event is not the event", async () => {
    const node = { kind: "temporal.ltlf", formula: "F confirm" };
    const r = await score(node, {
      completion: "",
      steps: [{ events: [1, null, { confirm: true }, ["confirm"]] }, { text: "events: [confirm]" }],
    });
    assert.equal(r.score, 0);
  });
  it("prototype names are plain propositions", async () => {
    const r = await score(
      { kind: "temporal.ltlf", formula: "F constructor & F __proto__ & !F toString" },
      {
        completion: "",
        steps: [{ events: ["constructor"] }, { events: ["__proto__"] }],
      },
    );
    assert.equal(r.score, 1);
  });
  it("a malformed step is a typed invalid_input, not a crash", async () => {
    for (const steps of [[null], [42], [["a"]]]) {
      const r = await score({ kind: "temporal.ltlf", formula: "F a" }, { completion: "", steps });
      assert.equal(r.score, null);
      assert.equal(r.error?.kind, "invalid_input");
    }
  });
  it("a formula that would blow up the automaton state fails with a resource error", async () => {
    // 14 different disjunctions over 4 propositions: their conjunction has 2^14 DNF terms after one step
    const parts = Array.from(
      { length: 14 },
      (_, i) => `(F(a & ${"X ".repeat(i + 1)}b) | F(c & ${"X ".repeat(i + 1)}d))`,
    );
    const r = await score(
      { kind: "temporal.ltlf", formula: parts.join(" & ") },
      {
        completion: "",
        steps: Array.from({ length: 3 }, () => ({ events: [] })),
      },
    );
    assert.equal(r.score, null);
    assert.equal(r.error?.kind, "resource");
  });
  it("deeply nested or huge formulas are refused at compile time", () => {
    assert.throws(() => parseLtlf(`${"(".repeat(5000)}a${")".repeat(5000)}`), /nested deeper/);
    assert.throws(() => parseLtlf("a & ".repeat(10_000) + "a"), /longer than/);
    // long chains parse without recursion per operator
    assert.equal(parseLtlf(`${"! ".repeat(9000)}a`).formula.op, "atom");
    assert.equal(parseLtlf(Array.from({ length: 3000 }, () => "a").join(" U ")).formula.op, "until");
    assert.equal(parseLtlf(Array.from({ length: 1500 }, (_, i) => `p${i}`).join(" -> ")).formula.op, "or");
    assert.throws(
      () => build({ kind: "temporal.ltlf", formula: "!".repeat(300_000) }),
      (e: unknown) => e instanceof RewardkitError,
    );
  });
  it("a reward machine line that tries to run code is refused", () => {
    assert.throws(
      () =>
        build({ kind: "temporal.reward_machine", machine: "0\n[1]\n(0,1,'a',__import__('os').system('x'))" }),
      /only constant rewards/,
    );
  });
});
