import assert from "node:assert/strict";
import { test } from "node:test";
import { btLoss, centerTerm } from "../../src/models/losses/bradley-terry.ts";
import { davidsonLoss, davidsonProbs } from "../../src/models/losses/davidson.ts";
import { raoKupperLoss, raoKupperProbs } from "../../src/models/losses/rao-kupper.ts";
import { soliRewardLoss } from "../../src/models/losses/soli-reward.ts";

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);
const numeric = (f: (x: number) => number, x: number, h = 1e-6) => (f(x + h) - f(x - h)) / (2 * h);

test("Bradley-Terry: value, margin, label smoothing", () => {
  // d = 0: −log σ(0) = log 2; dL/dd = −σ(0) = −0.5.
  close(btLoss(0).loss, Math.LN2);
  close(btLoss(0).grad, -0.5);
  // margin 1 at d = 1 is the same point as d − m = 0.
  close(btLoss(1, { margin: 1 }).loss, Math.LN2);
  // ε = 0.1 at d = 0: 0.9·log2 + 0.1·log2 = log 2; grad −0.9·0.5 + 0.1·0.5 = −0.4.
  close(btLoss(0, { labelSmoothing: 0.1 }).loss, Math.LN2);
  close(btLoss(0, { labelSmoothing: 0.1 }).grad, -0.4);
  // Large gaps stay finite: −log σ(−800) ≈ 800.
  close(btLoss(-800).loss, 800, 1e-6);
  close(btLoss(800).loss, 0, 1e-12);
  for (const d of [-3, -0.2, 0.7, 4]) {
    const o = { margin: 0.57, labelSmoothing: 0.05 };
    close(
      btLoss(d, o).grad,
      numeric((x) => btLoss(x, o).loss, d),
      1e-6,
    );
  }
});

test("TRL centre-rewards term", () => {
  // c(r_w + r_l)² = 0.5·3² = 4.5; derivative 2·0.5·3 = 3 for each score.
  assert.deepEqual(centerTerm(1, 2, 0.5), { loss: 4.5, grad: 3 });
});

test("Rao-Kupper: probabilities sum to 1 and match VideoReward's θ = 5", () => {
  // d = 0, θ = 5: σ(−log 5) = 1/6 each side, tie = (25 − 1)/36 = 2/3.
  const p = raoKupperProbs(0, Math.log(5));
  close(p.win, 1 / 6);
  close(p.lose, 1 / 6);
  close(p.tie, 2 / 3);
  for (const d of [-2, 0.3, 5]) {
    const q = raoKupperProbs(d, 0.8);
    close(q.win + q.lose + q.tie, 1, 1e-12);
  }
  // Tie loss is −log P(tie): at d = 0 −log(2/3).
  close(raoKupperLoss(0, Math.log(5), true).loss, -Math.log(2 / 3));
  // gradNu at d = 0: 2σ(log 5) − 2·25/24 = 5/3 − 25/12 = −5/12.
  close(raoKupperLoss(0, Math.log(5), true).gradNu, -5 / 12);
  close(raoKupperLoss(1, 0.5, false).loss, -Math.log(1 / (1 + Math.exp(-0.5))));
  for (const tie of [true, false]) {
    for (const [d, nu] of [
      [0.4, 1.2],
      [-1.5, 0.3],
    ] as const) {
      const r = raoKupperLoss(d, nu, tie);
      close(
        r.gradD,
        numeric((x) => raoKupperLoss(x, nu, tie).loss, d),
        1e-6,
      );
      close(
        r.gradNu,
        numeric((x) => raoKupperLoss(d, x, tie).loss, nu),
        1e-6,
      );
    }
  }
});

test("Davidson: probabilities and gradients", () => {
  // d = 0, ν = 1: Z = 1 + 1 + 1, each outcome 1/3.
  const p = davidsonProbs(0, 1);
  close(p.win, 1 / 3);
  close(p.tie, 1 / 3);
  // d = 2 ln 2: e^{d/2} = 2, e^{−d/2} = 0.5, Z = 3.5 → 4/7, 1/7, 2/7.
  const q = davidsonProbs(2 * Math.LN2, 1);
  close(q.win, 4 / 7);
  close(q.lose, 1 / 7);
  close(q.tie, 2 / 7);
  close(davidsonProbs(-2 * Math.LN2, 1).win, 1 / 7);
  close(davidsonLoss(0, 0, true).loss, Math.log(3));
  close(davidsonLoss(2 * Math.LN2, 0, false).loss, -Math.log(4 / 7));
  // No overflow at huge gaps.
  assert.ok(Number.isFinite(davidsonLoss(2000, 0, false).loss));
  for (const tie of [true, false]) {
    for (const [d, rho] of [
      [0.4, 0.2],
      [-2.5, -1],
    ] as const) {
      const r = davidsonLoss(d, rho, tie);
      close(
        r.gradD,
        numeric((x) => davidsonLoss(x, rho, tie).loss, d),
        1e-6,
      );
      close(
        r.gradRho,
        numeric((x) => davidsonLoss(d, x, tie).loss, rho),
        1e-6,
      );
    }
  }
});

test("SoliReward BT-win-tie", () => {
  // Tie pair (equal qualities) at d = 0, m = 3: 2·(−log σ(−3)) = 2·softplus(3).
  close(soliRewardLoss(0, 0, 1, 1).loss, 2 * Math.log1p(Math.exp(3)));
  close(soliRewardLoss(0, 0, 1, 1).gradW, 0);
  // Win pair with d = m: log 2, gradient −0.5 on r_w and +0.5 on r_l.
  const w = soliRewardLoss(3, 0, 1, 0);
  close(w.loss, Math.LN2);
  close(w.gradW, -0.5);
  close(w.gradL, 0.5);
  // BCE on r = 0 with label 1 and 0: log 2 each.
  close(soliRewardLoss(0, 0, 1, 0, { cBt: 0, cBce: 1 }).loss, 2 * Math.LN2);
  const o = { margin: 1, cBce: 0.5 };
  for (const [qw, ql] of [
    [1, 0],
    [1, 1],
  ] as const) {
    const r = soliRewardLoss(0.3, -0.4, qw, ql, o);
    close(
      r.gradW,
      numeric((x) => soliRewardLoss(x, -0.4, qw, ql, o).loss, 0.3),
      1e-6,
    );
    close(
      r.gradL,
      numeric((x) => soliRewardLoss(0.3, x, qw, ql, o).loss, -0.4),
      1e-6,
    );
  }
});
