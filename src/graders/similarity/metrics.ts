import { lcsLength, symbolize } from "./lcs.ts";
import { clippedMatches, f1, ngramCounts, rougeTokens, whitespaceTokens } from "./ngrams.ts";

/**
 * rapidfuzz `fuzz.ratio` / 100 over code points: 2·LCS(a, b) / (|a| + |b|) (normalised Indel similarity);
 * two empty strings score 1.
 * @example fuzzyRatio("kitten", "sitting") // 2·4/13 ≈ 0.615
 */
export function fuzzyRatio(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  if (ca.length + cb.length === 0) return 1;
  const [x, y] = symbolize(ca, cb);
  return (2 * lcsLength(x, y)) / (ca.length + cb.length);
}

/**
 * Sentence BLEU with uniform weights over 1..4-grams and no smoothing (Papineni et al. 2002:
 * BP·exp(Σ¼·log pₙ), BP = exp(1 − r/c) when c < r); 0 when some order has no match.
 * @example bleu("the cat sat on the mat", "the cat sat on the mat") // 1
 */
export function bleu(hyp: string, ref: string, maxN = 4): number {
  const h = whitespaceTokens(hyp);
  const r = whitespaceTokens(ref);
  if (h.length === 0) return 0;
  let logSum = 0;
  for (let n = 1; n <= maxN; n++) {
    const total = Math.max(0, h.length - n + 1);
    const m = clippedMatches(ngramCounts(h, n), ngramCounts(r, n));
    if (m === 0 || total === 0) return 0;
    logSum += Math.log(m / total) / maxN;
  }
  const bp = h.length > r.length ? 1 : Math.exp(1 - r.length / h.length);
  return bp * Math.exp(logSum);
}

/**
 * Sentence GLEU (Wu et al. 2016, as nltk `sentence_gleu`): over all 1..4-grams, min(matches/hyp n-grams,
 * matches/ref n-grams).
 * @example gleu("a b c", "a b d") // min(3/6, 3/6) = 0.5 (matches a, b, "a b")
 */
export function gleu(hyp: string, ref: string, minN = 1, maxN = 4): number {
  const h = whitespaceTokens(hyp);
  const r = whitespaceTokens(ref);
  let tp = 0;
  let hypTotal = 0;
  let refTotal = 0;
  for (let n = minN; n <= maxN; n++) {
    const hc = ngramCounts(h, n);
    const rc = ngramCounts(r, n);
    tp += clippedMatches(hc, rc);
    hypTotal += Math.max(0, h.length - n + 1);
    refTotal += Math.max(0, r.length - n + 1);
  }
  if (hypTotal === 0 || refTotal === 0) return 0;
  return Math.min(tp / hypTotal, tp / refTotal);
}

/**
 * ROUGE-N F-measure with rouge-score's tokeniser (Lin 2004: P = overlap/hyp n-grams, R = overlap/ref n-grams,
 * F = 2PR/(P+R)).
 * @example rougeN("the cat", "the cat sat", 1) // P = 1, R = 2/3, F = 0.8
 */
export function rougeN(hyp: string, ref: string, n: number): number {
  const h = rougeTokens(hyp);
  const r = rougeTokens(ref);
  const hc = ngramCounts(h, n);
  const rc = ngramCounts(r, n);
  const hTotal = Math.max(0, h.length - n + 1);
  const rTotal = Math.max(0, r.length - n + 1);
  if (hTotal === 0 || rTotal === 0) return 0;
  const m = clippedMatches(hc, rc);
  return f1(m / hTotal, m / rTotal);
}

/**
 * ROUGE-L F-measure: token LCS over rouge-score's tokens (Lin 2004: P = LCS/|hyp|, R = LCS/|ref|).
 * @example rougeL("a b c d", "a c d e") // LCS 3: P = R = 3/4, F = 0.75
 */
export function rougeL(hyp: string, ref: string): number {
  const h = rougeTokens(hyp);
  const r = rougeTokens(ref);
  if (h.length === 0 || r.length === 0) return 0;
  const [x, y] = symbolize(h, r);
  const l = lcsLength(x, y);
  return f1(l / h.length, l / r.length);
}

/**
 * METEOR with exact (lower-cased) unigram matching only — no stemming or WordNet synonyms, so it can score
 * below nltk's `meteor_score` (Banerjee & Lavie 2005: Fmean = PR/(αP + (1−α)R), penalty = γ·(chunks/m)^β,
 * score = Fmean·(1 − penalty), α = 0.9, β = 3, γ = 0.5 as in nltk).
 * @example meteorExact("the cat sat", "the cat sat") // Fmean 1, 1 chunk of 3: 1·(1 − 0.5·(1/3)³) ≈ 0.9815
 */
export function meteorExact(hyp: string, ref: string, alpha = 0.9, beta = 3, gamma = 0.5): number {
  const h = whitespaceTokens(hyp.toLowerCase());
  const r = whitespaceTokens(ref.toLowerCase());
  if (h.length === 0 || r.length === 0) return 0;
  // Each hypothesis word takes the first unused identical reference word (linear with a position index).
  const free = new Map<string, number[]>();
  r.forEach((w, j) => {
    const list = free.get(w);
    if (list) list.push(j);
    else free.set(w, [j]);
  });
  const heads = new Map<string, number>();
  const pairs: [number, number][] = [];
  for (let i = 0; i < h.length; i++) {
    const list = free.get(h[i]!);
    if (!list) continue;
    const at = heads.get(h[i]!) ?? 0;
    if (at < list.length) {
      pairs.push([i, list[at]!]);
      heads.set(h[i]!, at + 1);
    }
  }
  const m = pairs.length;
  if (m === 0) return 0;
  let chunks = 1;
  for (let k = 1; k < m; k++) {
    if (pairs[k]![0] !== pairs[k - 1]![0] + 1 || pairs[k]![1] !== pairs[k - 1]![1] + 1) chunks++;
  }
  const p = m / h.length;
  const rec = m / r.length;
  const fmean = (p * rec) / (alpha * p + (1 - alpha) * rec);
  return fmean * (1 - gamma * (chunks / m) ** beta);
}
