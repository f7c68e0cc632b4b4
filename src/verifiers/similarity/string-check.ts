import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText, referenceAt } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { answerSource, extractAnswer, referenceStrings } from "../extract/answer.ts";

/** OpenAI string_check operations: eq, ne (the guide's prose says neq), like (contains), ilike (contains, any case). */
export const stringOperation = z.enum(["eq", "ne", "like", "ilike"]);

/**
 * One string_check comparison of `input` against `reference`, as the OpenAI grader defines it (no trimming).
 * @example stringCheck("The answer is Paris", "paris", "ilike") // true
 */
export function stringCheck(input: string, reference: string, op: z.infer<typeof stringOperation>): boolean {
  switch (op) {
    case "eq":
      return input === reference;
    case "ne":
      return input !== reference;
    case "like":
      return input.includes(reference);
    case "ilike":
      return input.toLowerCase().includes(reference.toLowerCase());
  }
}

/**
 * OpenAI `string_check`: 1 or 0 by eq / ne / like / ilike of the input against the reference (or a literal
 * `value`). With several references, eq/like/ilike pass on any and ne passes only when it differs from all.
 * @example { kind: text.check, operation: ilike, value: "SELECTED" }
 */
export const textCheck = leafKind({
  kind: "text.check",
  summary: "OpenAI string_check: eq, ne, like (contains), ilike (contains, case-insensitive); 1 or 0.",
  params: z.strictObject({
    operation: stringOperation.default("eq"),
    from: answerSource.default("whole"),
    tag: z.string().min(1).default("answer"),
    reference_field: z.string().optional(),
    /** A literal reference instead of the rollout's. */
    value: z.string().optional(),
    /** Trim the input's surrounding whitespace first (off: OpenAI compares as is). */
    trim: z.boolean().default(false),
  }),
  score(r, p) {
    const refs = p.value !== undefined ? [p.value] : referenceStrings(referenceAt(r, p.reference_field));
    if (typeof refs === "string") return fail("invalid_input", refs);
    const got = extractAnswer(completionText(r), p.from, p.tag);
    if (got === null) return ok(0, { info: { reason: `no input found (from: ${p.from})` } });
    const input = p.trim ? got.trim() : got;
    const pass =
      p.operation === "ne"
        ? refs.every((ref) => stringCheck(input, ref, "ne"))
        : refs.some((ref) => stringCheck(input, ref, p.operation));
    return ok(pass ? 1 : 0);
  },
});
