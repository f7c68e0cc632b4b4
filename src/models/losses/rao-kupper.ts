import { logSigmoid, sigmoid } from "../math.ts";

/**
 * Rao-Kupper probabilities with ν = log θ (θ > 1): P(w≻l) = σ(d − ν), P(l≻w) = σ(−d − ν),
 * P(tie) = (θ² − 1)·σ(d − ν)·σ(−d − ν) (Rao & Kupper 1967; formula sheet §3b). The three sum to 1.
 * @example raoKupperProbs(0, Math.log(5)) // { win: 1/6, lose: 1/6, tie: 2/3 }
 */
export function raoKupperProbs(d: number, nu: number): { win: number; lose: number; tie: number } {
  const win = sigmoid(d - nu);
  const lose = sigmoid(-d - nu);
  return { win, lose, tie: Math.expm1(2 * nu) * win * lose };
}

/**
 * Rao-Kupper negative log-likelihood and its derivatives in d and ν. Win: −log σ(d−ν);
 * tie: −log σ(d−ν) − log σ(−d−ν) − log(e^{2ν} − 1) — VideoReward's "btt" loss with θ = 5
 * (KwaiVGI/VideoAlign trainer.py, formula sheet §3b). The tie constant is kept so ν can be learned.
 * @example raoKupperLoss(0, Math.log(5), true).loss // −log(2/3)
 */
export function raoKupperLoss(
  d: number,
  nu: number,
  tie: boolean,
): { loss: number; gradD: number; gradNu: number } {
  if (!tie) {
    const s = sigmoid(nu - d);
    return { loss: -logSigmoid(d - nu), gradD: -s, gradNu: s };
  }
  const a = sigmoid(nu - d);
  const b = sigmoid(nu + d);
  const e2 = Math.expm1(2 * nu);
  return {
    loss: -logSigmoid(d - nu) - logSigmoid(-d - nu) - Math.log(e2),
    gradD: -a + b,
    gradNu: a + b - (2 * (e2 + 1)) / e2,
  };
}
