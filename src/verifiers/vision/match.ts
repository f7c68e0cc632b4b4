import { hungarian } from "./hungarian.ts";

/** The outcome of a one-to-one matching of predictions to golds. */
export interface MatchOutcome {
  score: number;
  matched: number;
  sumIou: number;
  pairs: [number, number][];
}

/**
 * One-to-one Hungarian matching on cost 1 − IoU, scored (#matched − Σcost)/max(M, N); pairs below `minIou` are
 * dropped. M = `predCount` and N = `goldCount` (M may exceed the matrix rows when predictions were capped).
 * Both empty → 1 (nothing to find, nothing claimed). (Veason-R1, arXiv 2508.11538, accuracy reward)
 * @example matchScore([[1, 0], [0, 0.5]], 2, 2, 0).score // (2 − (0 + 0.5)) / 2 = 0.75
 */
export function matchScore(
  ious: readonly (readonly number[])[],
  predCount: number,
  goldCount: number,
  minIou: number,
): MatchOutcome {
  const denom = Math.max(predCount, goldCount);
  if (denom === 0) return { score: 1, matched: 0, sumIou: 0, pairs: [] };
  if (predCount === 0 || goldCount === 0 || ious.length === 0)
    return { score: 0, matched: 0, sumIou: 0, pairs: [] };
  const { pairs } = hungarian(ious.map((row) => row.map((x) => 1 - x)));
  let matched = 0;
  let cost = 0;
  let sumIou = 0;
  const kept: [number, number][] = [];
  for (const [i, j] of pairs) {
    const iou = (ious[i] as readonly number[])[j] as number;
    if (iou < minIou || (minIou > 0 && iou === 0)) continue;
    matched++;
    cost += 1 - iou;
    sumIou += iou;
    kept.push([i, j]);
  }
  return { score: (matched - cost) / denom, matched, sumIou, pairs: kept };
}
