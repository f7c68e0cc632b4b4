import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { answerObject, chosenKeyframe, goldFrames, keyframeReward } from "./veason.ts";

const params = z.strictObject({
  tag: z.string().min(1).default("answer"),
  reference_field: z.string().optional(),
  keyframe_key: z.string().min(1).default("keyframe_timestamp"),
});

/**
 * Veason-R1's keyframe reward: R_key = area(gold mask at the chosen keyframe) / max_t area(gold mask_t), in [0, 1].
 * (Veason-R1, arXiv 2508.11538)
 * @example { kind: vision.keyframe, keyframe_key: keyframe_timestamp }
 */
export const visionKeyframe = leafKind({
  kind: "vision.keyframe",
  summary: "Veason-R1 keyframe reward: gold object area at the chosen keyframe over the largest gold area.",
  params,
  score(r, p) {
    const frames = goldFrames(r, p.reference_field);
    if (typeof frames === "string") return fail("invalid_input", frames);
    const chosen = chosenKeyframe(answerObject(r, p.tag), p.keyframe_key);
    const score = keyframeReward(chosen, frames);
    return ok(score, {
      info:
        chosen === null
          ? { reason: `no integer ${p.keyframe_key} in the answer JSON` }
          : { keyframe: chosen },
    });
  },
});
