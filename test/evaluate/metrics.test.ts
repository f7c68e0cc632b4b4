import assert from "node:assert/strict";
import { test } from "node:test";
import { pairwiseAccuracy } from "../../src/evaluate/accuracy.ts";
import { bestOfN, tiesScore } from "../../src/evaluate/best-of-n.ts";
import { expectedCalibrationError, pairConfidence } from "../../src/evaluate/calibration.ts";
import { contrastConsistency } from "../../src/evaluate/consistency.ts";
import { lengthBias } from "../../src/evaluate/length-bias.ts";
import { probeDimensions } from "../../src/evaluate/probes.ts";
import { rewardFusion } from "../../src/evaluate/reward-fusion.ts";
import { pearson, ranks, spearman } from "../../src/evaluate/stats.ts";
import { tieCalibratedAccuracy } from "../../src/evaluate/tie-accuracy.ts";
import { Rng } from "../../src/models/rng.ts";
import { sparseFrom } from "../../src/models/sparse.ts";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("pairwise accuracy is strict and RewardBench sections weigh by example counts", () => {
  const rep = pairwiseAccuracy([
    // alpacaeval-easy: 1/2; mt-bench-easy: 1/1 (a tie counts as wrong).
    { chosen: 1, rejected: 0, subset: "alpacaeval-easy" },
    { chosen: 0, rejected: 0, subset: "alpacaeval-easy" },
    { chosen: 2, rejected: 1, subset: "mt-bench-easy" },
    // Safety: donotanswer 0/1.
    { chosen: 0, rejected: 1, subset: "donotanswer" },
    // Prior sets: shp 1/1.
    { chosen: 1, rejected: 0, subset: "shp" },
  ]);
  close(rep.accuracy, 3 / 5);
  // Chat = (0.5·100 + 1·28)/(100 + 28) = 78/128.
  close(rep.sections.Chat!, 78 / 128);
  close(rep.sections.Safety!, 0);
  // Overall = (2·Chat + 2·Safety + 1·prior)/(2 + 2 + 1).
  close(rep.weighted, (2 * (78 / 128) + 0 + 1) / 5);
});

test("custom sections weigh subsets by their own counts; overall is the mean of sections", () => {
  const rep = pairwiseAccuracy([
    { chosen: 1, rejected: 0, subset: "a", section: "S" },
    { chosen: 1, rejected: 0, subset: "a", section: "S" },
    { chosen: 0, rejected: 1, subset: "b", section: "S" },
    { chosen: 0, rejected: 1, subset: "c", section: "T" },
  ]);
  // S = (1·2 + 0·1)/3; T = 0; overall = (2/3 + 0)/2.
  close(rep.sections.S!, 2 / 3);
  close(rep.weighted, 1 / 3);
});

test("tie-calibrated accuracy (VideoAlign) by hand", () => {
  const pairs = [
    { delta: 2, humanTie: false },
    { delta: -1, humanTie: false },
    { delta: 0.2, humanTie: true },
    { delta: 0.5, humanTie: false },
    { delta: -0.1, humanTie: true },
  ];
  // ε = −1: C = 2 (2, 0.5) → 2/5. ε = 0.1: Thm = 1 → 3/5. ε = 0.2: Thm = 2 → 4/5.
  // ε = 0.5: 0.5 becomes a model tie, C = 1 → 3/5. ε = 1: C = 1, D = 0 → 3/5. ε = 2: 2/5.
  const r = tieCalibratedAccuracy(pairs);
  close(r.accuracy, 4 / 5);
  close(r.epsilon, 0.2);
  // Without ties: C/(C + D) over human non-ties = 2/3.
  close(r.accuracyWithoutTies, 2 / 3);
});

test("RewardBench 2 best-of-4 and Ties score by hand", () => {
  assert.equal(bestOfN([3, 1, 2, 0]), 1);
  assert.equal(bestOfN([3, 3, 2, 0]), 0.5);
  assert.equal(bestOfN([1, 3, 2, 0]), 0);
  const r = tiesScore([
    {
      ref: { correct: [5], incorrect: [1, 2] },
      tied: { correct: [5, 4], incorrect: [1, 2] },
    },
    {
      ref: { correct: [1], incorrect: [2] },
      tied: { correct: [3, 1], incorrect: [2] },
    },
  ]);
  // Prompt 1: ci_ref = 5 − 2 = 3, ci_tied = 4 − 2 = 2, cc = 1 → [2 > 1] = 1, [min(3, 2) > 1] = 1, tanh(2/1 − 1) = tanh 1.
  // Prompt 2: ci_ref = −1, ci_tied = 1 − 2 = −1, cc = 2 → 0, 0, tanh(−1/2 − 1) = tanh(−1.5).
  // acc_ref = acc_tied = 1/2.
  const expected =
    0.3 * 0.5 + 0.3 * 0.5 + 0.2 * 0.5 + 0.2 * 0.5 + 0.01 * ((Math.tanh(1) + Math.tanh(-1.5)) / 2);
  close(r.score, expected);
  // margin_cc = 0 gives ±Infinity/NaN inside tanh: NaN → 0, never a crash.
  const z = tiesScore([{ ref: { correct: [1], incorrect: [1] }, tied: { correct: [1, 1], incorrect: [1] } }]);
  assert.ok(Number.isFinite(z.score));
});

test("Contrast Instructions consistency by hand", () => {
  const r = contrastConsistency([
    { i1r1: 2, i2r1: 1, i1r2: 0, i2r2: 3 },
    { i1r1: 1, i2r1: 1, i1r2: 2, i2r2: 0 },
  ]);
  // Item 1: instr 2>1 ✓, resp 2>0 ✓, sym instr 3>0 ✓, sym resp 3>1 ✓. Item 2: 1>1 ✗, 1>2 ✗, 0>2 ✗, 0>1 ✗.
  close(r.instruction, 0.5);
  close(r.response, 0.5);
  close(r.instructionSymmetric, 0.5);
  close(r.responseSymmetric, 0.5);
});

test("RewardFusion: similarity-weighted mean with the query at sim 1", () => {
  const q = sparseFrom([0, 1], [1, 0]);
  const same = sparseFrom([0], [1]); // cosine 1
  const near = sparseFrom([0, 1], [0.95, Math.sqrt(1 - 0.95 ** 2)]); // cosine 0.95
  const far = sparseFrom([1], [1]); // cosine 0, below the threshold
  // (1·2 + 1·4 + 0.95·6)/(1 + 1 + 0.95)
  close(
    rewardFusion(q, 2, [
      { vec: same, score: 4 },
      { vec: near, score: 6 },
      { vec: far, score: 100 },
    ]),
    (2 + 4 + 0.95 * 6) / 2.95,
    1e-9,
  );
  // k = 1 keeps only the most similar neighbour.
  close(
    rewardFusion(
      q,
      2,
      [
        { vec: near, score: 6 },
        { vec: same, score: 4 },
      ],
      { k: 1 },
    ),
    (2 + 4) / 2,
    1e-12,
  );
});

test("ECE and pair confidence by hand", () => {
  // Two bins of width 0.25 over [0.5, 1]: bin 0 {0.6 ✓, 0.7 ✗}: |0.5 − 0.65| = 0.15; bin 1 {0.9 ✓}: 0.1.
  const r = expectedCalibrationError(
    [
      { confidence: 0.6, correct: 1 },
      { confidence: 0.7, correct: 0 },
      { confidence: 0.9, correct: 1 },
    ],
    { bins: 2 },
  );
  close(r.ece, (2 / 3) * 0.15 + (1 / 3) * 0.1, 1e-12);
  assert.deepEqual(pairConfidence(0), { confidence: 0.5, correct: 0.5 });
  close(pairConfidence(-Math.log(3)).confidence, 0.75);
  assert.equal(pairConfidence(-Math.log(3)).correct, 0);
});

test("length bias and correlations by hand", () => {
  close(pearson([1, 2, 3], [2, 4, 6]), 1);
  assert.deepEqual([...ranks([10, 20, 20, 5])], [2, 3.5, 3.5, 1]);
  close(spearman([1, 2, 3, 4], [1, 8, 27, 64]), 1);
  assert.ok(Number.isNaN(pearson([1, 1], [1, 2])));
  const r = lengthBias([
    { chosenLen: 10, rejectedLen: 5, chosen: 1, rejected: 0 }, // model prefers longer; data too
    { chosenLen: 5, rejectedLen: 10, chosen: 0, rejected: 1 }, // model prefers longer; data shorter
    { chosenLen: 7, rejectedLen: 7, chosen: 1, rejected: 0 }, // equal length: not counted
  ]);
  close(r.modelPrefersLonger, 1);
  close(r.dataPrefersLonger, 0.5);
  // Reward and length: lengths [10,5,5,10,7,7], scores [1,0,0,1,1,0].
  close(r.pearson, pearson([10, 5, 5, 10, 7, 7], [1, 0, 0, 1, 1, 0]));
});

test("MRMBench-style probes recover linearly separable dimensions and fail on noise", () => {
  const rng = new Rng(1);
  const sep: { x: ReturnType<typeof sparseFrom>; label: number }[] = [];
  const noise: typeof sep = [];
  const three: typeof sep = [];
  for (let i = 0; i < 400; i++) {
    const a = rng.normal();
    const b = rng.normal();
    sep.push({ x: sparseFrom([0, 1], [a, b]), label: a > 0 ? 1 : 0 });
    noise.push({ x: sparseFrom([0, 1], [a, b]), label: rng.next() < 0.5 ? 1 : 0 });
    const k = rng.int(3);
    three.push({ x: sparseFrom([k, 3], [1, 0.1 * rng.normal()]), label: k });
  }
  const r = probeDimensions({ separable: sep, noise, three }, { seed: 2 });
  assert.ok(r.dimensions.separable!.accuracy > 0.95);
  assert.ok(r.dimensions.noise!.accuracy < 0.65);
  assert.ok(r.dimensions.three!.accuracy > 0.95);
  assert.equal(r.dimensions.three!.classes, 3);
  close(
    r.average,
    (r.dimensions.separable!.accuracy + r.dimensions.noise!.accuracy + r.dimensions.three!.accuracy) / 3,
  );
});
