import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText, referenceAt } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { checkTags } from "../format/tags.ts";
import { type Box, boxesFrom, boxIou, extractBoxes, toXyxy } from "./boxes.ts";
import { boxParams } from "./gold.ts";
import { hungarian } from "./hungarian.ts";

const params = z.strictObject({
  ...boxParams,
  /** Tags the format term requires, each once and in order, nothing outside them. */
  format_tags: z
    .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/))
    .min(1)
    .default(["think", "answer"]),
  format_weight: z.number().default(1),
  iou_weight: z.number().default(1),
  /** Weight an unmatched extra prediction adds to the denominator (1 = like a missed gold of weight 1). */
  extra_weight: z.number().min(0).default(1),
  max_objects: z.number().int().positive().max(2000).default(120),
});

/** Gold boxes with salience weights: `{bbox, weight}` objects (weight defaults to 1) or plain boxes. */
function weightedGold(v: unknown, limit: number): { boxes: Box[]; weights: number[] } | string {
  const items = Array.isArray(v) && !(v.length === 4 && v.every((x) => typeof x === "number")) ? v : [v];
  if (items.length > limit) return `more than ${limit} gold boxes`;
  const boxes: Box[] = [];
  const weights: number[] = [];
  for (const it of items) {
    const b = boxesFrom(it, 2);
    if (b.length !== 1) return "each gold item must hold exactly one 4-number box";
    const w =
      it && typeof it === "object" && !Array.isArray(it) ? ((it as { weight?: unknown }).weight ?? 1) : 1;
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0)
      return "gold weights must be non-negative numbers";
    boxes.push(b[0] as Box);
    weights.push(w);
  }
  return { boxes, weights };
}

/**
 * A GRiP-style grounding reward: format + salience-weighted box IoU. Gold boxes carry salience weights w_j;
 * predictions are matched one-to-one maximising Σ w_j·IoU_j, and wIoU = Σ w_j·IoU_j / (Σ w_j + extra·#unmatched preds).
 * score = format_weight·format + iou_weight·wIoU. (GRiP, "Salience-Weighted IoU Reward"; the exact formula is
 * UNCONFIRMED, this is our definition; with unit weights it equals the Hungarian Σ IoU / max(M, N))
 * @example { kind: vision.grounding, reference_field: objects, format_tags: [think, answer] }
 */
export const visionGrounding = leafKind({
  kind: "vision.grounding",
  summary: "GRiP-style grounding: format term + salience-weighted, one-to-one matched box IoU.",
  params,
  score(r, p) {
    const g = weightedGold(referenceAt(r, p.reference_field), p.max_objects);
    if (typeof g === "string") return fail("invalid_input", g);
    const totalW = g.weights.reduce((a, b) => a + b, 0);
    if (g.boxes.length === 0 || totalW <= 0)
      return fail("invalid_input", "gold boxes need a positive total weight");
    const text = completionText(r);
    const { boxes } = extractBoxes(text, p.tag, 100_000);
    const tags = checkTags(text, p.format_tags, { strictStart: true, strictEnd: true });
    const fmt = tags.ok && boxes.length > 0 ? 1 : 0;
    const pred = boxes.slice(0, p.max_objects).map((b) => toXyxy(b, p.pred_format));
    const gold = g.boxes.map((b) => toXyxy(b, p.gold_format));
    let weighted = 0;
    let matched = 0;
    if (pred.length) {
      const gain = pred.map((a) => gold.map((b, j) => (g.weights[j] as number) * boxIou(a, b, p.plus_one)));
      const { pairs } = hungarian(gain.map((row) => row.map((x) => -x)));
      for (const [i, j] of pairs) {
        weighted += (gain[i] as number[])[j] as number;
        matched++;
      }
    }
    const extra = Math.max(0, boxes.length - gold.length);
    const wiou = weighted / (totalW + p.extra_weight * extra);
    return ok(p.format_weight * fmt + p.iou_weight * wiou, {
      components: { format: fmt, weighted_iou: wiou },
      info: { predicted: boxes.length, matched, ...(tags.ok ? {} : { format_reason: tags.reason }) },
    });
  },
});
