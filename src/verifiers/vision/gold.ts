import { z } from "zod";
import { referenceAt } from "../../core/text.ts";
import type { Rollout } from "../../core/types.ts";
import { type Box, type BoxFormat, boxesFrom, toXyxy } from "./boxes.ts";

/** Shared box parameters: coordinate formats and the pixel convention. */
export const boxParams = {
  tag: z.string().min(1).default("answer"),
  reference_field: z.string().optional(),
  pred_format: z.enum(["xyxy", "xywh"]).default("xyxy"),
  gold_format: z.enum(["xyxy", "xywh"]).default("xyxy"),
  /** Inclusive pixel convention: width = x2 − x1 + 1 (Veason-R1). */
  plus_one: z.boolean().default(false),
};

/** Gold boxes from the reference (a box, a list, or objects with `bbox`/`bbox_2d`), in corner form; or a message. */
export function goldBoxes(
  r: Rollout,
  field: string | undefined,
  f: BoxFormat,
  limit: number,
): Box[] | string {
  const v = referenceAt(r, field);
  if (v === undefined || v === null) return "reference has no gold boxes";
  const boxes = boxesFrom(v, limit + 1);
  if (boxes.length > limit) return `more than ${limit} gold boxes`;
  if (boxes.length === 0 && !(Array.isArray(v) && v.length === 0)) return "reference holds no 4-number box";
  return boxes.map((b) => toXyxy(b, f));
}

/** A value at a dotted path inside `meta`. */
export function metaAt(r: Rollout, path: string): unknown {
  let cur: unknown = r.meta;
  for (const k of path.split(".")) {
    if (cur == null || typeof cur !== "object" || !Object.hasOwn(cur as object, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}
