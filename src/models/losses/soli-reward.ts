import { logSigmoid, sigmoid } from "../math.ts";

/** Coefficients of SoliReward's win-tie loss (defaults from scripts/solireward_train.sh). */
export interface SoliRewardOptions {
  /** Margin m (default 3.0). */
  margin?: number;
  /** Weight of the BT term on win/lose pairs (default 1). */
  cBt?: number;
  /** Weight of the BTT term on tie pairs (default 1). */
  cBtt?: number;
  /** Weight of the per-item BCE term (default 0, i.e. off). */
  cBce?: number;
}

/**
 * SoliReward's BT-win-tie loss for one pair with qualities q_w, q_l:
 * c_bt·[−log σ(d−m)]·1{q_w≠q_l} + c_btt·[−log σ(d−m) − log σ(−d−m)]·1{q_w=q_l}
 * + c_bce·[BCE(σ(r_w), 1{q_w>0}) + BCE(σ(r_l), 1{q_l>0})]
 * (SoliReward, arXiv 2512.22170, solireward/trainer/loss.py; formula sheet §3b). Returns dL/dr_w, dL/dr_l.
 * @example soliRewardLoss(0, 0, 1, 1).loss // 2·softplus(3)
 */
export function soliRewardLoss(
  rw: number,
  rl: number,
  qw: number,
  ql: number,
  o: SoliRewardOptions = {},
): { loss: number; gradW: number; gradL: number } {
  const m = o.margin ?? 3;
  const cBt = o.cBt ?? 1;
  const cBtt = o.cBtt ?? 1;
  const cBce = o.cBce ?? 0;
  const d = rw - rl;
  let loss: number;
  let gd: number;
  if (qw !== ql) {
    loss = -cBt * logSigmoid(d - m);
    gd = -cBt * sigmoid(m - d);
  } else {
    loss = -cBtt * (logSigmoid(d - m) + logSigmoid(-d - m));
    gd = cBtt * (-sigmoid(m - d) + sigmoid(m + d));
  }
  let gradW = gd;
  let gradL = -gd;
  if (cBce > 0) {
    for (const [r, q, which] of [
      [rw, qw, 0],
      [rl, ql, 1],
    ] as const) {
      const y = q > 0 ? 1 : 0;
      loss -= cBce * (y * logSigmoid(r) + (1 - y) * logSigmoid(-r));
      const g = cBce * (sigmoid(r) - y);
      if (which === 0) gradW += g;
      else gradL += g;
    }
  }
  return { loss, gradW, gradL };
}
