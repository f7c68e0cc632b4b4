import { meanStd } from "./stats.ts";

/**
 * TimeLens difficulty-aware sampling weights over offline scores (the SFT model's IoU per sample):
 * w_i = exp(−½((iou_i − μ)/σ)²)·1/(count(bin(iou_i)) + 1e-6), with `bins` equal bins on [0, 1], normalised to sum 1.
 * Hard-but-not-hopeless samples are favoured and crowded bins are thinned. (TimeLens, arXiv 2512.14698)
 * @example difficultyWeights([0.05, 0.05, 0.9]) // the lone 0.9 sample gets far less than each 0.05 one
 */
export function difficultyWeights(
  scores: ArrayLike<number>,
  o: { mu?: number; sigma?: number; bins?: number } = {},
): Float64Array {
  const mu = o.mu ?? 0.05;
  const sigma = o.sigma ?? 0.2;
  const B = o.bins ?? 20;
  const bin = (x: number) => Math.min(B - 1, Math.max(0, Math.floor(x * B)));
  const counts = new Float64Array(B);
  for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i]!)) counts[bin(scores[i]!)]!++;
  const w = new Float64Array(scores.length);
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i]!;
    if (Number.isNaN(x)) continue;
    w[i] = Math.exp(-0.5 * ((x - mu) / sigma) ** 2) / (counts[bin(x)]! + 1e-6);
    total += w[i]!;
  }
  if (total > 0) for (let i = 0; i < w.length; i++) w[i]! /= total;
  return w;
}

/**
 * Temporal-RLT variance-aware selection: keep the prompts whose rewards vary across K repeated samples
 * (std > `minStd`, default 0: not all the same); the threshold is unconfirmed. Nulls are ignored.
 * (Temporal-RLT, arXiv 2506.01908)
 * @example varianceAwareSelect([[1, 1, 1], [0, 1, 1]]) // { keep: [1], std: [0, 0.577…] }
 */
export function varianceAwareSelect(
  rewardsPerPrompt: readonly ArrayLike<number>[],
  o: { minStd?: number; std?: "unbiased" | "population" } = {},
): { keep: number[]; std: number[] } {
  const minStd = o.minStd ?? 0;
  const keep: number[] = [];
  const std: number[] = [];
  rewardsPerPrompt.forEach((rs, i) => {
    const s = meanStd(rs, o.std ?? "unbiased");
    const v = s.count > 1 ? s.std : 0;
    std.push(v);
    if (v > minStd) keep.push(i);
  });
  return { keep, std };
}
