import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { advantagesFromRequest, computeAdvantages } from "../../src/credit/api.ts";
import { RewardkitError } from "../../src/core/errors.ts";
import { close } from "./helpers.ts";

describe("computeAdvantages", () => {
  it("GRPO by group key, with nulls and a no-signal group reported", () => {
    const r = computeAdvantages({
      estimator: "grpo",
      rewards: [1, 0, null, 1, 1],
      groups: ["a", "a", "a", "b", "b"],
    });
    // group a: [1, 0] → ±0.5/(√0.5 + 1e-6); group b identical → 0
    const a = 0.5 / (Math.SQRT1_2 + 1e-6);
    close(r.advantages, [a, -a, 0, 0, 0]);
    assert.deepEqual(r.unscorable, [2]);
    assert.deepEqual(r.no_signal_groups, ["b"]);
    assert.equal(r.groups, 2);
    assert.equal(r.constants.eps, 1e-6);
  });
  it("RLOO with group_size, Dr. GRPO with the TRL convention", () => {
    close(computeAdvantages({ estimator: "rloo", rewards: [1, 0, 0, 0], group_size: 4 }).advantages, [
      1,
      -1 / 3,
      -1 / 3,
      -1 / 3,
    ]);
    // a group of one under TRL: 0
    close(
      computeAdvantages({ estimator: "drgrpo", rewards: [2], group_size: 1, options: { convention: "trl" } })
        .advantages,
      [0],
    );
  });
  it("step advantages for GRPO are process-supervised", () => {
    const r = computeAdvantages({
      estimator: "grpo",
      rewards: [1, 0],
      group_size: 2,
      steps: [
        [1, 0],
        [0, 0],
      ],
    });
    // all steps [1, 0, 0, 0]: mean 0.25, std 0.5 → A = [0.5, −0.25] and [−0.5, −0.25] over (0.5 + 1e-6)
    const s = 0.5 + 1e-6;
    close(r.step_advantages![0]!, [0.5 / s, -0.25 / s]);
    close(r.step_advantages![1]!, [-0.5 / s, -0.25 / s]);
  });
  it("the documented /v1/advantages example", () => {
    const r = computeAdvantages({
      estimator: "grpo",
      rewards: [1, 0, null, 1, 1],
      groups: ["p1", "p1", "p1", "p2", "p2"],
      steps: [[0.2, 0.8], [0.5, 0.1], null, null, null],
    });
    // p1 outcome [1, 0] → ±0.5/(√0.5 + 1e-6); p2 identical → 0 and reported
    const a = 0.5 / (Math.SQRT1_2 + 1e-6);
    close(r.advantages, [a, -a, 0, 0, 0]);
    assert.deepEqual(r.no_signal_groups, ["p2"]);
    // steps [0.2, 0.8, 0.5, 0.1]: mean 0.4, Σdev² = 0.3, var 0.1 → r̃ = [−0.2, 0.4, 0.1, −0.3]/(√0.1 + 1e-6)
    const s = Math.sqrt(0.1) + 1e-6;
    close(r.step_advantages![0]!, [0.2 / s, 0.4 / s]);
    close(r.step_advantages![1]!, [-0.2 / s, -0.3 / s]);
  });
  it("REINFORCE++-baseline at step level reduces to the outcome form for a terminal reward", () => {
    const r = computeAdvantages({
      estimator: "reinforce++-baseline",
      rewards: [1, 0, 3, 3],
      group_size: 2,
      steps: [
        [0, 1],
        [0, 0],
        [0, 3],
        [0, 3],
      ],
    });
    // outcome: centred [0.5, −0.5, 0, 0], var 1/6 → ±0.5/√(1/6 + 1e-8)
    const a = 0.5 / Math.sqrt(1 / 6 + 1e-8);
    close(r.advantages, [a, -a, 0, 0]);
    // every step of a row carries the row's centred return; whitened over all 8 steps: mean 0, var = 1/7
    const b = 0.5 / Math.sqrt((4 * 0.25) / 7 + 1e-8);
    close(r.step_advantages![0]!, [b, b]);
    close(r.step_advantages![1]!, [-b, -b]);
    close(r.step_advantages![2]!, [0, 0]);
  });
  it("GAE uses steps and values; rows without usable steps are unscorable", () => {
    const r = computeAdvantages({
      estimator: "gae",
      rewards: [1, null, 0],
      steps: [[0, 1], null, [0, null]],
      values: [[0.5, 0.5], null, null],
      options: { whiten: false },
    });
    close(r.step_advantages![0]!, [0.5, 0.5]);
    assert.equal(r.step_advantages![1], null);
    assert.deepEqual(r.unscorable, [1, 2]);
    close(r.advantages, [0.5, 0, 0]);
  });
});

describe("advantagesFromRequest", () => {
  it("returns the computed body", () => {
    const r = advantagesFromRequest({ rewards: [1, 0], group_size: 2 });
    // [1, 0]: mean 0.5, unbiased std √0.5 → ±0.5/(√0.5 + 1e-6)
    close(r.advantages, [0.5 / (Math.SQRT1_2 + 1e-6), -0.5 / (Math.SQRT1_2 + 1e-6)]);
  });
  it("throws E_INVALID_REQUEST naming the bad field (no HTTP status in the library)", () => {
    const fails = (body: unknown, path: (string | number)[], message?: RegExp) =>
      assert.throws(
        () => advantagesFromRequest(body),
        (e: unknown) =>
          e instanceof RewardkitError &&
          e.code === "E_INVALID_REQUEST" &&
          JSON.stringify(e.path) === JSON.stringify(path) &&
          (!message || message.test(e.message)),
      );
    fails({ estimator: "ppo", rewards: [1, 0] }, ["estimator"]);
    fails({ rewards: [1, 0], groups: ["a"] }, ["groups"], /groups: has 1 entries/);
    fails({ rewards: [1, 0], options: { eps: -1 } }, ["options", "eps"]);
    fails(
      { estimator: "gae", rewards: [1], steps: [[1, 2]], values: [[1]] },
      [],
      /values\[0\] has 1 entries/,
    );
  });
});

describe("constants report what each estimator used", () => {
  it("Dr. GRPO and RLOO do not report eps or std (no std division)", () => {
    const dr = computeAdvantages({
      estimator: "drgrpo",
      rewards: [1, 0],
      group_size: 2,
      options: { eps: 0.5 },
    });
    assert.deepEqual(dr.constants, { scale: "none", singleton: "raw" });
    // Dr. GRPO: r − mean = ±0.5 whatever eps is
    close(dr.advantages, [0.5, -0.5]);
    assert.deepEqual(computeAdvantages({ estimator: "rloo", rewards: [1, 0], group_size: 2 }).constants, {});
  });
  it("REINFORCE++ uses the eps it reports (added to the batch variance)", () => {
    // rewards [1, 0]: mean 0.5, unbiased variance 0.5 → A = ±0.5/√(0.5 + eps)
    const def = computeAdvantages({ estimator: "reinforce++", rewards: [1, 0] });
    assert.deepEqual(def.constants, { eps: 1e-8 });
    close(def.advantages, [0.5 / Math.sqrt(0.5 + 1e-8), -0.5 / Math.sqrt(0.5 + 1e-8)]);
    const big = computeAdvantages({ estimator: "reinforce++", rewards: [1, 0], options: { eps: 0.5 } });
    assert.deepEqual(big.constants, { eps: 0.5 });
    close(big.advantages, [0.5, -0.5]); // 0.5/√(0.5 + 0.5)
  });
  it("GAE without whitening reports no eps", () => {
    const g = computeAdvantages({ estimator: "gae", rewards: [1], options: { whiten: false, eps: 0.3 } });
    assert.deepEqual(g.constants, { gamma: 1, lambda: 1, whiten: false });
    close(g.advantages, [1]); // one step, V = 0: δ = 1
  });
});
