import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { boxIou, extractBoxes, toXyxy } from "./boxes.ts";
import { boxParams, goldBoxes } from "./gold.ts";

const params = z.strictObject({
  ...boxParams,
  /** Which predicted box counts when the answer holds several. */
  pick: z.enum(["first", "last"]).default("first"),
  /** IoU thresholds reported as components (1 when IoU ≥ t). */
  thresholds: z.array(z.number().gt(0).max(1)).max(16).default([0.5]),
});

/**
 * IoU of the predicted box against the gold box (the best of several golds), with IoU@t components.
 * (box IoU = |A ∩ B| / |A ∪ B|)
 * @example { kind: vision.box_iou, reference_field: bbox, thresholds: [0.5, 0.75] }
 */
export const visionBoxIou = leafKind({
  kind: "vision.box_iou",
  summary: "IoU of the predicted box against the gold box (best of several golds); IoU@t components.",
  params,
  score(r, p) {
    const gold = goldBoxes(r, p.reference_field, p.gold_format, 1000);
    if (typeof gold === "string") return fail("invalid_input", gold);
    if (gold.length === 0) return fail("invalid_input", "reference has no gold box");
    const { boxes } = extractBoxes(completionText(r), p.tag, 1000);
    const raw = p.pick === "first" ? boxes[0] : boxes.at(-1);
    const components: Record<string, number> = {};
    if (!raw) {
      components.iou = 0;
      for (const t of p.thresholds) components[`iou@${t}`] = 0;
      return ok(0, { components, info: { reason: "no box in the answer" } });
    }
    const pred = toXyxy(raw, p.pred_format);
    let best = 0;
    for (const g of gold) best = Math.max(best, boxIou(pred, g, p.plus_one));
    components.iou = best;
    for (const t of p.thresholds) components[`iou@${t}`] = best >= t ? 1 : 0;
    return ok(best, { components, info: { pred, boxes_found: boxes.length } });
  },
});
