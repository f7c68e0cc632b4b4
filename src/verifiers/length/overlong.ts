import { z } from "zod";
import { RewardkitError } from "../../core/errors.ts";
import { ok } from "../../core/result.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { completionLength, lengthUnit } from "./measure.ts";

const params = z.strictObject({
  max_length: z.number().int().positive().default(20480),
  buffer: z.number().int().positive().default(4096),
  factor: z.number().positive().default(1),
  unit: lengthUnit.default("tokens"),
  /** Floor the penalty at −factor past max_length as the paper does; verl does not (it truncates instead). */
  clip: z.boolean().default(true),
});

/**
 * DAPO's soft overlong penalty: 0 up to L_max − L_cache, then (L_max − L_cache − |y|)/L_cache · factor,
 * floored at −factor past L_max when `clip` (DAPO, arXiv 2503.14476 §3.4; verl dapo reward manager).
 * @example { kind: length.overlong, max_length: 20480, buffer: 4096 }
 */
export const lengthOverlong = leafKind({
  kind: "length.overlong",
  summary:
    "DAPO soft overlong penalty: 0 up to max_length − buffer, then linear down to −factor at max_length.",
  params,
  prepare(p) {
    if (p.buffer > p.max_length)
      throw new RewardkitError("E_SPEC_INVALID", [{ path: "buffer", message: "must not exceed max_length" }]);
  },
  score(r, p) {
    const len = completionLength(r, p.unit);
    const expected = p.max_length - p.buffer;
    let v = Math.min((-(len - expected) / p.buffer) * p.factor, 0);
    if (p.clip) v = Math.max(v, -p.factor);
    return ok(v === 0 ? 0 : v, { info: { length: len } });
  },
});
