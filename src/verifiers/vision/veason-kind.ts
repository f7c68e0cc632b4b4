import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { checkTags } from "../format/tags.ts";
import { boxesFrom, boxIou, toXyxy } from "./boxes.ts";
import { boxParams, goldBoxes, metaAt } from "./gold.ts";
import { matchScore } from "./match.ts";
import { answerObject, chosenKeyframe, goldFrames, keyframeReward, maskConsistency } from "./veason.ts";

const params = z.strictObject({
  ...boxParams,
  plus_one: z.boolean().default(true),
  keyframe_key: z.string().min(1).default("keyframe_timestamp"),
  boxes_key: z.string().min(1).default("bbox_2d_list"),
  /** Path in `meta` of the predicted per-frame masks (`{frameId: RLE}`), e.g. SAM2 propagations; optional. */
  masks_field: z.string().min(1).default("masks"),
  max_objects: z.number().int().positive().max(2000).default(120),
});

const isBox4 = (v: unknown) =>
  Array.isArray(v) && v.length === 4 && v.every((x) => typeof x === "number" && Number.isFinite(x));

/**
 * Veason-R1's holistic reward R = R_fmt + R_key + R_acc in [0, 5]: R_fmt = 1[think/answer] + (valid boxes)/n,
 * R_key the keyframe reward, R_acc = Hungarian box score + mean mask IoU (when predicted masks are supplied).
 * (Veason-R1, arXiv 2508.11538)
 * @example { kind: vision.veason, reference_field: gold }
 */
export const visionVeason = leafKind({
  kind: "vision.veason",
  summary:
    "Veason-R1 holistic reward: format + keyframe + Hungarian box matching + mask consistency (range [0, 5]).",
  params,
  score(r, p) {
    const frames = goldFrames(r, p.reference_field);
    if (typeof frames === "string") return fail("invalid_input", frames);
    const tags = checkTags(completionText(r), ["think", "answer"], { strictStart: true, strictEnd: true });
    const obj = answerObject(r, p.tag);
    const list = obj?.[p.boxes_key];
    const listed = Array.isArray(list) ? list : [];
    const valid = listed.filter(isBox4).length;
    const fmt = (tags.ok ? 1 : 0) + (listed.length ? valid / listed.length : 0);
    const chosen = chosenKeyframe(obj, p.keyframe_key);
    const key = keyframeReward(chosen, frames);
    // the gold boxes of the chosen keyframe, else the reference's `boxes`
    const frame = frames.find((f) => f.id === chosen);
    const field = p.reference_field ? `${p.reference_field}.boxes` : "boxes";
    const gold =
      frame?.boxes !== undefined
        ? boxesFrom(frame.boxes, p.max_objects + 1).map((b) => toXyxy(b, p.gold_format))
        : goldBoxes(r, field, p.gold_format, p.max_objects);
    if (typeof gold === "string") return fail("invalid_input", gold);
    if (gold.length > p.max_objects) return fail("invalid_input", `more than ${p.max_objects} gold boxes`);
    const pred = boxesFrom(listed, 100_000);
    const kept = pred.slice(0, p.max_objects).map((b) => toXyxy(b, p.pred_format));
    const m = matchScore(
      kept.map((a) => gold.map((g) => boxIou(a, g, p.plus_one))),
      pred.length,
      gold.length,
      0,
    );
    const mask = maskConsistency(metaAt(r, p.masks_field), frames);
    if (typeof mask === "string") return fail("invalid_input", mask);
    const acc = m.score + (mask ?? 0);
    return ok(fmt + key + acc, {
      components: { format: fmt, keyframe: key, box_match: m.score, mask: mask, accuracy: acc },
      info: { keyframe: chosen, boxes: pred.length, ...(tags.ok ? {} : { format_reason: tags.reason }) },
    });
  },
});
