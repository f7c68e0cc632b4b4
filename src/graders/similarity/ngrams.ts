/** Counts of the n-grams of a token list, keyed by the tokens joined with a separator no token contains. */
export function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const k = tokens.slice(i, i + n).join("\u0001");
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/** Σ min(count_hyp, count_ref) over shared n-grams (clipped matches). */
export function clippedMatches(hyp: Map<string, number>, ref: Map<string, number>): number {
  let m = 0;
  for (const [k, c] of hyp) {
    const r = ref.get(k);
    if (r) m += Math.min(c, r);
  }
  return m;
}

/** Whitespace tokens (the tokenisation of BLEU, GLEU and METEOR here; see docs/integrations.md). */
export function whitespaceTokens(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

/** rouge-score's default tokeniser: lowercase, runs of characters outside [a-z0-9] become spaces, split. */
export function rougeTokens(s: string): string[] {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .split(" ")
    .filter(Boolean);
}

/** Harmonic mean of precision and recall, 0 when both are 0. */
export function f1(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}
