/**
 * VLM-RM's goal–baseline reward R = 1 − ½‖(x − g)P‖² with P = α·ddᵀ/‖d‖² + (1 − α)I, d = g − b, computed without
 * forming P: (x − g)P = (1 − α)v + α·(v·d/‖d‖²)·d for v = x − g (P is symmetric).
 * (VLM-RMs, arXiv 2310.12921, `CLIPReward.forward`)
 * @example goalBaselineReward([1, 0], [1, 0], [0, 1], 0.5) // x = g → 1
 */
export function goalBaselineReward(
  x: ArrayLike<number>,
  g: ArrayLike<number>,
  b: ArrayLike<number>,
  alpha: number,
): number {
  const n = x.length;
  let dd = 0;
  let vd = 0;
  for (let i = 0; i < n; i++) {
    const d = (g[i] as number) - (b[i] as number);
    dd += d * d;
    vd += ((x[i] as number) - (g[i] as number)) * d;
  }
  const k = alpha !== 0 && dd > 0 ? (alpha * vd) / dd : 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = (x[i] as number) - (g[i] as number);
    const w = (1 - alpha) * v + k * ((g[i] as number) - (b[i] as number));
    s += w * w;
  }
  return 1 - s / 2;
}
