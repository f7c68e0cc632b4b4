import type { Groups } from "./groups.ts";

/**
 * RLOO leave-one-out advantages A_i = r_i − mean_{j≠i} r_j = G/(G−1)·(r_i − mean_g r), over the G scorable rows
 * of the group; a group of one keeps its reward (A = r). Null (NaN) rows get 0 and are not counted in G.
 * (RLOO, arXiv 2402.14740; verl `compute_rloo_outcome_advantage`)
 * @example rloo(Float64Array.of(1, 0, 0, 0), fixedGroups(4, 4)) // [1, −1/3, −1/3, −1/3]
 */
export function rloo(scores: ArrayLike<number>, groups: Groups): Float64Array {
  const out = new Float64Array(scores.length);
  const { order, offsets } = groups;
  const ng = offsets.length - 1;
  for (let g = 0; g < ng; g++) {
    const a = offsets[g]!;
    const b = offsets[g + 1]!;
    let s = 0;
    let n = 0;
    for (let k = a; k < b; k++) {
      const x = scores[order ? order[k]! : k]!;
      if (!Number.isNaN(x)) {
        s += x;
        n++;
      }
    }
    if (n === 0) continue;
    const m = n === 1 ? 0 : s / n;
    const f = n === 1 ? 1 : n / (n - 1);
    for (let k = a; k < b; k++) {
      const i = order ? order[k]! : k;
      const x = scores[i]!;
      if (!Number.isNaN(x)) out[i] = f * (x - m);
    }
  }
  return out;
}
