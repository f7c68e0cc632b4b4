/**
 * Google-BLEU (GLEU) as NLTK's `sentence_gleu` computes it (Wu et al. 2016, arXiv 1609.08144 §7): over all
 * n-grams with 1 ≤ n ≤ 4, GLEU = min(precision, recall) = matches / max(#hyp n-grams, #ref n-grams); with
 * several references, the reference with the best ratio counts.
 */
import { ngramCounts } from "./bleu.ts";

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
  const h = ngramCounts(hyp, minN, maxN);
  let tpfp = 0;
  for (const c of h.values()) tpfp += c;
  let best: [number, number] | null = null;
  for (const ref of refs) {
    const r = ngramCounts(ref, minN, maxN);
    let tpfn = 0;
    let tp = 0;
    for (const [k, c] of r) {
      tpfn += c;
      const hc = h.get(k);
      if (hc) tp += Math.min(c, hc);
    }
    const nAll = Math.max(tpfp, tpfn);
    if (nAll > 0 && (best === null || tp / nAll > best[0] / best[1])) best = [tp, nAll];
  }
  return best === null ? 0 : best[0] / best[1];
}
