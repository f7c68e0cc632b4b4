import { logSigmoid, sigmoid } from "../math.ts";

/** Options of the Bradley-Terry loss. */
export interface BtLossOptions {
  /** Margin m in −log σ(d − m) (VideoAlign: the score gap, or a constant such as 0.57). */
  margin?: number;
  /** Label smoothing ε: the label is flipped with probability ε. */
  labelSmoothing?: number;
}

/**
 * Bradley-Terry negative log-likelihood of "chosen beats rejected" on the score gap d = r_w − r_l, with its
 * analytic derivative. L = −[(1−ε) log σ(d−m) + ε log σ(−d−m)], dL/dd = −(1−ε) σ(m−d) + ε σ(d+m)
 * (Bradley-Terry; margin and smoothing as in VideoAlign trainer.py, formula sheet §3a).
 * @example btLoss(0) // { loss: log 2, grad: −0.5 }
 */
export function btLoss(d: number, o: BtLossOptions = {}): { loss: number; grad: number } {
  const m = o.margin ?? 0;
  const eps = o.labelSmoothing ?? 0;
  let loss = -(1 - eps) * logSigmoid(d - m);
  let grad = -(1 - eps) * sigmoid(m - d);
  if (eps > 0) {
    loss -= eps * logSigmoid(-d - m);
    grad += eps * sigmoid(d + m);
  }
  return { loss, grad };
}

/**
 * TRL's reward-centring term c·(r_w + r_l)² with its derivative 2c(r_w + r_l) (the same for both scores);
 * it pins the otherwise free offset of BT scores near zero (TRL RewardTrainer `center_rewards_coefficient`).
 * @example centerTerm(1, -1, 0.01) // { loss: 0, grad: 0 }
 */
export function centerTerm(rw: number, rl: number, c: number): { loss: number; grad: number } {
  const s = rw + rl;
  return { loss: c * s * s, grad: 2 * c * s };
}
