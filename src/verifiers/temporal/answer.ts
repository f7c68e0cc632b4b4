import { z } from "zod";
import { completionText } from "../../core/text.ts";
import type { Rollout } from "../../core/types.ts";
import { tagContent } from "../extract/tags.ts";

/** Where a temporal verifier reads the answer: the answer tag, the whole text, or the tag when present (TimeLens). */
export const temporalSource = z.enum(["auto", "answer_tag", "whole"]);

/**
 * The answer text of a completion by `from`; `auto` takes the last `<tag>…</tag>` block, else the whole text.
 * @example answerText({ completion: "<answer>1 - 2</answer>" }, "auto", "answer") // "1 - 2"
 */
export function answerText(r: Rollout, from: z.infer<typeof temporalSource>, tag: string): string | null {
  const text = completionText(r);
  if (from === "whole") return text;
  const inTag = tagContent(text, tag);
  if (from === "answer_tag") return inTag;
  return inTag ?? text;
}

/**
 * A positive finite number at `path` inside the reference, else in `meta`; null when neither has one.
 * @example positiveAt({ completion: "", meta: { duration: 60 } }, "duration") // 60
 */
export function positiveAt(r: Rollout, path: string): number | null {
  for (const root of [r.reference, r.meta]) {
    let cur: unknown = root;
    for (const k of path.split(".")) {
      if (cur == null || typeof cur !== "object" || !Object.hasOwn(cur as object, k)) {
        cur = undefined;
        break;
      }
      cur = (cur as Record<string, unknown>)[k];
    }
    if (typeof cur === "string" && cur.trim() !== "") cur = Number(cur);
    if (typeof cur === "number" && Number.isFinite(cur) && cur > 0) return cur;
  }
  return null;
}
