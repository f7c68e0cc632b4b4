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
 * Texts shorter than n words score 0.
 * @example repetitionRate("a b a b a b", 2) // 1 − 2/5 = 0.6
 */
export function repetitionRate(text: string, n: number, maxWords = 200_000): number {
  const words = text
    .toLowerCase()
    .split(/\s+/, maxWords + 1)
    .filter(Boolean)
    .slice(0, maxWords);
  if (words.length < n) return 0;
  const seen = new Set<string>();
  const total = words.length - n + 1;
  for (let i = 0; i < total; i++) {
    let g = words[i]!;
    for (let k = 1; k < n; k++) g += `\u0000${words[i + k]!}`;
    seen.add(g);
  }
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
