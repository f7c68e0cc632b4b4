/**
 * Sentence BLEU as sacreBLEU's `sentence_bleu` computes it (Papineni et al. 2002; Post 2018): clipped n-gram
 * counts against the max over references, closest reference length (ties to the shorter), `exp` smoothing and
 * effective order by default. Returned on a 0–1 scale (sacreBLEU reports 0–100).
 */

import { clippedMatches, internTokens, ngramIdCounts } from "./ngrams.ts";

/** Smoothing methods of sacreBLEU (Chen & Cherry 2014): none, floor (0.1), add-k (1), exp (NIST). */
export type BleuSmooth = "none" | "floor" | "add-k" | "exp";

/** Options of `sentenceBleu`. */
export interface BleuOptions {
  maxOrder?: number;
  smooth?: BleuSmooth;
  smoothValue?: number;
  effectiveOrder?: boolean;
}

/** Counts of every n-gram (1 ≤ n ≤ maxOrder), keyed by the tokens joined with a separator. */
export function ngramCounts(tokens: readonly string[], minN: number, maxN: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const key = n === 1 ? tokens[i]! : tokens.slice(i, i + n).join("\u0000");
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

/** The BLEU statistics and the score in [0, 1]. */
export interface BleuResult {
  score: number;
  precisions: number[];
  bp: number;
  hypLen: number;
  refLen: number;
}

/**
 * BLEU = BP · exp(Σ_{n ≤ N_eff} log p_n / N_eff), BP = exp(1 − r/c) when c < r; with `exp` smoothing the k-th
 * zero-count order gets p_n = 1/(2^k · total_n) (sacreBLEU `compute_bleu`, Post 2018 arXiv 1804.08771).
 * @example sentenceBleu(["the", "cat"], [["the", "cat"]]).score // 1
 */
export function sentenceBleu(
  hyp: readonly string[],
  refs: readonly (readonly string[])[],
  o: BleuOptions = {},
): BleuResult {
  const N = o.maxOrder ?? 4;
  const smooth = o.smooth ?? "exp";
  const smoothValue = o.smoothValue ?? (smooth === "floor" ? 0.1 : 1);
  const effective = o.effectiveOrder ?? true;
  const refLens: number[] = [];
  for (const ref of refs) refLens.push(ref.length);
  const hypLen = hyp.length;
  let refLen = -1;
  let diff = -1;
  for (const rl of refLens) {
    const d = Math.abs(hypLen - rl);
    if (diff === -1 || d < diff || (d === diff && rl < refLen)) {
      diff = d;
      refLen = rl;
    }
  }
  if (refLen < 0) refLen = 0;
  const correct = new Array<number>(N).fill(0);
  const total = new Array<number>(N).fill(0);
  for (let n = 1; n <= N; n++) total[n - 1] = Math.max(0, hypLen - n + 1);
  // Clipped matches per order: hypothesis counts against the max count over references (interned ids).
  const vocab = new Map<string, number>();
  const hypIds = internTokens(hyp, vocab);
  const refIds = refs.map((r) => internTokens(r, vocab));
  for (let n = 1; n <= N && n <= hypLen; n++) {
    let refMax: Map<number | string, number>;
    if (refIds.length === 1) refMax = ngramIdCounts(refIds[0]!, n, vocab.size);
    else {
      refMax = new Map();
      for (const ids of refIds) {
        if (ids.length < n) continue;
        for (const [k, c] of ngramIdCounts(ids, n, vocab.size))
          if (c > (refMax.get(k) ?? 0)) refMax.set(k, c);
      }
    }
    if (refMax.size === 0) continue;
    correct[n - 1] = clippedMatches(hypIds, n, vocab.size, refMax);
  }
  const bp = hypLen < refLen ? (hypLen > 0 ? Math.exp(1 - refLen / hypLen) : 0) : 1;
  const precisions = new Array<number>(N).fill(0);
  if (!correct.some((c) => c > 0)) return { score: 0, precisions, bp, hypLen, refLen };
  let smoothMteval = 1;
  let effOrder = N;
  for (let n = 1; n <= N; n++) {
    if (smooth === "add-k" && n > 1) {
      correct[n - 1]! += smoothValue;
      total[n - 1]! += smoothValue;
    }
    if (total[n - 1] === 0) break;
    if (effective) effOrder = n;
    if (correct[n - 1] === 0) {
      if (smooth === "exp") {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * total[n - 1]!);
      } else if (smooth === "floor") precisions[n - 1] = (100 * smoothValue) / total[n - 1]!;
    } else precisions[n - 1] = (100 * correct[n - 1]!) / total[n - 1]!;
  }
  let logSum = 0;
  for (let n = 0; n < effOrder; n++) logSum += precisions[n] === 0 ? -9999999999 : Math.log(precisions[n]!);
  const score = (bp * Math.exp(logSum / effOrder)) / 100;
  return { score, precisions: precisions.map((p) => p / 100), bp, hypLen, refLen };
}
