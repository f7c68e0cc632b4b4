/**
 * ROUGE-N and ROUGE-L as Google's rouge-score computes them (Lin 2004): clipped n-gram overlap (or LCS length)
 * over the prediction's and the target's counts; the F-measure 2PR/(P+R) is the score.
 */
import { lcsLength, tokenIds } from "./lcs.ts";
import { internTokens, ngramIdCounts } from "./ngrams.ts";

/** Precision, recall and F-measure of one ROUGE variant. */
export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

function fmeasure(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

/**
 * ROUGE-N: overlap = Σ min(count_target, count_pred); P = overlap/max(#pred, 1), R = overlap/max(#target, 1).
 * @example rougeN(["a", "b"], ["a", "c"], 1).fmeasure // P = R = 1/2 → F = 0.5
 */
export function rougeN(target: readonly string[], pred: readonly string[], n: number): RougeScore {
  const vocab = new Map<string, number>();
  const tIds = internTokens(target, vocab);
  const pIds = internTokens(pred, vocab);
  const p = ngramIdCounts(pIds, n, vocab.size);
  const tCount = Math.max(0, target.length - n + 1);
  const pCount = Math.max(0, pred.length - n + 1);
  let overlap = 0;
  if (p.size > 0)
    for (const [k, c] of ngramIdCounts(tIds, n, vocab.size)) overlap += Math.min(c, p.get(k) ?? 0);
  const precision = overlap / Math.max(pCount, 1);
  const recall = overlap / Math.max(tCount, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/**
 * ROUGE-L: LCS of the token sequences; P = LCS/|pred|, R = LCS/|target|; all 0 when either side is empty.
 * @example rougeL(["a", "b", "c"], ["a", "c"]).recall // 2/3
 */
export function rougeL(target: readonly string[], pred: readonly string[]): RougeScore {
  if (target.length === 0 || pred.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const [a, b] = tokenIds(target, pred);
  const lcs = lcsLength(a, b);
  const precision = lcs / pred.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}
