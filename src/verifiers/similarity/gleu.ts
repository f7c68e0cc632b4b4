/**
 * Google-BLEU (GLEU) as NLTK's `sentence_gleu` computes it (Wu et al. 2016, arXiv 1609.08144 §7): over all
 * n-grams with 1 ≤ n ≤ 4, GLEU = min(precision, recall) = matches / max(#hyp n-grams, #ref n-grams); with
 * several references, the reference with the best ratio counts.
 */
import { clippedMatches, internTokens, ngramIdCounts } from "./ngrams.ts";

/**
 * GLEU of one hypothesis against references, in [0, 1]; 0 when neither side has an n-gram.
 * @example sentenceGleu(["a", "b"], [["a", "c"]]) // 1 match (a) of max(3, 3) n-grams = 1/3
 */
export function sentenceGleu(
  hyp: readonly string[],
  refs: readonly (readonly string[])[],
  minN = 1,
  maxN = 4,
): number {
  const vocab = new Map<string, number>();
  const hypIds = internTokens(hyp, vocab);
  const refIds = refs.map((r) => internTokens(r, vocab));
  const h: Map<number | string, number>[] = [];
  let tpfp = 0;
  for (let n = minN; n <= maxN; n++) {
    h.push(ngramIdCounts(hypIds, n, vocab.size));
    tpfp += Math.max(0, hyp.length - n + 1);
  }
  let best: [number, number] | null = null;
  for (const ids of refIds) {
    let tpfn = 0;
    let tp = 0;
    for (let n = minN; n <= maxN; n++) {
      tpfn += Math.max(0, ids.length - n + 1);
      const hn = h[n - minN]!;
      if (hn.size === 0 || ids.length < n) continue;
      // Σ_k min(ref_k, hyp_k): the reference's n-grams spend the hypothesis's counts (a copy past one reference).
      tp += clippedMatches(ids, n, vocab.size, refIds.length === 1 ? hn : new Map(hn));
    }
    const nAll = Math.max(tpfp, tpfn);
    if (nAll > 0 && (best === null || tp / nAll > best[0] / best[1])) best = [tp, nAll];
  }
  return best === null ? 0 : best[0] / best[1];
}
