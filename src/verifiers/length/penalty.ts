import { z } from "zod";
import { ok } from "../../core/result.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { completionLength, lengthUnit } from "./measure.ts";

const params = z.strictObject({
  unit: lengthUnit.default("tokens"),
  /** Length allowed without penalty. */
  free: z.number().min(0).default(0),
  /** Penalty per `per` units beyond `free`. */
  coef: z.number().min(0).default(1),
  per: z.number().positive().default(1000),
  /** Bound on the penalty (so length never outweighs correctness); null for unbounded. */
  max_penalty: z.number().positive().nullable().default(1),
});

/**
 * Linear length penalty −coef·max(0, |y| − free)/per, bounded below by −max_penalty.
 * @example { kind: length.penalty, unit: chars, free: 2000, coef: 0.1, per: 1000 }
 */
export const lengthPenalty = leafKind({
  kind: "length.penalty",
  summary: "Linear length penalty beyond a free budget, bounded by max_penalty.",
  params,
  score(r, p) {
    const len = completionLength(r, p.unit);
    let v = (-p.coef * Math.max(0, len - p.free)) / p.per;
    if (p.max_penalty !== null) v = Math.max(v, -p.max_penalty);
    return ok(v === 0 ? 0 : v, { info: { length: len } });
  },
});
