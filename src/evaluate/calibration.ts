/** One reliability bin. */
export interface CalibrationBin {
  lo: number;
  hi: number;
  n: number;
  /** Mean confidence of the bin. */
  confidence: number;
  /** Fraction correct in the bin. */
  accuracy: number;
}

/** Expected calibration error and the bins of the reliability diagram. */
export interface CalibrationReport {
  ece: number;
  bins: CalibrationBin[];
  n: number;
}

/**
 * Expected calibration error ECE = Σ_b (n_b/N)·|acc_b − conf_b| over equal-width bins of confidence
 * (Guo et al. 2017). For a pairwise model the confidence is max(σ(Δ), 1 − σ(Δ)) and "correct" means the sign
 * of Δ picked the chosen response (Δ = 0: confidence 0.5, counted half right); bins cover [0.5, 1].
 * @example expectedCalibrationError([{ confidence: 0.9, correct: 1 }], { bins: 5 }).ece // ≈ 0.1
 */
export function expectedCalibrationError(
  items: { confidence: number; correct: number }[],
  o: { bins?: number; lo?: number } = {},
): CalibrationReport {
  const nb = o.bins ?? 10;
  const lo = o.lo ?? 0.5;
  const width = (1 - lo) / nb;
  const acc = new Float64Array(nb);
  const conf = new Float64Array(nb);
  const cnt = new Float64Array(nb);
  for (const it of items) {
    let b = Math.floor((it.confidence - lo) / width);
    if (b >= nb) b = nb - 1;
    if (b < 0) b = 0;
    cnt[b]!++;
    acc[b]! += it.correct;
    conf[b]! += it.confidence;
  }
  let ece = 0;
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < nb; b++) {
    const n = cnt[b]!;
    const a = n ? acc[b]! / n : Number.NaN;
    const c = n ? conf[b]! / n : Number.NaN;
    if (n) ece += (n / items.length) * Math.abs(a - c);
    bins.push({ lo: lo + b * width, hi: lo + (b + 1) * width, n, confidence: c, accuracy: a });
  }
  return { ece: items.length ? ece : Number.NaN, bins, n: items.length };
}

/**
 * Confidence and correctness of one pair from its BT gap Δ = s_chosen − s_rejected.
 * @example pairConfidence(0) // { confidence: 0.5, correct: 0.5 }
 */
export function pairConfidence(delta: number): { confidence: number; correct: number } {
  const p = 1 / (1 + Math.exp(-delta));
  return { confidence: Math.max(p, 1 - p), correct: delta > 0 ? 1 : delta < 0 ? 0 : 0.5 };
}
