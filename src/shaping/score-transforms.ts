/** The logistic function σ(x) = 1/(1 + e^−x), computed without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * PAR, Preference As Reward: r_RL = (1/M)·Σ_m σ(k·(r − r_ref^m)), the Bradley-Terry win probability of the
 * response against M reference responses; bounded in (0, 1), steep near the references, flat far away.
 * (PAR, arXiv 2502.18770; PorUna-byte/PAR `calculate_relative_sigmoid`, k = 1, M = 10)
 * @example par(1, [0, 2]) // (σ(1) + σ(−1))/2 = 0.5
 */
export function par(r: number, refs: readonly number[], k = 1): number {
  let s = 0;
  for (const ref of refs) s += sigmoid(k * (r - ref));
  return s / refs.length;
}

/**
 * Centred reward mean_m(r − r_ref^m) = r − mean(refs) (PAR's "centered" baseline shaper). (PAR, arXiv 2502.18770)
 * @example centred(1, [0, 1]) // 0.5
 */
export function centred(r: number, refs: readonly number[]): number {
  let s = 0;
  for (const ref of refs) s += r - ref;
  return s / refs.length;
}

/**
 * Bounded tanh shaping mean_m tanh(k·(r − r_ref^m)), or tanh(k·r) without references (PAR's tanh baseline shaper).
 * (PAR, arXiv 2502.18770)
 * @example tanhShape(1, [1]) // 0
 */
export function tanhShape(r: number, refs: readonly number[] | null, k = 1): number {
  if (!refs) return Math.tanh(k * r);
  let s = 0;
  for (const ref of refs) s += Math.tanh(k * (r - ref));
  return s / refs.length;
}

/**
 * Clips a reward to the reference band [μ_ref − c·σ_ref, μ_ref + c·σ_ref] (PAR's "clip to μ±σ" baseline; σ is the
 * population std of the references, c = 1; both unconfirmed). (PAR, arXiv 2502.18770)
 * @example clipToReferences(5, [0, 2]) // band [0, 2] → 2
 */
export function clipToReferences(r: number, refs: readonly number[], c = 1): number {
  let m = 0;
  for (const x of refs) m += x;
  m /= refs.length;
  let q = 0;
  for (const x of refs) q += (x - m) ** 2;
  const sd = Math.sqrt(q / refs.length);
  return Math.min(m + c * sd, Math.max(m - c * sd, r));
}

/**
 * TempSamp-R1's asymmetric ("soft advantage") shaping: above τ a near-flat plateau τ + 0.01·ln(x − τ + 1),
 * below τ an exponential penalty τ − (e^{α(τ − x)} − 1)/(e^α − 1); it compresses high rewards and spreads low ones.
 * Coefficients are from a third-party implementation (τ = 0.8, α = 1) and unconfirmed against the paper.
 * (TempSamp-R1, arXiv 2509.18056)
 * @example asymmetricShape(0.8) // 0.8
 */
export function asymmetricShape(x: number, tau = 0.8, alpha = 1): number {
  if (x >= tau) return tau + 0.01 * Math.log(x - tau + 1);
  return tau - (Math.exp(alpha * (tau - x)) - 1) / (Math.exp(alpha) - 1);
}
