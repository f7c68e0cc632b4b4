import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText, referenceAt } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { boxIou, extractBoxes, toXyxy } from "./boxes.ts";
import { boxParams, goldBoxes, metaAt } from "./gold.ts";
import { matchScore } from "./match.ts";
import { onesIntervals, runsIou } from "./rle.ts";

const params = z.strictObject({
  ...boxParams,
  /** Match boxes parsed from the answer, or run-length masks carried in `meta` against masks in the reference. */
  target: z.enum(["boxes", "masks"]).default("boxes"),
  /** Path in `meta` of the predicted masks (a list of `{size, counts}`), for `target: masks`. */
  pred_field: z.string().min(1).default("masks"),
  /** Matched pairs below this IoU are dropped (count as unmatched). */
  min_iou: z.number().min(0).max(1).default(0),
  /** Most objects matched (Veason-R1 caps at 120); extra predictions still count in max(M, N). */
  max_objects: z.number().int().positive().max(2000).default(120),
});

/** Run intervals of a list of masks, or a message. */
function maskRuns(
  v: unknown,
  limit: number,
  what: string,
): { runs: number[][]; size: string | null } | string {
  if (!Array.isArray(v)) return `${what} masks must be a list of {size, counts}`;
  if (v.length > limit) return `more than ${limit} ${what} masks`;
  const runs: number[][] = [];
  let size: string | null = null;
  for (const m of v) {
    const d = onesIntervals(m);
    if (typeof d === "string") return `${what} mask: ${d}`;
    const s = d.size.join("x");
    if (size !== null && s !== size) return `${what} masks differ in size`;
    size = s;
    runs.push(d.runs);
  }
  return { runs, size };
}

/**
 * One-to-one (Hungarian) matching of predicted to gold boxes or run-length masks, scored
 * (#matched − Σ(1 − IoU))/max(M, N). (Veason-R1, arXiv 2508.11538, R_acc)
 * @example { kind: vision.match, target: boxes, reference_field: boxes, min_iou: 0 }
 */
export const visionMatch = leafKind({
  kind: "vision.match",
  summary: "Hungarian matching of predicted to gold boxes or RLE masks, scored (matched − Σ cost)/max(M, N).",
  params,
  score(r, p) {
    let ious: number[][];
    let predCount: number;
    let goldCount: number;
    if (p.target === "boxes") {
      const gold = goldBoxes(r, p.reference_field, p.gold_format, p.max_objects);
      if (typeof gold === "string") return fail("invalid_input", gold);
      const { boxes } = extractBoxes(completionText(r), p.tag, 100_000);
      predCount = boxes.length;
      goldCount = gold.length;
      const pred = boxes.slice(0, p.max_objects).map((b) => toXyxy(b, p.pred_format));
      ious = pred.map((a) => gold.map((g) => boxIou(a, g, p.plus_one)));
    } else {
      const gold = maskRuns(referenceAt(r, p.reference_field), p.max_objects, "gold");
      if (typeof gold === "string") return fail("invalid_input", gold);
      const raw = metaAt(r, p.pred_field);
      const predAll = maskRuns(
        Array.isArray(raw) ? raw.slice(0, p.max_objects) : raw,
        p.max_objects,
        "predicted",
      );
      if (typeof predAll === "string") return fail("invalid_input", predAll);
      if (gold.size && predAll.size && gold.size !== predAll.size)
        return fail("invalid_input", `predicted masks are ${predAll.size}, gold masks ${gold.size}`);
      predCount = (raw as unknown[]).length;
      goldCount = gold.runs.length;
      ious = predAll.runs.map((a) => gold.runs.map((g) => runsIou(a, g)));
    }
    const m = matchScore(ious, predCount, goldCount, p.min_iou);
    return ok(m.score, {
      components: { matched: m.matched, sum_iou: m.sumIou, predicted: predCount, gold: goldCount },
      info: { pairs: m.pairs.slice(0, 50) },
    });
  },
});
