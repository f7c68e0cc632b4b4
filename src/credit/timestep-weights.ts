/**
 * TempFlow-GRPO-style noise-aware per-timestep weights w_t = σ_t√Δt / mean_t(σ_t√Δt): steps with more SDE noise
 * (exploration potential, larger early) weigh more, and the weights average 1. The exact normalisation is
 * unconfirmed. (TempFlow-GRPO, arXiv 2508.04324)
 * @example noiseAwareWeights([2, 1, 1], 0.25) // [1.5, 0.75, 0.75]
 */
export function noiseAwareWeights(sigmas: ArrayLike<number>, dt: number | ArrayLike<number>): Float64Array {
  const T = sigmas.length;
  const raw = new Float64Array(T);
  let s = 0;
  for (let t = 0; t < T; t++) {
    const d = typeof dt === "number" ? dt : dt[t]!;
    raw[t] = sigmas[t]! * Math.sqrt(Math.max(0, d));
    s += raw[t]!;
  }
  const m = s / T;
  if (!(m > 0)) return raw.fill(T > 0 ? 1 : 0);
  for (let t = 0; t < T; t++) raw[t]! /= m;
  return raw;
}

/**
 * TempFlow-GRPO trajectory branching credit: with deterministic ODE steps everywhere except one SDE branch step k,
 * reward differences within a group are credited to step k alone; returns per-step advantages that are 0 except at
 * k, where they carry the sequence advantage times the step's noise weight. (TempFlow-GRPO, arXiv 2508.04324)
 * @example branchCredit(0.8, 2, [1.5, 0.75, 0.75]) // [0, 0, 0.6]
 */
export function branchCredit(
  advantage: number,
  branchStep: number,
  weights: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(weights.length);
  if (branchStep >= 0 && branchStep < weights.length) out[branchStep] = advantage * weights[branchStep]!;
  return out;
}
