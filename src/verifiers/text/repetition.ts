import { z } from "zod";
import { ok } from "../../core/result.ts";
import { completionText } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";

const params = z.strictObject({
  n: z.number().int().min(1).max(16).default(3),
  /** The value at full repetition (open-r1 uses a negative max_penalty). */
  max_penalty: z.number().max(0).default(-1),
  /** Cap on words examined, so a megabyte completion stays cheap. */
  max_words: z.number().int().positive().default(200_000),
});

/**
 * Fraction of repeated word n-grams, 1 − unique/total, times max_penalty (open-r1's repetition penalty).
 * Words are lower-cased whitespace tokens (keyed by a 30-bit hash) interned to integer ids; the n ids of an
 * n-gram are packed into one exact number when they fit in 52 bits, else joined as strings. Texts shorter than n words score 0.
 * @example repetitionRate("a b a b a b", 2) // 1 − 2/5 = 0.6
 */
export function repetitionRate(text: string, n: number, maxWords = 200_000): number {
  // Words are keyed by a hash of their lower-cased characters (no substring is
  // allocated), then interned to small ids.
  const ids: number[] = [];
  const vocab = new Map<number, number>();
  let h1 = 0x811c9dc5;
  let inWord = false;
  const end = text.length;
  for (let i = 0; i <= end && ids.length < maxWords; i++) {
    let c = i < end ? text.charCodeAt(i) : 32;
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 11 || c === 0xa0;
    if (!space) {
      if (c >= 65 && c <= 90) c += 32;
      else if (c > 127) c = text[i]!.toLowerCase().charCodeAt(0);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      inWord = true;
      continue;
    }
    if (!inWord) continue;
    inWord = false;
    // 30-bit keys stay small integers in V8 (no heap numbers); a collision merges two words, which can only
    // lower the rate by a negligible amount on natural text.
    const key = (h1 ^ (h1 >>> 17)) & 0x3fffffff;
    h1 = 0x811c9dc5;
    let id = vocab.get(key);
    if (id === undefined) vocab.set(key, (id = vocab.size));
    ids.push(id);
  }
  if (ids.length < n) return 0;
  const total = ids.length - n + 1;
  const bits = Math.max(1, Math.ceil(Math.log2(vocab.size + 1)));
  if (n * bits <= 52) {
    // Pack the n ids into one exact number (a small integer when it fits in 30 bits: the common case).
    const base = 2 ** bits;
    const seen = new Set<number>();
    for (let i = 0; i < total; i++) {
      let key = 0;
      for (let k = 0; k < n; k++) key = key * base + ids[i + k]!;
      seen.add(key);
    }
    return 1 - seen.size / total;
  }
  const seen = new Set<string>();
  for (let i = 0; i < total; i++) seen.add(ids.slice(i, i + n).join(","));
  return 1 - seen.size / total;
}

/**
 * n-gram repetition penalty in [max_penalty, 0].
 * @example { kind: text.repetition, n: 3, max_penalty: -1 }
 */
export const textRepetition = leafKind({
  kind: "text.repetition",
  summary: "n-gram repetition penalty: (1 − unique/total n-grams) · max_penalty.",
  params,
  score(r, p) {
    const rate = repetitionRate(completionText(r), p.n, p.max_words);
    const v = rate * p.max_penalty;
    return ok(v === 0 ? 0 : v, { info: { repetition: rate } });
  },
});
