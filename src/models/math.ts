/**
 * The logistic function σ(x) = 1/(1+e^−x), computed without overflow for large |x|.
 * @example sigmoid(0) // 0.5
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * log σ(x), stable for large |x| (−softplus(−x)).
 * @example logSigmoid(0) // −log 2
 */
export function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

/**
 * softplus(x) = log(1+e^x), stable for large |x|.
 * @example softplus(0) // log 2
 */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * Softmax of a vector into `out` (max-shifted).
 * @example softmax([0, 0]) // [0.5, 0.5]
 */
export function softmax(x: ArrayLike<number>, out: Float64Array = new Float64Array(x.length)): Float64Array {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) m = Math.max(m, x[i]!);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += out[i] = Math.exp(x[i]! - m);
  for (let i = 0; i < x.length; i++) out[i]! /= s;
  return out;
}
