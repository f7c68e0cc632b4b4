import { z } from "zod";
import { ok } from "../../core/result.ts";
import { completionText } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { IntTable } from "./int-table.ts";

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
 * n-gram are packed into one integer when they fit in 30 bits, else joined as strings. Texts shorter than n
 * words score 0.
 * @example repetitionRate("a b a b a b", 2) // 1 − 2/5 = 0.6
 */
export function repetitionRate(text: string, n: number, maxWords = 200_000): number {
  // Words are keyed by a hash of their lower-cased characters (no substring is allocated) and interned to
  // small ids in a reused table.
  const end = text.length;
  vocab.reset(Math.min(maxWords, (end >> 2) + 16));
  if (ids.length < Math.min(maxWords, end + 1)) ids = new Int32Array(Math.min(maxWords, end + 1));
  let count = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c > 32 && c !== 0xa0) {
      if (c >= 65 && c <= 90) c += 32;
      else if (c > 127) c = text[i]!.toLowerCase().charCodeAt(0);
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
    } else if (
      inWord &&
      (c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 11 || c === 0xa0)
    ) {
      // A 30-bit key: a collision merges two words, which can only lower the rate negligibly on natural text.
      ids[count++] = vocab.intern((h ^ (h >>> 17)) & 0x3fffffff);
      h = 0x811c9dc5;
      inWord = false;
      if (count >= maxWords) break;
    } else if (c <= 32 && !(c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 11)) {
      // Other control characters are part of a word, as in the whitespace split this mirrors.
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
    }
  }
  if (inWord && count < maxWords) ids[count++] = vocab.intern((h ^ (h >>> 17)) & 0x3fffffff);
  if (count < n) return 0;
  const total = count - n + 1;
  const bits = Math.max(1, Math.ceil(Math.log2(vocab.size + 1)));
  if (n * bits <= 30) {
    // Pack the n ids into one small integer and count distinct keys in the reused table.
    grams.reset(total);
    for (let i = 0; i < total; i++) {
      let key = 0;
      for (let k = 0; k < n; k++) key = (key << bits) | ids[i + k]!;
      grams.intern(key);
    }
    return 1 - grams.size / total;
  }
  const seen = new Set<string>();
  for (let i = 0; i < total; i++) seen.add(ids.subarray(i, i + n).join(","));
  return 1 - seen.size / total;
}

const vocab = new IntTable();
const grams = new IntTable();
let ids = new Int32Array(4096);

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
