import type { Groups } from "./groups.ts";

/**
 * DenseGRPO-style step gains from intermediate scores: with s_k = R(x̂0 after k denoising steps), k = 0..K, the
 * gain of step k is s_k − s_{k−1} (k = 1..K), so the gains telescope to s_K − s_0. (DenseGRPO, arXiv 2601.20218)
 * @example stepGains([0.1, 0.4, 0.5]) // [0.3, 0.1]
 */
export function stepGains(scores: ArrayLike<number>): Float64Array {
  const out = new Float64Array(Math.max(0, scores.length - 1));
  for (let k = 1; k < scores.length; k++) out[k - 1] = scores[k]! - scores[k - 1]!;
  return out;
}

/**
 * Per-timestep group advantages for dense step gains: at each step k the gains of the group's rows are normalised
 * against each other, (g_k − mean_g)/(std_g + eps) (normalisation unconfirmed: GRPO's is used). Rows without gains
 * are null. (DenseGRPO, arXiv 2601.20218)
 * @example perStepGroupAdvantages([[1, 0], [0, 0]], fixedGroups(2, 2))
 */
export function perStepGroupAdvantages(
  gains: readonly (ArrayLike<number> | null | undefined)[],
  groups: Groups,
  o: { eps?: number; scale?: boolean } = {},
): (Float64Array | null)[] {
  const eps = o.eps ?? 1e-6;
  const out: (Float64Array | null)[] = gains.map((g) => (g ? new Float64Array(g.length) : null));
  const { order, offsets } = groups;
  for (let g = 0; g < offsets.length - 1; g++) {
    let K = 0;
    for (let j = offsets[g]!; j < offsets[g + 1]!; j++)
      K = Math.max(K, gains[order ? order[j]! : j]?.length ?? 0);
    for (let k = 0; k < K; k++) {
      let s = 0;
      let n = 0;
      for (let j = offsets[g]!; j < offsets[g + 1]!; j++) {
        const x = gains[order ? order[j]! : j]?.[k];
        if (x !== undefined && !Number.isNaN(x)) {
          s += x;
          n++;
        }
      }
      if (n < 2) continue;
      const m = s / n;
      let q = 0;
      for (let j = offsets[g]!; j < offsets[g + 1]!; j++) {
        const x = gains[order ? order[j]! : j]?.[k];
        if (x !== undefined && !Number.isNaN(x)) q += (x - m) ** 2;
      }
      const inv = o.scale === false ? 1 : 1 / (Math.sqrt(q / (n - 1)) + eps);
      for (let j = offsets[g]!; j < offsets[g + 1]!; j++) {
        const i = order ? order[j]! : j;
        const x = gains[i]?.[k];
        if (x !== undefined && !Number.isNaN(x)) out[i]![k] = (x - m) * inv;
      }
    }
  }
  return out;
}
