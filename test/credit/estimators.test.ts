import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dynamicSamplingFilter } from "../../src/credit/dynamic-sampling.ts";
import { gae } from "../../src/credit/gae.ts";
import { normalizeThenSum } from "../../src/credit/gdpo.ts";
import { fixedGroups, groupBy, rowsOf } from "../../src/credit/groups.ts";
import { drGrpo, grpo } from "../../src/credit/grpo.ts";
import {
  reinforcePlusPlus,
  reinforcePlusPlusBaseline,
  reinforcePlusPlusTokens,
} from "../../src/credit/reinforce-pp.ts";
import { seededRandom } from "../../src/credit/rng.ts";
import { rloo } from "../../src/credit/rloo.ts";
import { maskedWhiten, meanStd } from "../../src/credit/stats.ts";
import { close, sum } from "./helpers.ts";

const NaN_ = Number.NaN;
const SQRT13 = Math.sqrt(1 / 3);

describe("groups", () => {
  it("groups by first appearance and gives keyless rows their own group", () => {
    const g = groupBy(["a", "b", "a", undefined, "b"]);
    assert.deepEqual(Array.from(g.offsets), [0, 2, 4, 5]);
    assert.deepEqual(rowsOf(g, 0), [0, 2]);
    assert.deepEqual(rowsOf(g, 1), [1, 4]);
    assert.deepEqual(rowsOf(g, 2), [3]);
  });
  it("fixed groups keep a trailing partial group", () => {
    assert.deepEqual(Array.from(fixedGroups(7, 3).offsets), [0, 3, 6, 7]);
    assert.throws(() => fixedGroups(4, 0), RangeError);
  });
});

describe("GRPO", () => {
  it("verl convention: (r − mean)/(unbiased std + 1e-6)", () => {
    // mean 0.5, deviations ±0.5, Σdev² = 1, unbiased var = 1/3 → std = √(1/3); A = ±0.5/(√(1/3) + 1e-6)
    const a = 0.5 / (SQRT13 + 1e-6);
    close(grpo(Float64Array.of(1, 0, 1, 0), fixedGroups(4, 4)), [a, -a, a, -a]);
  });
  it("TRL convention: eps 1e-4", () => {
    const a = 0.5 / (SQRT13 + 1e-4);
    close(grpo(Float64Array.of(1, 0, 1, 0), fixedGroups(4, 4), { convention: "trl" }), [a, -a, a, -a]);
  });
  it("population std divides by n", () => {
    // population var = 1/4 → std 0.5; A = ±0.5/(0.5 + 1e-6)
    const a = 0.5 / (0.5 + 1e-6);
    close(grpo(Float64Array.of(1, 0, 1, 0), fixedGroups(4, 4), { std: "population" }), [a, -a, a, -a]);
  });
  it("batch scale divides by the batch std but keeps the group mean", () => {
    // groups [1, 0] and [3, 3]; batch mean 1.75, Σdev² = 0.5625 + 3.0625 + 1.5625·2 = 6.75, var = 6.75/3 = 2.25 → std 1.5
    const a = 0.5 / (1.5 + 1e-6);
    close(grpo(Float64Array.of(1, 0, 3, 3), fixedGroups(4, 2), { scale: "batch" }), [a, -a, 0, 0]);
  });
  it("a group of one: verl gives r/(1+eps), TRL gives 0", () => {
    close(grpo(Float64Array.of(2), fixedGroups(1, 1)), [2 / (1 + 1e-6)]);
    close(grpo(Float64Array.of(2), fixedGroups(1, 1), { convention: "trl" }), [0]);
    close(drGrpo(Float64Array.of(2), fixedGroups(1, 1)), [2]);
    close(drGrpo(Float64Array.of(2), fixedGroups(1, 1), { convention: "trl" }), [0]);
  });
  it("identical rewards give 0 (no signal), not NaN", () => {
    close(grpo(Float64Array.of(1, 1, 1), fixedGroups(3, 3)), [0, 0, 0]);
  });
  it("null rows: advantage 0 and out of the baseline", () => {
    // scorable [1, 0, 1]: mean 2/3, dev [1/3, −2/3, 1/3], Σdev² = 6/9, var = 1/3 → std √(1/3)
    const s = SQRT13 + 1e-6;
    close(grpo(Float64Array.of(1, NaN_, 0, 1), fixedGroups(4, 4)), [1 / 3 / s, 0, -2 / 3 / s, 1 / 3 / s]);
    close(grpo(Float64Array.of(NaN_, NaN_), fixedGroups(2, 2)), [0, 0]);
  });
  it("stays accurate far from zero and can write into a reused buffer", () => {
    // [1e9 + 1, 1e9, 1e9 + 1, 1e9] has the same deviations as [1, 0, 1, 0]
    const a = 0.5 / (SQRT13 + 1e-6);
    const out = new Float64Array(4).fill(7);
    const r = grpo(Float64Array.of(1e9 + 1, 1e9, 1e9 + 1, 1e9), fixedGroups(4, 4), { out });
    assert.equal(r, out);
    close(r, [a, -a, a, -a], 1e-9);
    // a reused buffer is overwritten everywhere: all-null groups and null rows come out 0, not stale values
    const stale = new Float64Array(6).fill(7);
    grpo(Float64Array.of(NaN_, NaN_, 1, 0, NaN_, 3), fixedGroups(6, 2), { out: stale, convention: "trl" });
    close(stale, [0, 0, 0.5 / (Math.SQRT1_2 + 1e-4), -0.5 / (Math.SQRT1_2 + 1e-4), 0, 0]);
    // a null first row takes the careful path and still leaves the others exact
    close(
      grpo(Float64Array.of(NaN_, 1e9 + 1, 1e9, 1e9 + 1, 1e9), fixedGroups(5, 5)),
      [0, a, -a, a, -a],
      1e-9,
    );
  });
  it("Dr. GRPO: r − mean", () => {
    close(drGrpo(Float64Array.of(1, 0, 0, 0), fixedGroups(4, 4)), [0.75, -0.25, -0.25, -0.25]);
  });
  it("interleaved groups by key give the same result as contiguous ones", () => {
    const a = grpo(Float64Array.of(1, 5, 0, 7), groupBy(["x", "y", "x", "y"]));
    const b = grpo(Float64Array.of(1, 0, 5, 7), fixedGroups(4, 2));
    close([a[0]!, a[2]!, a[1]!, a[3]!], b);
  });
});

describe("RLOO", () => {
  it("leave-one-out baseline", () => {
    // A_0 = 1 − mean(0, 0, 0) = 1; A_1 = 0 − mean(1, 0, 0) = −1/3
    close(rloo(Float64Array.of(1, 0, 0, 0), fixedGroups(4, 4)), [1, -1 / 3, -1 / 3, -1 / 3]);
  });
  it("a group of one keeps its reward; nulls are not counted in G", () => {
    close(rloo(Float64Array.of(0.7), fixedGroups(1, 1)), [0.7]);
    // scorable [1, 0]: A = 1 − 0, 0 − 1
    close(rloo(Float64Array.of(1, NaN_, 0), fixedGroups(3, 3)), [1, 0, -1]);
  });
});

describe("properties over random batches", () => {
  const rand = seededRandom(42);
  const rows = 16 * 40;
  const scores = new Float64Array(rows);
  for (let i = 0; i < rows; i++) scores[i] = Math.round(rand() * 4) / 4 + (rand() < 0.3 ? rand() : 0);
  const groups = fixedGroups(rows, 16);

  it("GRPO and RLOO advantages sum to zero per group", () => {
    for (const adv of [grpo(scores, groups), rloo(scores, groups), drGrpo(scores, groups)]) {
      for (let g = 0; g < rows / 16; g++) close(sum(adv.subarray(g * 16, g * 16 + 16)), 0, 1e-9);
    }
  });
  it("RLOO = G/(G−1)·(r − mean) = r − mean of the others", () => {
    const a = rloo(scores, groups);
    for (let g = 0; g < rows / 16; g++) {
      const xs = scores.subarray(g * 16, g * 16 + 16);
      const m = sum(xs) / 16;
      for (let k = 0; k < 16; k++) {
        close(a[g * 16 + k]!, (16 / 15) * (xs[k]! - m), 1e-12);
        close(a[g * 16 + k]!, xs[k]! - (sum(xs) - xs[k]!) / 15, 1e-12);
      }
    }
  });
  it("null rows never change other rows' advantages", () => {
    const withNull = new Float64Array(rows + rows / 4);
    const keys: number[] = [];
    const where: number[] = [];
    let j = 0;
    for (let i = 0; i < rows; i++) {
      if (i % 4 === 0) {
        withNull[j] = NaN_;
        keys.push(Math.floor(i / 16));
        j++;
      }
      where.push(j);
      withNull[j] = scores[i]!;
      keys.push(Math.floor(i / 16));
      j++;
    }
    const gk = groupBy(keys);
    const pairs: [Float64Array, Float64Array][] = [
      [grpo(scores, groups), grpo(withNull, gk)],
      [
        grpo(scores, groups, { convention: "trl", scale: "batch" }),
        grpo(withNull, gk, { convention: "trl", scale: "batch" }),
      ],
      [rloo(scores, groups), rloo(withNull, gk)],
      [reinforcePlusPlus(scores), reinforcePlusPlus(withNull)],
      [reinforcePlusPlusBaseline(scores, groups), reinforcePlusPlusBaseline(withNull, gk)],
      [normalizeThenSum([scores], groups), normalizeThenSum([withNull], gk)],
    ];
    for (const [plain, mixed] of pairs) {
      for (let i = 0; i < rows; i++) close(mixed[where[i]!]!, plain[i]!, 1e-12);
      for (let i = 0; i < withNull.length; i++) if (Number.isNaN(withNull[i]!)) assert.equal(mixed[i], 0);
    }
  });
});

describe("REINFORCE++", () => {
  it("whitens over the batch with a Bessel-corrected variance", () => {
    // mean 0.5, var = 1/3 → A = ±0.5/√(1/3 + 1e-8)
    const a = 0.5 / Math.sqrt(1 / 3 + 1e-8);
    close(reinforcePlusPlus(Float64Array.of(1, 0, 1, 0)), [a, -a, a, -a]);
  });
  it("weights each response by its token count when lengths are given", () => {
    // weights [3,1,1,1]: Σw = 6, mean = 4/6 = 2/3; Σw·dev² = 3/9 + 4/9 + 1/9 + 4/9 = 4/3; var = (4/3)/6 · 6/5 = 4/15
    const sd = Math.sqrt(4 / 15 + 1e-8);
    close(reinforcePlusPlus(Float64Array.of(1, 0, 1, 0), { lengths: [3, 1, 1, 1] }), [
      1 / 3 / sd,
      -2 / 3 / sd,
      1 / 3 / sd,
      -2 / 3 / sd,
    ]);
  });
  it("baseline: group mean first (a group of one: mean 0), then batch whitening", () => {
    // centred [0.5, −0.5, 0, 0]: mean 0, var = 0.5/3 = 1/6 → A = ±0.5/√(1/6 + 1e-8)
    const a = 0.5 / Math.sqrt(1 / 6 + 1e-8);
    close(reinforcePlusPlusBaseline(Float64Array.of(1, 0, 3, 3), fixedGroups(4, 2)), [a, -a, 0, 0]);
    // singletons [2] and [0]: centred [2, 0] (mean 0 each), whitened: mean 1, var 2 → [1/√2, −1/√2]
    close(reinforcePlusPlusBaseline(Float64Array.of(2, 0), fixedGroups(2, 1)), [
      1 / Math.sqrt(2 + 1e-8),
      -1 / Math.sqrt(2 + 1e-8),
    ]);
  });
  it("token level: discounted returns, KL penalty, whitened over all tokens", () => {
    // γ = 0.5: returns [0.25, 0.5, 1] and [0.5, 1]; mean 3.25/5 = 0.65; Σdev² = 0.45; var = 0.45/4 = 0.1125
    const [a, b] = reinforcePlusPlusTokens([{ rewards: [0, 0, 1] }, { rewards: [0, 1] }], { gamma: 0.5 });
    const sd = Math.sqrt(0.1125 + 1e-8);
    close(a!, [-0.4 / sd, -0.15 / sd, 0.35 / sd]);
    close(b!, [-0.15 / sd, 0.35 / sd]);
    // β = 0.1, KL 1 everywhere: r = [−0.1, −0.1, 0.9] → returns [0.7, 0.8, 0.9]; mean 0.8, var 0.01
    const [c] = reinforcePlusPlusTokens([{ rewards: [0, 0, 1], kl: [1, 1, 1] }], { beta: 0.1 });
    close(c!, [-0.1 / Math.sqrt(0.01 + 1e-8), 0, 0.1 / Math.sqrt(0.01 + 1e-8)], 1e-9);
  });
});

describe("GAE", () => {
  it("γ = λ = 1: δ_1 = 1 − 0.5, A_0 = δ_0 + A_1", () => {
    // t=1: δ = 1 + 0 − 0.5 = 0.5; t=0: δ = 0 + 0.5 − 0.5 = 0 → A = [0.5, 0.5], R = A + V = [1, 1]
    const { advantages, returns } = gae([{ rewards: [0, 1], values: [0.5, 0.5] }], { whiten: false });
    close(advantages[0]!, [0.5, 0.5]);
    close(returns[0]!, [1, 1]);
  });
  it("γ = 0.9, λ = 0.5", () => {
    // t=1: δ = 0.5, A = 0.5; t=0: δ = 0.9·0.5 − 0.5 = −0.05, A = −0.05 + 0.45·0.5 = 0.175; R = [0.675, 1]
    const { advantages, returns } = gae([{ rewards: [0, 1], values: [0.5, 0.5] }], {
      gamma: 0.9,
      lambda: 0.5,
      whiten: false,
    });
    close(advantages[0]!, [0.175, 0.5], 1e-12);
    close(returns[0]!, [0.675, 1], 1e-12);
  });
  it("observation steps (mask 0) are skipped: V and A carry through", () => {
    // t=2: δ = 1 − 0.5 = 0.5; t=1 masked: A carried 0.5, V(9) ignored; t=0: δ = 0 + 0.5 − 0.2 = 0.3 → A = 0.8
    const { advantages } = gae([{ rewards: [0, 0, 1], values: [0.2, 9, 0.5], mask: [1, 0, 1] }], {
      whiten: false,
    });
    close(advantages[0]!, [0.8, 0.5, 0.5], 1e-12);
  });
  it("a trailing value bootstraps a truncated episode", () => {
    // V_T = 2: δ_0 = 0 + 2 − 1 = 1
    close(gae([{ rewards: [0], values: [1, 2] }], { whiten: false }).advantages[0]!, [1]);
    assert.throws(() => gae([{ rewards: [0, 0], values: [1] }]), RangeError);
  });
  it("λ = 0 gives the TD error; V = 0, λ = 1 gives the discounted return", () => {
    const r = [1, 2, 3];
    close(gae([{ rewards: r, values: [1, 1, 1] }], { gamma: 0.5, lambda: 0, whiten: false }).advantages[0]!, [
      1 + 0.5 - 1,
      2 + 0.5 - 1,
      3 - 1,
    ]);
    close(gae([{ rewards: r, values: [0, 0, 0] }], { gamma: 0.5, whiten: false }).advantages[0]!, [
      1 + 1 + 0.75,
      2 + 1.5,
      3,
    ]);
  });
  it("whitening is over the masked steps of the whole batch", () => {
    const { advantages } = gae(
      [
        { rewards: [0, 1], values: [0, 0] },
        { rewards: [0, 0, 3], values: [0, 0, 0], mask: [1, 0, 1] },
      ],
      { whiten: true },
    );
    // raw A = [1, 1] and [3, 3, 3]; masked entries: 1, 1, 3, 3 → mean 2, var 4/3
    const sd = Math.sqrt(4 / 3 + 1e-8);
    close(advantages[0]!, [-1 / sd, -1 / sd]);
    close(advantages[1]!, [1 / sd, 0, 1 / sd]);
  });
});

describe("GDPO normalise-then-sum", () => {
  it("normalises each component per group, sums, then normalises over the batch", () => {
    // each component ±0.5/(√(1/3) + 1e-4) = ±a; sums [0, −2a, 2a, 0]; batch mean 0, var = 8a²/3
    const a = 0.5 / (SQRT13 + 1e-4);
    const sd = Math.sqrt((8 * a * a) / 3);
    const out = normalizeThenSum(
      [Float64Array.of(1, 0, 1, 0), Float64Array.of(0, 0, 1, 1)],
      fixedGroups(4, 4),
    );
    close(out, [0, (-2 * a) / (sd + 1e-4), (2 * a) / (sd + 1e-4), 0], 1e-12);
  });
  it("weights scale components; a null component is skipped, an all-null row is unscorable", () => {
    // row 2 has only component 0; row 3 has none → advantage 0
    const c0 = Float64Array.of(1, 0, 1, NaN_);
    const c1 = Float64Array.of(1, 0, NaN_, NaN_);
    const out = normalizeThenSum([c0, c1], fixedGroups(4, 4), { weights: [1, 2], batchNormalize: false });
    // c0 scorable [1,0,1]: mean 2/3, std √(1/3); c1 scorable [1,0]: mean 0.5, std √0.5
    const s0 = SQRT13 + 1e-4;
    const s1 = Math.SQRT1_2 + 1e-4;
    close(out, [1 / 3 / s0 + (2 * 0.5) / s1, -2 / 3 / s0 - (2 * 0.5) / s1, 1 / 3 / s0, 0], 1e-12);
  });
});

describe("DAPO dynamic sampling", () => {
  it("reports groups whose scorable values are all identical", () => {
    const r = dynamicSamplingFilter(Float64Array.of(1, 1, 0, 1, NaN_, NaN_, 5, NaN_), fixedGroups(8, 2));
    assert.deepEqual(r.kept, [1, 3]);
    assert.deepEqual(r.noSignal, [0, 2]);
    assert.deepEqual(Array.from(r.rowMask), [0, 0, 1, 1, 0, 0, 1, 1]);
  });
  it("keeps a singleton like verl unless told not to", () => {
    assert.deepEqual(dynamicSamplingFilter(Float64Array.of(3), fixedGroups(1, 1)).kept, [0]);
    assert.deepEqual(
      dynamicSamplingFilter(Float64Array.of(3), fixedGroups(1, 1), { keepSingletons: false }).noSignal,
      [0],
    );
  });
  it("a no-signal group is exactly one where GRPO gives all zeros", () => {
    const s = Float64Array.of(0, 0, 0, 1, 0, 1);
    const adv = grpo(s, fixedGroups(6, 3));
    assert.deepEqual(Array.from(adv.subarray(0, 3)), [0, 0, 0]);
    assert.deepEqual(dynamicSamplingFilter(s, fixedGroups(6, 3)).noSignal, [0]);
  });
});

describe("stats", () => {
  it("meanStd skips NaN; maskedWhiten skips masked entries and keeps the mean on request", () => {
    assert.deepEqual(meanStd([1, 2, 3, NaN_]), { mean: 2, std: 1, count: 3 });
    close(maskedWhiten([1, 2, 100, 3], { mask: [1, 1, 0, 1], eps: 0 }), [-1, 0, 0, 1]);
    close(maskedWhiten([1, 2, 3], { eps: 0, keepMean: true }), [1, 2, 3]);
  });
});
