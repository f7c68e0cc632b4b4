import type { Groups } from "./groups.ts";

/**
 * Discounted returns G_t = r_t + γ·G_{t+1} of one sequence of per-step rewards (null/NaN steps count as 0).
 * @example discountedReturns([1, 0, 2], 0.5) // [1.5, 1, 2]
 */
export function discountedReturns(rewards: ArrayLike<number>, gamma = 1): Float64Array {
  const out = new Float64Array(rewards.length);
  let g = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    const r = rewards[t]!;
    g = (!Number.isNaN(r) ? r : 0) + gamma * g;
    out[t] = g;
  }
  return out;
}

/**
 * Process-supervised GRPO: every step reward of the group is normalised by the mean and std of all the group's
 * step rewards, r̃ = (r − mean)/(std + eps), and a step's advantage is the sum of the normalised rewards from that
 * step on, A_t = Σ_{j≥t} r̃_j. A row without steps (null) is unscorable: null out, outside the statistics.
 * (DeepSeekMath GRPO with process supervision, arXiv 2402.03300 §4.1.3)
 * @example processGrpo([[1, 0], [0, 0]], fixedGroups(2, 2)) // ≈ [[1, −0.5], [−1, −0.5]]
 */
export function processGrpo(
  steps: readonly (ArrayLike<number> | null | undefined)[],
  groups: Groups,
  o: { eps?: number; std?: "unbiased" | "population"; scale?: boolean } = {},
): (Float64Array | null)[] {
  const eps = o.eps ?? 1e-6;
  const out: (Float64Array | null)[] = steps.map(() => null);
  const { order, offsets } = groups;
  for (let g = 0; g < offsets.length - 1; g++) {
    let s = 0;
    let n = 0;
    for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
      const xs = steps[order ? order[k]! : k];
      if (!xs) continue;
      for (let t = 0; t < xs.length; t++) {
        const x = xs[t]!;
        if (!Number.isNaN(x)) {
          s += x;
          n++;
        }
      }
    }
    if (n === 0) continue;
    const m = s / n;
    let q = 0;
    for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
      const xs = steps[order ? order[k]! : k];
      if (!xs) continue;
      for (let t = 0; t < xs.length; t++) {
        const x = xs[t]!;
        if (!Number.isNaN(x)) q += (x - m) * (x - m);
      }
    }
    const d = o.std === "population" ? n : n - 1;
    const inv = o.scale === false ? 1 : 1 / ((d > 0 ? Math.sqrt(q / d) : 0) + eps);
    for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
      const i = order ? order[k]! : k;
      const xs = steps[i];
      if (!xs) continue;
      const a = new Float64Array(xs.length);
      let acc = 0;
      for (let t = xs.length - 1; t >= 0; t--) {
        const x = xs[t]!;
        if (!Number.isNaN(x)) acc += (x - m) * inv;
        a[t] = acc;
      }
      out[i] = a;
    }
  }
  return out;
}
