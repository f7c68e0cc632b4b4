import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { seededRandom } from "../../src/credit/rng.ts";
import { potentialShaping, shapeTrajectory } from "../../src/shaping/potential.ts";
import { close } from "../credit/helpers.ts";

/**
 * A line of states 0..4; 0 and 4 are terminal. Entering 0 pays 0.5, entering 4 pays 1. Actions: 0 = left, 1 = right.
 * With γ = 0.9 the optimal policy goes right everywhere: from state 1, left earns 0.5 now, right earns γ²·1 = 0.81.
 */
const N = 5;
const GAMMA = 0.9;
const TERMINAL = (s: number) => s === 0 || s === N - 1;
const next = (s: number, a: number) => (a === 0 ? s - 1 : s + 1);
const reward = (_s: number, _a: number, s2: number) => (s2 === 0 ? 0.5 : s2 === N - 1 ? 1 : 0);

/** Value iteration on the episodic MDP with reward function `R`; returns the greedy policy of the non-terminal states. */
function greedyPolicy(R: (s: number, a: number, s2: number) => number): number[] {
  const V = new Float64Array(N);
  for (let it = 0; it < 500; it++) {
    for (let s = 0; s < N; s++) {
      if (TERMINAL(s)) continue;
      let best = Number.NEGATIVE_INFINITY;
      for (const a of [0, 1]) {
        const s2 = next(s, a);
        best = Math.max(best, R(s, a, s2) + (TERMINAL(s2) ? 0 : GAMMA * V[s2]!));
      }
      V[s] = best;
    }
  }
  const pi: number[] = [];
  for (let s = 1; s < N - 1; s++) {
    const q = [0, 1].map((a) => {
      const s2 = next(s, a);
      return R(s, a, s2) + (TERMINAL(s2) ? 0 : GAMMA * V[s2]!);
    });
    pi.push(q[1]! > q[0]! + 1e-12 ? 1 : q[0]! > q[1]! + 1e-12 ? 0 : -1);
  }
  return pi;
}

describe("potential-based shaping", () => {
  it("F = γΦ(s′) − Φ(s), with Φ(terminal) counted as 0", () => {
    close(potentialShaping(0.2, 0.5, 0.9, false), 0.9 * 0.5 - 0.2, 1e-12);
    close(potentialShaping(0.2, 0.5, 0.9, true), -0.2, 1e-12);
  });
  it("shapes a trajectory; the shaped return is the original minus Φ(s_0)", () => {
    // γ = 1: r′_0 = 0 + 0.5 − 0.1 = 0.4; r′_1 (terminal) = 1 + 0 − 0.5 = 0.5; Σ = 0.9 = 1 − Φ(s_0)
    close(shapeTrajectory([0, 1], [0.1, 0.5, 0.9], { gamma: 1 }), [0.4, 0.5], 1e-12);
    // truncated: the last potential counts: r′_1 = 1 + 0.9 − 0.5 = 1.4
    close(shapeTrajectory([0, 1], [0.1, 0.5, 0.9], { gamma: 1, terminal: false }), [0.4, 1.4], 1e-12);
    assert.throws(() => shapeTrajectory([0, 1], [0.1, 0.5]), RangeError);
  });
  it("value iteration: shaping with any potential leaves the optimal policy unchanged", () => {
    const base = greedyPolicy(reward);
    assert.deepEqual(base, [1, 1, 1]);
    const rand = seededRandom(2024);
    for (let trial = 0; trial < 25; trial++) {
      const phi = Array.from({ length: N }, () => (rand() - 0.5) * 20);
      const shaped = (s: number, a: number, s2: number) =>
        reward(s, a, s2) + potentialShaping(phi[s]!, phi[s2]!, GAMMA, TERMINAL(s2));
      assert.deepEqual(greedyPolicy(shaped), base, `potential ${phi.map((x) => x.toFixed(2)).join(", ")}`);
    }
  });
  it("a non-potential bonus of the same size changes the optimal policy", () => {
    const phi = [0, 3, 2, 1, 0];
    const F = (s: number, s2: number) => potentialShaping(phi[s]!, phi[s2]!, GAMMA, TERMINAL(s2));
    let size = 0;
    for (let s = 1; s < N - 1; s++) for (const a of [0, 1]) size = Math.max(size, Math.abs(F(s, next(s, a))));
    // the largest |F| here is |0 − 3| = 3 (state 1 stepping into the terminal 0)
    close(size, 3, 1e-12);
    const shaped = (s: number, a: number, s2: number) => reward(s, a, s2) + F(s, s2);
    assert.deepEqual(greedyPolicy(shaped), [1, 1, 1]);
    // the same magnitude as a bonus for moving left (not of the form γΦ(s′) − Φ(s)) flips the policy
    const bonus = (s: number, a: number, s2: number) => reward(s, a, s2) + (a === 0 ? size : 0);
    assert.notDeepEqual(greedyPolicy(bonus), [1, 1, 1]);
  });
  it("terminal handling matters: keeping Φ(terminal) at episode end can change the policy", () => {
    // Φ(0) = 5 on the terminal: left from 1 would earn 0.5 + 0.9·5 − Φ(1) if the terminal potential were kept
    const phi = [5, 0, 0, 0, 0];
    const wrong = (s: number, a: number, s2: number) => reward(s, a, s2) + GAMMA * phi[s2]! - phi[s]!;
    assert.notDeepEqual(greedyPolicy(wrong), [1, 1, 1]);
    const right = (s: number, a: number, s2: number) =>
      reward(s, a, s2) + potentialShaping(phi[s]!, phi[s2]!, GAMMA, TERMINAL(s2));
    assert.deepEqual(greedyPolicy(right), [1, 1, 1]);
  });
});
