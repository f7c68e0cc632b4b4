import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText, referenceAt } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { answerSource, extractAnswer, referenceStrings } from "../extract/answer.ts";
import { normalizeAnswer, parseNumber } from "../extract/normalize.ts";

const params = z.strictObject({
  from: answerSource.default("answer_tag"),
  tag: z.string().min(1).default("answer"),
  reference_field: z.string().optional(),
  ignore_case: z.boolean().default(true),
  whitespace: z.enum(["collapse", "strip", "keep"]).default("collapse"),
  nfkc: z.boolean().default(true),
  /** Compare as numbers when both sides parse as plain numbers (`4.0` = `4`, `1,000` = `1000`). */
  numeric: z.boolean().default(true),
  /** What a completion with no extractable answer scores: 0 (the model failed) or a parse error. */
  missing: z.enum(["zero", "error"]).default("zero"),
});

/**
 * Normalised exact match of the extracted answer against the reference (any of several acceptable answers).
 * @example { kind: text.exact, from: answer_tag, reference_field: answer }
 */
export const textExact = leafKind({
  kind: "text.exact",
  summary:
    "Normalised exact match (case, whitespace, NFKC, numeric) of the extracted answer against the reference.",
  params,
  score(r, p) {
    const refs = referenceStrings(referenceAt(r, p.reference_field));
    if (typeof refs === "string") return fail("invalid_input", refs);
    const got = extractAnswer(completionText(r), p.from, p.tag);
    if (got === null) {
      return p.missing === "error"
        ? fail("parse", `no answer found (from: ${p.from})`)
        : ok(0, { info: { extracted: null, reason: `no answer found (from: ${p.from})` } });
    }
    const norm = { ignoreCase: p.ignore_case, whitespace: p.whitespace, nfkc: p.nfkc };
    const a = normalizeAnswer(got.length > 100_000 ? got.slice(0, 100_000) : got, norm);
    const an = p.numeric ? parseNumber(a) : null;
    for (const ref of refs) {
      const b = normalizeAnswer(ref, norm);
      if (a === b) return ok(1, { info: { extracted: a, matched: ref, rule: "string" } });
      if (an !== null) {
        const bn = parseNumber(b);
        if (bn !== null && an === bn) return ok(1, { info: { extracted: a, matched: ref, rule: "numeric" } });
      }
    }
    return ok(0, { info: { extracted: a.length > 200 ? `${a.slice(0, 200)}…` : a } });
  },
});
