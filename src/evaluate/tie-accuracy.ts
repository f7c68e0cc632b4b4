/** A pair for tie-calibrated accuracy: the model's gap Δ = s_chosen − s_rejected and whether humans tied. */
export interface TiePair {
  delta: number;
  humanTie: boolean;
}

/** Tie-calibrated accuracy and the accuracy without ties. */
export interface TieAccuracyReport {
  /** max over ε of (C + T_hm)/N. */
  accuracy: number;
  /** The ε that achieves it (model calls |Δ| ≤ ε a tie). */
  epsilon: number;
  /** C/(C + D) at ε = −1 over pairs humans did not tie (a zero gap counts as discordant). */
  accuracyWithoutTies: number;
  n: number;
}

/**
 * Tie-calibrated pairwise accuracy as VideoAlign reports it (calc_accuracy.py; Deutsch et al. 2023,
 * arXiv 2305.14324; formula sheet §3b): acc(ε) = (C + T_hm)/(C + D + T_h + T_m + T_hm), where the model calls
 * a pair a tie when |Δ| ≤ ε; the reported value is the maximum over ε scanned at each |Δ| (and ε = −1).
 * O(n log n) by one sort and a sweep.
 * @example tieCalibratedAccuracy([{ delta: 1, humanTie: false }, { delta: 0.1, humanTie: true }]).accuracy // 1
 */
export function tieCalibratedAccuracy(pairs: TiePair[]): TieAccuracyReport {
  const n = pairs.length;
  if (!n) return { accuracy: Number.NaN, epsilon: Number.NaN, accuracyWithoutTies: Number.NaN, n: 0 };
  let nonTie = 0;
  let conc = 0;
  for (const p of pairs) {
    if (p.humanTie) continue;
    nonTie++;
    if (p.delta > 0) conc++;
  }
  // ε = −1: no model ties; correct = concordant non-tie pairs.
  let bestAcc = conc / n;
  let bestEps = -1;
  const order = pairs.map((p) => ({ a: Math.abs(p.delta), p })).sort((x, y) => x.a - y.a);
  let c = conc; // concordant pairs with |Δ| > ε
  let thm = 0; // human ties the model also calls ties
  for (let i = 0; i < order.length; ) {
    const eps = order[i]!.a;
    // Every pair with |Δ| = eps becomes a model tie.
    while (i < order.length && order[i]!.a === eps) {
      const p = order[i]!.p;
      if (p.humanTie) thm++;
      else if (p.delta > 0) c--;
      i++;
    }
    const acc = (c + thm) / n;
    if (acc > bestAcc) {
      bestAcc = acc;
      bestEps = eps;
    }
  }
  return { accuracy: bestAcc, epsilon: bestEps, accuracyWithoutTies: nonTie ? conc / nonTie : Number.NaN, n };
}
