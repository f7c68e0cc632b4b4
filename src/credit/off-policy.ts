import type { Groups } from "./groups.ts";
import { type GrpoOptions, grpoConstants } from "./grpo.ts";

/**
 * TempSamp-R1 mixed-policy group advantages: each group gets its off-policy ground-truth response's score added
 * (it takes one of the G slots, so sample G − 1 on-policy rows), and that row joins the group mean and std:
 * A_i = (r_i − mean(r ∪ {r_gt}))/(std(r ∪ {r_gt}) + eps). Returns the on-policy advantages and one per group for the
 * ground-truth row. (TempSamp-R1, arXiv 2509.18056; from a third-party implementation)
 * @example withGroundTruth(Float64Array.of(0.2, 0.4, 0.3), fixedGroups(3, 3), [1])
 */
export function withGroundTruth(
  scores: ArrayLike<number>,
  groups: Groups,
  groundTruth: ArrayLike<number>,
  o: Omit<GrpoOptions, "singleton" | "scale"> & { scale?: "group" | "none" } = {},
): { advantages: Float64Array; groundTruth: Float64Array } {
  const c = grpoConstants(o);
  const scaled = (o.scale ?? "group") === "group";
  const { order, offsets } = groups;
  const ng = offsets.length - 1;
  if (groundTruth.length !== ng) throw new RangeError(`need one ground-truth score per group (${ng})`);
  const advantages = new Float64Array(scores.length);
  const gtAdv = new Float64Array(ng);
  for (let g = 0; g < ng; g++) {
    const gt = groundTruth[g]!;
    let s = !Number.isNaN(gt) ? gt : 0;
    let n = !Number.isNaN(gt) ? 1 : 0;
    for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
      const x = scores[order ? order[k]! : k]!;
      if (!Number.isNaN(x)) {
        s += x;
        n++;
      }
    }
    if (n < 2) continue;
    const m = s / n;
    let q = !Number.isNaN(gt) ? (gt - m) ** 2 : 0;
    for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
      const x = scores[order ? order[k]! : k]!;
      if (!Number.isNaN(x)) q += (x - m) ** 2;
    }
    const inv = scaled ? 1 / (Math.sqrt(q / (c.std === "unbiased" ? n - 1 : n)) + c.eps) : 1;
    if (!Number.isNaN(gt)) gtAdv[g] = (gt - m) * inv;
    for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
      const i = order ? order[k]! : k;
      const x = scores[i]!;
      if (!Number.isNaN(x)) advantages[i] = (x - m) * inv;
    }
  }
  return { advantages, groundTruth: gtAdv };
}
