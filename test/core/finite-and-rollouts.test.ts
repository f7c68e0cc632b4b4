import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isTransient, parsePath, RewardkitError } from "../../src/core/errors.ts";
import { defineReward } from "../../src/core/reward.ts";
import { parseRollouts } from "../../src/core/rollout.ts";
import { scoreBatch, scoreOne } from "../../src/core/score-batch.ts";

const returning = (out: unknown, async = false) =>
  defineReward({
    kind: "test.returns",
    score: () => (async ? Promise.resolve(out) : out) as never,
  });

describe("finite check in core", () => {
  it("a NaN component, an Infinity step or a NaN score is a typed error, never written as null", async () => {
    const cases: [unknown, RegExp][] = [
      [{ score: 1, components: { a: Number.NaN } }, /non-finite component "a" \(NaN\)/],
      [{ score: 1, steps: [0, Number.POSITIVE_INFINITY] }, /non-finite step 1 \(Infinity\)/],
      [{ score: Number.NaN }, /non-finite score \(NaN\)/],
    ];
    for (const [out, why] of cases) {
      for (const async of [false, true]) {
        const [r] = await scoreBatch(returning(out, async), [{ completion: "x" }]);
        assert.equal(r!.score, null);
        assert.equal(r!.error?.kind, "internal");
        assert.match(r!.error!.message, why);
      }
    }
    const one = scoreOne(returning({ score: 1, components: { a: -Infinity } }), { completion: "x" });
    assert.equal((one as { error?: { kind: string } }).error?.kind, "internal");
  });
  it("finite results and nulls pass unchanged (the same object)", () => {
    const out = { score: 0.5, components: { a: null, b: 1 }, steps: [null, 0] };
    assert.equal(scoreOne(returning(out), { completion: "x" }), out);
  });
});

describe("parseRollouts", () => {
  it("reports every shape problem with its path; null optional fields are absent", () => {
    const ok = parseRollouts([{ completion: "a", group: null, prompt: null }], "rollouts");
    assert.deepEqual(ok, [{ completion: "a" }]);
    assert.throws(
      () => parseRollouts([{ completion: "a", id: [1] }, { completion: 5 }], "rollouts"),
      (e: unknown) =>
        e instanceof RewardkitError &&
        e.code === "E_BAD_REQUEST" &&
        e.issues.map((i) => i.path).join() === "rollouts[0].id,rollouts[1].completion" &&
        JSON.stringify(e.path) === '["rollouts",0,"id"]',
    );
  });
  it("limits are E_LIMIT errors naming the limit", () => {
    const limits = { max_rollouts: 1, max_completion_chars: 3, max_steps: 1 };
    const limitOf = (v: unknown) => {
      try {
        parseRollouts(v, "rollouts", limits);
      } catch (e) {
        assert.ok(e instanceof RewardkitError && e.code === "E_LIMIT");
        return e.detail;
      }
      assert.fail("no error");
    };
    assert.deepEqual(limitOf([{ completion: "a" }, { completion: "b" }]), {
      limit: "max_rollouts",
      max: 1,
      actual: 2,
    });
    assert.deepEqual(limitOf([{ completion: "abcd" }]), { limit: "max_completion_chars", max: 3, actual: 4 });
    assert.deepEqual(limitOf([{ completion: "a", steps: [{}, {}] }]), {
      limit: "max_steps",
      max: 1,
      actual: 2,
    });
  });
});

describe("errors", () => {
  it("isTransient: timeouts, upstream, sandbox and resource failures and capacity refusals", () => {
    for (const kind of ["timeout", "upstream", "sandbox", "resource"]) assert.ok(isTransient({ kind }));
    for (const kind of ["parse", "invalid_input", "internal", "compile"]) assert.ok(!isTransient({ kind }));
    assert.ok(isTransient(new RewardkitError("E_OVERLOADED", [])));
    assert.ok(!isTransient(new RewardkitError("E_BAD_REQUEST", [])));
  });
  it("one shape: code, path segments, message, cause", () => {
    const cause = new Error("inner");
    const e = new RewardkitError("E_SPEC_INVALID", [{ path: "reward.terms[1].weight", message: "bad" }], {
      cause,
    });
    assert.deepEqual(e.path, ["reward", "terms", 1, "weight"]);
    assert.equal(e.message, "reward.terms[1].weight: bad");
    assert.equal(e.cause, cause);
    assert.deepEqual(parsePath("a.b[2][3].c"), ["a", "b", 2, 3, "c"]);
  });
});
