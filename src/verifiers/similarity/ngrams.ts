/**
 * N-gram counting over interned token ids: every token gets a small integer id shared by the hypothesis and its
 * references, and an n-gram of ids becomes one number, so counting needs no string slicing or joining.
 */

/**
 * Interns tokens into `ids` (token → id, shared across the sequences of one comparison) and returns their ids.
 * @example const ids = new Map<string, number>(); internTokens(["a", "b", "a"], ids) // Int32Array [0, 1, 0]
 */
export function internTokens(tokens: readonly string[], ids: Map<string, number>): Int32Array {
  const out = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let id = ids.get(t);
    if (id === undefined) ids.set(t, (id = ids.size));
    out[i] = id;
  }
  return out;
}

/**
 * base^n for numeric n-gram keys over a vocabulary of `vocab` ids, or 0 when the keys would not stay exact
 * (base^(n+1) ≥ 2^52, with a margin for the float test) and joined-string keys must be used instead.
 */
function keyLead(n: number, vocab: number): number {
  const base = Math.max(2, vocab);
  if (n >= 52 || Math.log2(base) * (n + 1) >= 52) return 0;
  let lead = 1; // base^n by multiplication: stays a small integer (`**` yields a float, boxing every key)
  for (let k = 0; k < n; k++) lead *= base;
  return lead;
}

/** The key of the n-gram starting at `i`: base^n + Σ_k id_k·base^(n−1−k), or the ids joined when `lead` is 0. */
function ngramKey(ids: Int32Array, i: number, n: number, base: number, lead: number): number | string {
  if (lead === 0) return ids.subarray(i, i + n).join(",");
  let key = 0;
  for (let k = 0; k < n; k++) key = key * base + ids[i + k]!;
  return key + lead;
}

/**
 * Counts of the n-grams of one order n over token ids from a vocabulary of `vocab` ids. Each n-gram is the number
 * base^n + Σ_k id_k·base^(n−1−k) (base = max(2, vocab)), exact while base^(n+1) < 2^52; beyond that the key is
 * the ids joined with commas. Keys identify n-grams only within one vocabulary (one comparison).
 * @example ngramIdCounts(Int32Array.of(0, 1, 0, 1), 2, 2) // 2 distinct bigrams: (0,1) twice, (1,0) once
 */
export function ngramIdCounts(ids: Int32Array, n: number, vocab: number): Map<number | string, number> {
  const out = new Map<number | string, number>();
  const base = Math.max(2, vocab);
  const lead = keyLead(n, vocab);
  for (let i = 0; i + n <= ids.length; i++) {
    const key = ngramKey(ids, i, n, base, lead);
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/**
 * Σ over the hypothesis's n-grams of min(count in hypothesis, budget): the clipped matches of BLEU, GLEU and
 * ROUGE-N, counted by spending `budget` (n-gram key → allowed count, as `ngramIdCounts` keys it; consumed).
 * @example clippedMatches(Int32Array.of(0, 0, 0), 1, 2, new Map([[2, 2]])) // unigram 0 (key 2+0): min(3, 2) = 2
 */
export function clippedMatches(
  ids: Int32Array,
  n: number,
  vocab: number,
  budget: Map<number | string, number>,
): number {
  let matched = 0;
  const base = Math.max(2, vocab);
  const lead = keyLead(n, vocab);
  for (let i = 0; i + n <= ids.length; i++) {
    const key = ngramKey(ids, i, n, base, lead);
    const b = budget.get(key);
    if (b) {
      matched++;
      budget.set(key, b - 1);
    }
  }
  return matched;
}
