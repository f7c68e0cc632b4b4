/** How a standard deviation divides: by n − 1 (Bessel; `torch.std`'s default, used by verl and TRL) or by n (`np.std`). */
export type StdKind = "unbiased" | "population";

/**
 * Mean and standard deviation of the finite entries (NaN = null is skipped); `count` is how many were used.
 * A single value has std 0 under either convention (no spread to estimate).
 * @example meanStd([1, 2, 3, NaN]) // { mean: 2, std: 1, count: 3 }
 */
export function meanStd(
  xs: ArrayLike<number>,
  kind: StdKind = "unbiased",
): { mean: number; std: number; count: number } {
  let s = 0;
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (!Number.isNaN(x)) {
      s += x;
      n++;
    }
  }
  if (n === 0) return { mean: Number.NaN, std: Number.NaN, count: 0 };
  const m = s / n;
  let q = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (!Number.isNaN(x)) q += (x - m) * (x - m);
  }
  const d = kind === "unbiased" ? n - 1 : n;
  return { mean: m, std: d > 0 ? Math.sqrt(q / d) : 0, count: n };
}

/** Options of `maskedWhiten`. */
export interface WhitenOptions {
  /** Entries that take part (1) or are skipped (0); skipped entries come out as 0. */
  mask?: ArrayLike<number>;
  /** Weight of each entry in the mean and variance (e.g. a sequence's token count); default 1. */
  weights?: ArrayLike<number>;
  /** Added to the variance before the square root (verl: 1e-8). */
  eps?: number;
  /** Keep the mean (verl's `shift_mean=False`); default false (subtract it). */
  keepMean?: boolean;
}

/**
 * Batch whitening `(x − mean)·(var + eps)^(−1/2)` over the masked (and weighted) entries, with the variance
 * Bessel-corrected over the total weight; NaN entries are skipped and come out as 0. Fewer than two units of
 * weight leave nothing to scale by, so the result is just centred.
 * (verl `masked_whiten`, verl/utils/torch_functional.py)
 * @example maskedWhiten([1, 2, 3]) // ≈ [-1, 0, 1]
 */
export function maskedWhiten(xs: ArrayLike<number>, o: WhitenOptions = {}): Float64Array {
  const n = xs.length;
  const eps = o.eps ?? 1e-8;
  const { mask, weights } = o;
  let sw = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    if (Number.isNaN(x) || (mask && !mask[i])) continue;
    const w = weights ? weights[i]! : 1;
    sw += w;
    s += w * x;
  }
  const out = new Float64Array(n);
  if (sw <= 0) return out;
  const m = s / sw;
  let q = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    if (Number.isNaN(x) || (mask && !mask[i])) continue;
    q += (weights ? weights[i]! : 1) * (x - m) * (x - m);
  }
  const v = sw > 1 ? (q / sw) * (sw / (sw - 1)) : 0;
  const inv = sw > 1 ? 1 / Math.sqrt(v + eps) : 1;
  const back = o.keepMean ? m : 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    if (Number.isNaN(x) || (mask && !mask[i])) continue;
    out[i] = (x - m) * inv + back;
  }
  return out;
}

/**
 * Reads a list of scores (null/undefined/non-finite = unscorable) into a Float64Array with NaN for null.
 * @example toScores([1, null, 0]) // Float64Array [1, NaN, 0]
 */
export function toScores(xs: ArrayLike<number | null | undefined>): Float64Array {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    out[i] = typeof x === "number" && Number.isFinite(x) ? x : Number.NaN;
  }
  return out;
}
