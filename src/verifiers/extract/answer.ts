import { z } from "zod";
import { boxedContents } from "./braces.ts";
import { lastNumber } from "./normalize.ts";
import { tagContent } from "./tags.ts";

/** Where a verifier finds the answer in a completion. */
export const answerSource = z.enum(["whole", "answer_tag", "boxed", "last_number", "last_line"]);
export type AnswerSource = z.infer<typeof answerSource>;

/**
 * Extracts the answer from a completion text by `from` (linear time), or null when there is none.
 * @example extractAnswer("<answer>4</answer>", "answer_tag") // "4"
 */
export function extractAnswer(text: string, from: AnswerSource, tag = "answer"): string | null {
  switch (from) {
    case "whole":
      return text;
    case "answer_tag":
      return tagContent(text, tag);
    case "boxed":
      return boxedContents(text).at(-1) ?? null;
    case "last_number":
      return lastNumber(text);
    case "last_line": {
      const t = text.trimEnd();
      const i = t.lastIndexOf("\n");
      return i === -1 ? t : t.slice(i + 1);
    }
  }
}

/** The reference as a list of acceptable answer strings, or an error message when it has no usable shape. */
export function referenceStrings(ref: unknown): string[] | string {
  if (typeof ref === "string") return [ref];
  if (typeof ref === "number" && Number.isFinite(ref)) return [String(ref)];
  if (
    Array.isArray(ref) &&
    ref.length > 0 &&
    ref.every((x) => typeof x === "string" || typeof x === "number")
  ) {
    return ref.map(String);
  }
  return `reference must be a string, a number or a list of them, got ${ref === undefined ? "nothing" : Array.isArray(ref) ? "an unusable list" : typeof ref}`;
}
