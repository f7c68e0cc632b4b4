import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { perStepGroupAdvantages, stepGains } from "../../src/credit/dense-grpo.ts";
import { fixedGroups } from "../../src/credit/groups.ts";
import { withGroundTruth } from "../../src/credit/off-policy.ts";
import { oprlAdvantages } from "../../src/credit/oprl.ts";
import {
  clipProcessRewards,
  deltaProcessRewards,
  minFormReturns,
  minFormStepRewards,
  shapeProcessRewards,
} from "../../src/credit/process-rewards.ts";
import {
  hopLabel,
  progressBackward,
  progressForward,
  progressIncremental,
  progressToStepRewards,
} from "../../src/credit/progress.ts";
import { seededRandom, weightedSampleWithoutReplacement } from "../../src/credit/rng.ts";
import { difficultyWeights, varianceAwareSelect } from "../../src/credit/sampling.ts";
import { attenuationWeights, segmentalReward, segmentalSample } from "../../src/credit/segmental.ts";
import { discountedReturns, processGrpo } from "../../src/credit/step-returns.ts";
import { branchCredit, noiseAwareWeights } from "../../src/credit/timestep-weights.ts";
import { nthrReweight, thrReweight } from "../../src/credit/token-reweight.ts";
import { turnLevelRewards } from "../../src/credit/turn-level.ts";
import { close, sum } from "./helpers.ts";

describe("returns and process-supervised GRPO", () => {
  it("discounted returns", () => {
    // t=2: 2; t=1: 0 + 0.5·2 = 1; t=0: 1 + 0.5·1 = 1.5
    close(discountedReturns([1, 0, 2], 0.5), [1.5, 1, 2]);
    close(discountedReturns([1, Number.NaN, 2]), [3, 2, 2]);
  });
  it("normalises all step rewards of the group, then sums from each step on", () => {
    // steps [1,0 | 0,0]: mean 0.25, Σdev² = 0.5625 + 3·0.0625 = 0.75, var 0.25, std 0.5
    // r̃ = (r − 0.25)/s = [0.75, −0.25 | −0.25, −0.25]/s; A_t = Σ_{j≥t} r̃_j = [0.5, −0.25 | −0.5, −0.25]/s
    const s = 0.5 + 1e-6;
    const [a, b, c] = processGrpo([[1, 0], [0, 0], null], fixedGroups(3, 3));
    close(a!, [0.5 / s, -0.25 / s]);
    close(b!, [-0.5 / s, -0.25 / s]);
    assert.equal(c, null);
  });
});

describe("turn-level rewards (multi-turn agentic guide)", () => {
  it("divides by the number of rewarded turns on success, else by max_total_rewards", () => {
    close(turnLevelRewards([1, 0, 1], { success: true, maxTotalRewards: 5 }), [0.5, 0, 0.5]);
    close(turnLevelRewards([1, 0, 1], { success: false, maxTotalRewards: 5 }), [0.2, 0, 0.2]);
    // N ≥ 1 even with no rewarded turn
    close(turnLevelRewards([0, 0], { success: true, maxTotalRewards: 5 }), [0, 0]);
    close(
      turnLevelRewards([1, 1], { success: true, maxTotalRewards: 5, dense: false, finalScore: 1 }),
      [0, 1],
    );
  });
});

describe("OPRL episode + step advantages", () => {
  it("scales step rewards by the batch's max |reverse cumsum|, then normalises both terms in the group", () => {
    // reverse cumsums: [0.3, 0.1] and [−0.1, −0.1] → max 0.3, scale s = 1/(0.3 + 1e-6)
    // step sums: 0.3s and −0.1s → mean-only: ±0.2s; episode [1, 0] → ±0.5
    const s = 1 / (0.3 + 1e-6);
    const r = oprlAdvantages(
      Float64Array.of(1, 0),
      [
        [0.2, 0.1],
        [0, -0.1],
      ],
      fixedGroups(2, 2),
    );
    close(r.episode, [0.5, -0.5]);
    close(r.step, [0.2 * s, -0.2 * s], 1e-12);
    close(r.advantages, [0.5 + 0.2 * s, -0.5 - 0.2 * s], 1e-12);
    // RLOO variant: G/(G−1) = 2; step weight 0.5
    const q = oprlAdvantages(
      Float64Array.of(1, 0),
      [
        [0.2, 0.1],
        [0, -0.1],
      ],
      fixedGroups(2, 2),
      {
        variant: "rloo",
        stepWeight: 0.5,
      },
    );
    close(q.advantages, [1 + 0.5 * 0.4 * s, -1 - 0.5 * 0.4 * s], 1e-12);
  });
});

describe("Clip, Delta and min-form process credit", () => {
  it("clip penalises only steps below eta", () => {
    close(clipProcessRewards([0.9, 0.3], 0.5), [0, -0.2], 1e-12);
    close(shapeProcessRewards([0.9, 0.3], { mode: "clip", eta: 0.5, success: 1 }), [0, 0.8], 1e-12);
    assert.throws(() => shapeProcessRewards([0.9], { mode: "clip" }), RangeError);
  });
  it("delta rewards telescope: the return from t is r(t) − r(K), or r(t) when the last step keeps r(K)", () => {
    close(deltaProcessRewards([0.2, 0.5, 0.9]), [-0.3, -0.4, 0], 1e-12);
    const rand = seededRandom(3);
    for (let trial = 0; trial < 50; trial++) {
      const K = 1 + Math.floor(rand() * 10);
      const r = Array.from({ length: K }, () => rand());
      const zero = discountedReturns(deltaProcessRewards(r));
      const keep = discountedReturns(deltaProcessRewards(r, { last: "keep" }));
      for (let t = 0; t < K; t++) {
        close(zero[t]!, r[t]! - r[K - 1]!, 1e-12);
        close(keep[t]!, r[t]!, 1e-12);
      }
    }
  });
  it("clip+delta: the telescoped return of clipped rewards is bounded above by 0 (plus success)", () => {
    const out = shapeProcessRewards([0.9, 0.1, 0.9, 0.9], { mode: "clip+delta", eta: 0.5 });
    // clipped [0, −0.4, 0, 0] → delta [0.4, −0.4, 0, 0]
    close(out, [0.4, -0.4, 0, 0], 1e-12);
    for (const g of discountedReturns(out)) assert.ok(g <= 1e-12);
  });
  it("min-form: the value is the worst step ahead, and its step rewards sum back to it", () => {
    close(minFormReturns([0.9, 0.2, 0.7]), [0.2, 0.2, 0.7]);
    close(minFormStepRewards([0.9, 0.2, 0.7]), [0, -0.5, 0.7], 1e-12);
    close(discountedReturns(minFormStepRewards([0.9, 0.2, 0.7])), [0.2, 0.2, 0.7], 1e-12);
    // padding with more good steps does not raise the value of the first step
    assert.equal(minFormReturns([0.2, 0.9, 0.9, 0.9])[0], minFormReturns([0.2])[0]);
  });
});

describe("Robo-Dopamine progress", () => {
  it("hop labels: progress over remaining distance, regress over progress made", () => {
    close(hopLabel(0, 10, 5, 7), 0.4); // (7−5)/(10−5)
    close(hopLabel(0, 10, 5, 3), -0.4); // (3−5)/(5−0)
    close(hopLabel(0, 10, 5, 5), 0);
    close(hopLabel(0, 10, 10, 10), 0);
  });
  it("incremental reconstruction stays in [0, 1]", () => {
    // 0 + 1·0.5 = 0.5; 0.5 + 0.5·0.5 = 0.75; 0.75 + 0.75·(−0.5) = 0.375
    close(progressIncremental([0.5, 0.5, -0.5]), [0.5, 0.75, 0.375]);
    const rand = seededRandom(9);
    const hops = Array.from({ length: 200 }, () => rand() * 2 - 1);
    for (const p of progressIncremental(hops)) assert.ok(p >= 0 && p <= 1);
  });
  it("forward and backward anchors, and per-step hops", () => {
    close(progressForward([0.1, 0.4]), [0.1, 0.4]);
    close(progressBackward([-0.9, -0.25]), [0.1, 0.75], 1e-12);
    close(progressToStepRewards([0.5, 0.75, 0.375]), [0.5, 0.25, -0.375]);
  });
});

describe("InstructVideo segmental sampling and attenuation", () => {
  it("one frame per segment, reproducible from the seed", () => {
    const a = segmentalSample(16, 4, seededRandom(5));
    const b = segmentalSample(16, 4, seededRandom(5));
    assert.deepEqual(Array.from(a), Array.from(b));
    a.forEach((g, s) => {
      assert.ok(g >= s * 4 && g < s * 4 + 4);
    });
    assert.throws(() => segmentalSample(3, 4, seededRandom(1)), RangeError);
  });
  it("attenuation weights and the weighted segment mean", () => {
    // mid = ⌊16/2⌋ = 8: |6 − 8| = 2 → e^−2; |8 − 8| = 0 → 1
    close(attenuationWeights([6, 8], 16, 1), [Math.exp(-2), 1]);
    close(segmentalReward([0.2, 0.4], [1, 0.5]), 0.2); // (1·0.2 + 0.5·0.4)/2
    assert.ok(Number.isNaN(segmentalReward([0.2], [1, 2])));
  });
});

describe("TempFlow-GRPO and DenseGRPO", () => {
  it("noise-aware weights average 1", () => {
    // σ√Δt = [1, 0.5, 0.5], mean 2/3
    close(noiseAwareWeights([2, 1, 1], 0.25), [1.5, 0.75, 0.75]);
    close(branchCredit(0.8, 2, [1.5, 0.75, 0.75]), [0, 0, 0.6]);
  });
  it("step gains telescope to the final minus the first score", () => {
    close(stepGains([0.1, 0.4, 0.5]), [0.3, 0.1], 1e-12);
    close(sum(stepGains([0.1, 0.4, 0.5, 0.2])), 0.2 - 0.1, 1e-12);
  });
  it("per-timestep group advantages", () => {
    // step 0: [1, 0] → mean 0.5, std √0.5 → ±0.5/(√0.5 + 1e-6); step 1: [0, 0] → 0
    const a = 0.5 / (Math.SQRT1_2 + 1e-6);
    const [x, y, z] = perStepGroupAdvantages([[1, 0], [0, 0], null], fixedGroups(3, 3));
    close(x!, [a, 0]);
    close(y!, [-a, 0]);
    assert.equal(z, null);
  });
});

describe("token-level reweighting", () => {
  it("THR: amplify tokens by sign of influence above tau", () => {
    close(thrReweight(1, [0.5, -0.5, 0.01], { p: 0.5, tau: 0.1 }), [1.5, 0.5, 1]);
    close(thrReweight(1, [0.5, -0.5, 0.01], { p: 0.5, tau: 0.1, only: true }), [1.5, 0.5, 0]);
    close(thrReweight(-2, [0.5, -0.5], { p: -0.5 }), [-1, -3]);
  });
  it("NTHR: wrong-response tokens above the correct responses' minimum mean influence are scaled by 2|0.5 − p|", () => {
    // correct row 0 mean influence 0.3 → τ = 0.3; p = 1/4 → η = 0.5
    const out = nthrReweight(
      [1, -1, -1, -1],
      [
        [0.2, 0.4],
        [0.5, 0.1],
        [0.3, 0.31],
        [0, 0],
      ],
      [true, false, false, false],
    );
    close(out[0]!, [1, 1]);
    close(out[1]!, [-0.5, -1]);
    close(out[2]!, [-1, -0.5]);
    close(out[3]!, [-1, -1]);
  });
});

describe("TempSamp-R1 ground truth in the group", () => {
  it("the ground-truth row joins the mean and std", () => {
    // [0.2, 0.4, 0.3] + gt 1: mean 0.475, dev [−0.275, −0.075, −0.175, 0.525],
    // Σdev² = 0.075625 + 0.005625 + 0.030625 + 0.275625 = 0.3875, var = 0.3875/3
    const sd = Math.sqrt(0.3875 / 3) + 1e-6;
    const r = withGroundTruth(Float64Array.of(0.2, 0.4, 0.3), fixedGroups(3, 3), [1]);
    close(r.advantages, [-0.275 / sd, -0.075 / sd, -0.175 / sd], 1e-12);
    close(r.groundTruth, [0.525 / sd], 1e-12);
    close(sum(r.advantages) + r.groundTruth[0]!, 0, 1e-12);
  });
});

describe("data selection", () => {
  it("TimeLens difficulty weights", () => {
    // 0.05 → bin 1 (count 2): e^0/(2 + 1e-6); 0.9 → bin 18 (count 1): e^(−½·(0.85/0.2)²)/(1 + 1e-6)
    const w0 = 1 / (2 + 1e-6);
    const w2 = Math.exp(-0.5 * (0.85 / 0.2) ** 2) / (1 + 1e-6);
    const t = 2 * w0 + w2;
    close(difficultyWeights([0.05, 0.05, 0.9]), [w0 / t, w0 / t, w2 / t], 1e-12);
  });
  it("Temporal-RLT keeps prompts whose rewards vary", () => {
    const r = varianceAwareSelect([[1, 1, 1], [0, 1, 1], [0.5], [Number.NaN, 1, 0]]);
    assert.deepEqual(r.keep, [1, 3]);
    close(r.std, [0, Math.sqrt(1 / 3), 0, Math.SQRT1_2], 1e-12);
  });
  it("weighted sampling without replacement never draws a zero weight and is seeded", () => {
    const a = weightedSampleWithoutReplacement([1, 0, 3, 2], 3, seededRandom(11));
    assert.deepEqual(a, weightedSampleWithoutReplacement([1, 0, 3, 2], 3, seededRandom(11)));
    assert.equal(new Set(a).size, 3);
    assert.ok(!a.includes(1));
  });
});
