import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText, promptText, referenceAt } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { referenceStrings } from "../extract/answer.ts";
import { DEFAULT_MATH_OPTIONS, type MathOptions, type MathVerdict, verifyMath } from "./verify.ts";

const params = z.strictObject({
  /** What to extract, as Math-Verify's extraction configs. */
  extract: z
    .array(z.enum(["latex", "expr", "string"]))
    .min(1)
    .default(["latex", "expr"]),
  /** Priority of `\boxed{}` (0: before every anchor, as Math-Verify recommends for rewards; -1: off). */
  boxed_priority: z.number().int().min(-1).max(300).default(0),
  /** Decimals both sides are rounded to when either holds a decimal literal. */
  precision: z.number().int().min(0).max(15).default(6),
  /** Variable names matter (false: the prediction's symbols are renamed to the gold's by position). */
  strict: z.boolean().default(true),
  /** Also accept a relation prediction for a set gold (off: echoing `x > 1` for `(1,\infty)` scores 0). */
  allow_set_relation: z.boolean().default(false),
  reference_field: z.string().optional(),
  /** LaTeX normalisation groups; Math-Verify's README suggests malformed_operators and nits off for rewards. */
  normalize: z
    .strictObject({
      basic_latex: z.boolean().default(true),
      units: z.boolean().default(true),
      malformed_operators: z.boolean().default(true),
      nits: z.boolean().default(true),
    })
    .default({ basic_latex: true, units: true, malformed_operators: true, nits: true }),
  percent_as_number: z.boolean().default(true),
  degrees_as_radians: z.boolean().default(true),
  choices: z.array(z.string().length(1)).min(1).default(["A", "B", "C", "D"]),
  /** Read only the last `<tag>…</tag>` block when present; null never does. */
  answer_tag: z.string().min(1).nullable().default("answer"),
  bare_formula: z.boolean().default(true),
  cas_fallback: z.boolean().default(true),
  /** Skip anchorless formulas of the completion that only repeat a formula of the prompt. */
  echo_guard: z.boolean().default(true),
  /** What a completion with no extractable answer scores: 0, or a parse error. */
  missing: z.enum(["zero", "error"]).default("zero"),
});

type Params = z.infer<typeof params>;

function options(p: Params, question: string | undefined): MathOptions {
  const o: MathOptions = {
    ...DEFAULT_MATH_OPTIONS,
    extract: p.extract,
    boxed_priority: p.boxed_priority,
    precision: p.precision,
    strict: p.strict,
    allow_set_relation: p.allow_set_relation,
    normalize: p.normalize,
    percent_as_number: p.percent_as_number,
    degrees_as_radians: p.degrees_as_radians,
    choices: p.choices,
    answer_tag: p.answer_tag,
    bare_formula: p.bare_formula,
    cas_fallback: p.cas_fallback,
  };
  if (question) o.question = question;
  return o;
}

/**
 * Math answer equivalence with Math-Verify's extraction and rules, exact big-integer arithmetic first, and
 * resource guards; runs in the killable worker pool when one is present.
 * @example { kind: math.equivalent, reference_field: answer, precision: 6 }
 */
export const mathEquivalent = leafKind({
  kind: "math.equivalent",
  summary:
    "1 when the completion's final math answer is equivalent to the reference (Math-Verify rules, exact rationals first), else 0.",
  params,
  needs: { isolation: true },
  score(r, p) {
    const refs = referenceStrings(referenceAt(r, p.reference_field));
    if (typeof refs === "string") return fail("invalid_input", refs);
    const question = p.echo_guard ? promptText(r) || undefined : undefined;
    const o = options(p, question);
    const text = completionText(r);
    let last: MathVerdict | null = null;
    let goldOk = false;
    let goldParsed = false;
    let note: string | undefined;
    for (const ref of refs) {
      const v = verifyMath(ref, text, o);
      if (v.error) {
        return fail(v.error.kind, v.error.message, { info: { gold: v.gold, pred: v.pred, rule: v.rule } });
      }
      if (v.gold.parsed !== null || v.gold.extracted !== null) goldOk = true;
      if (v.gold.parsed !== null) goldParsed = true;
      if (v.correct) return ok(1, { info: { gold: v.gold, pred: v.pred, rule: v.rule, reference: ref } });
      if (v.note) note = v.note;
      last = v;
    }
    const v = last!;
    if (!goldOk) {
      return fail("invalid_input", "the reference holds no answer that can be extracted", {
        info: { gold: v.gold },
      });
    }
    if (!goldParsed) {
      // The dataset's fault must not look like the model's: an unparseable reference is not a 0.
      return fail("invalid_input", `the reference answer "${v.gold.extracted}" cannot be parsed as math`, {
        info: { gold: v.gold, pred: v.pred, rule: v.rule },
      });
    }
    if (v.rule === "no-answer" && p.missing === "error") {
      return fail("parse", "no answer found in the completion", { info: { gold: v.gold, pred: v.pred } });
    }
    return ok(0, { info: { gold: v.gold, pred: v.pred, rule: v.rule, ...(note ? { note } : {}) } });
  },
});
