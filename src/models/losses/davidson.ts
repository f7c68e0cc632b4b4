/**
 * Davidson probabilities for a score gap d = r_i − r_j and tie parameter ν ≥ 0:
 * P(i≻j) = e^{r_i}/(e^{r_i} + e^{r_j} + ν e^{(r_i+r_j)/2}), P(tie) = ν e^{(r_i+r_j)/2}/(same)
 * (Davidson 1970, formula sheet §3b). Dividing by e^{(r_i+r_j)/2} gives the d-only form used here.
 * @example davidsonProbs(0, 1) // { win: 1/3, lose: 1/3, tie: 1/3 }
 */
export function davidsonProbs(d: number, nu: number): { win: number; lose: number; tie: number } {
  const a = Math.abs(d) / 2;
  // Scaled by e^{−a} so large gaps do not overflow.
  const big = 1;
  const small = Math.exp(-2 * a);
  const t = nu * Math.exp(-a);
  const z = big + small + t;
  const hi = big / z;
  const lo = small / z;
  return d >= 0 ? { win: hi, lose: lo, tie: t / z } : { win: lo, lose: hi, tie: t / z };
}

/**
 * Davidson negative log-likelihood with ν = e^ρ, and its derivatives in d and ρ.
 * With Z = e^{d/2} + e^{−d/2} + ν: win −(d/2 − log Z), tie −(log ν − log Z);
 * ∂log Z/∂d = (e^{d/2} − e^{−d/2})/(2Z), ∂log Z/∂ρ = ν/Z (Davidson 1970, formula sheet §3b).
 * @example davidsonLoss(0, 0, true).loss // log 3
 */
export function davidsonLoss(
  d: number,
  rho: number,
  tie: boolean,
): { loss: number; gradD: number; gradRho: number } {
  const nu = Math.exp(rho);
  const a = Math.abs(d) / 2;
  const ea = Math.exp(-a);
  const zs = 1 + ea * ea + nu * ea; // Z·e^{−a}
  const logZ = a + Math.log(zs);
  // (e^{d/2} − e^{−d/2})/(2Z) = sign(d)(1 − e^{−2a})/(2 zs)
  const dLogZdD = (Math.sign(d) * (1 - ea * ea)) / (2 * zs);
  const dLogZdRho = (nu * ea) / zs;
  if (tie) return { loss: logZ - rho, gradD: dLogZdD, gradRho: dLogZdRho - 1 };
  return { loss: logZ - d / 2, gradD: dLogZdD - 0.5, gradRho: dLogZdRho };
}
