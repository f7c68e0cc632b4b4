import { z } from "zod";
import { RewardFailure } from "../../core/result.ts";
import { completionText } from "../../core/text.ts";
import type { Rollout } from "../../core/types.ts";

/** Units a length can be measured in: tokens (from the rollout's meta), characters, or whitespace words. */
export const lengthUnit = z.enum(["tokens", "chars", "words"]);
export type LengthUnit = z.infer<typeof lengthUnit>;

/**
 * The completion's length in `unit`. Tokens come from `meta.completion_tokens` (or `meta.num_tokens`), since
 * only the trainer knows its tokenizer; a missing count is an `invalid_input` error, not a guess.
 * @example completionLength({ completion: "a b c" }, "words") // 3
 */
export function completionLength(r: Rollout, unit: LengthUnit): number {
  if (unit === "tokens") {
    const m = r.meta ?? {};
    const n = m.completion_tokens ?? m.num_tokens;
    if (typeof n !== "number" || !Number.isFinite(n) || n < 0) {
      throw new RewardFailure("invalid_input", "length unit is tokens but meta.completion_tokens is missing");
    }
    return n;
  }
  const t = completionText(r);
  if (unit === "chars") return t.length;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}
