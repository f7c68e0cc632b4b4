/**
 * Potential-based shaping term F(s, s′) = γΦ(s′) − Φ(s), with Φ(s′) taken as 0 when s′ is terminal: an episode
 * that ends must not carry the potential of its last state, or the shaped return depends on where and when it
 * ended and the optimal policy can change. (Ng, Harada & Russell, ICML 1999)
 * @example potentialShaping(0.2, 0.5, 0.9, false) // 0.9·0.5 − 0.2 = 0.25
 */
export function potentialShaping(phi: number, phiNext: number, gamma: number, terminal: boolean): number {
  return gamma * (terminal ? 0 : phiNext) - phi;
}

/**
 * Shapes one trajectory: r′_t = r_t + γΦ(s_{t+1}) − Φ(s_t) for t < T, given T rewards and T + 1 potentials
 * Φ(s_0..s_T). `terminal` (default true) says s_T is terminal (its potential counts as 0); a truncated episode
 * keeps Φ(s_T). The shaped discounted return is the original minus Φ(s_0) (plus γ^T·Φ(s_T) when truncated).
 * (PBRS, Ng, Harada & Russell, ICML 1999; Robo-Dopamine uses its progress as Φ, arXiv 2512.23703)
 * @example shapeTrajectory([0, 1], [0.1, 0.5, 0.9], { gamma: 1 }) // [0.4, 0.5]
 */
export function shapeTrajectory(
  rewards: ArrayLike<number>,
  potentials: ArrayLike<number>,
  o: { gamma?: number; terminal?: boolean; scale?: number } = {},
): Float64Array {
  const T = rewards.length;
  if (potentials.length !== T + 1)
    throw new RangeError(
      `need ${T + 1} potentials (one per state) for ${T} rewards, got ${potentials.length}`,
    );
  const gamma = o.gamma ?? 1;
  const scale = o.scale ?? 1;
  const terminal = o.terminal ?? true;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const last = t === T - 1;
    out[t] =
      rewards[t]! + scale * potentialShaping(potentials[t]!, potentials[t + 1]!, gamma, last && terminal);
  }
  return out;
}
