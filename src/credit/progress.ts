/**
 * Robo-Dopamine's step-aware hop label between keyframe indices p (before) and q (after) on a timeline from
 * F (first) to L (last): progress relative to the remaining distance, regress relative to progress made.
 * h = (q − p)/(L − p) if q > p, (q − p)/(p − F) if q < p, else 0. (Robo-Dopamine, arXiv 2512.23703)
 * @example hopLabel(0, 10, 5, 7) // 0.4
 */
export function hopLabel(F: number, L: number, p: number, q: number): number {
  if (q > p) return L > p ? (q - p) / (L - p) : 0;
  if (q < p) return p > F ? (q - p) / (p - F) : 0;
  return 0;
}

/**
 * Incremental progress reconstruction from successive hops h_t ∈ [−1, 1]:
 * Φ_t = Φ_{t−1} + (1 − Φ_{t−1})·h_t if h_t ≥ 0, else Φ_{t−1} + Φ_{t−1}·h_t, starting from Φ_{−1} = `start` (0),
 * so Φ stays in [0, 1] (with the default start Φ_0 = h_0 for a forward first hop). (Robo-Dopamine, arXiv 2512.23703)
 * @example progressIncremental([0.5, 0.5, -0.5]) // [0.5, 0.75, 0.375]
 */
export function progressIncremental(hops: ArrayLike<number>, start = 0): Float64Array {
  const out = new Float64Array(hops.length);
  let phi = start;
  for (let t = 0; t < hops.length; t++) {
    const h = Math.max(-1, Math.min(1, hops[t]!));
    phi = h >= 0 ? phi + (1 - phi) * h : phi + phi * h;
    out[t] = phi;
  }
  return out;
}

/**
 * Forward-anchored progress: the hop from the start frame to s_t is the progress itself, Φ_t = h(s_0, s_t).
 * (Robo-Dopamine, arXiv 2512.23703)
 * @example progressForward([0.1, 0.4]) // [0.1, 0.4]
 */
export function progressForward(hopsFromStart: ArrayLike<number>): Float64Array {
  return Float64Array.from(hopsFromStart);
}

/**
 * Backward-anchored progress: the hop from the goal image to s_t is ≤ 0, and Φ_t = 1 + h(goal, s_t).
 * (Robo-Dopamine, arXiv 2512.23703)
 * @example progressBackward([-0.9, -0.25]) // [0.1, 0.75]
 */
export function progressBackward(hopsFromGoal: ArrayLike<number>): Float64Array {
  const out = new Float64Array(hopsFromGoal.length);
  for (let t = 0; t < out.length; t++) out[t] = 1 + hopsFromGoal[t]!;
  return out;
}

/**
 * Per-step hops of a progress curve, Φ_t − Φ_{t−1} with Φ_{−1} = `start` (0): the dense reward each step earns.
 * @example progressToStepRewards([0.5, 0.75, 0.375]) // [0.5, 0.25, −0.375]
 */
export function progressToStepRewards(phi: ArrayLike<number>, start = 0): Float64Array {
  const out = new Float64Array(phi.length);
  let prev = start;
  for (let t = 0; t < phi.length; t++) {
    out[t] = phi[t]! - prev;
    prev = phi[t]!;
  }
  return out;
}
