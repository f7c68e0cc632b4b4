import { completionText, referenceAt } from "../../core/text.ts";
import type { Rollout } from "../../core/types.ts";
import { jsonText, parseJson } from "../json/extract.ts";
import { onesIntervals, runsArea, runsIou } from "./rle.ts";

/** One sampled frame of the gold track: its id, and the gold object area (given, or from its mask). */
export interface GoldFrame {
  id: number;
  area: number;
  runs?: number[];
  boxes?: unknown;
}

/** The gold frames `reference.frames` = [{id, area? | mask?, boxes?}], or a message. */
export function goldFrames(r: Rollout, field: string | undefined, limit = 10_000): GoldFrame[] | string {
  const ref = referenceAt(r, field);
  const frames = ref && typeof ref === "object" ? (ref as { frames?: unknown }).frames : undefined;
  if (!Array.isArray(frames) || frames.length === 0)
    return "reference.frames must be a non-empty list of {id, area | mask}";
  if (frames.length > limit) return `more than ${limit} frames`;
  const out: GoldFrame[] = [];
  for (const f of frames) {
    if (!f || typeof f !== "object") return "each frame must be an object {id, area | mask}";
    const o = f as Record<string, unknown>;
    if (typeof o.id !== "number" || !Number.isInteger(o.id)) return "frame id must be an integer";
    const g: GoldFrame = { id: o.id, area: 0 };
    if (o.mask !== undefined) {
      const d = onesIntervals(o.mask);
      if (typeof d === "string") return `frame ${o.id}: ${d}`;
      g.runs = d.runs;
      g.area = runsArea(d.runs);
    }
    if (o.area !== undefined) {
      if (typeof o.area !== "number" || !Number.isFinite(o.area) || o.area < 0)
        return `frame ${o.id}: bad area`;
      g.area = o.area;
    }
    if (o.boxes !== undefined) g.boxes = o.boxes;
    out.push(g);
  }
  return out;
}

/**
 * Veason-R1's keyframe reward: gold area at the chosen keyframe over the largest gold area, clipped to [0, 1];
 * 0 when the keyframe is not a sampled frame. (Veason-R1, arXiv 2508.11538, R_key)
 * @example keyframeReward(2, [{ id: 0, area: 10 }, { id: 2, area: 5 }]) // 5 / 10 = 0.5
 */
export function keyframeReward(chosen: number | null, frames: readonly GoldFrame[]): number {
  if (chosen === null) return 0;
  const f = frames.find((x) => x.id === chosen);
  if (!f) return 0;
  let max = 0;
  for (const x of frames) max = Math.max(max, x.area);
  return max > 0 ? Math.min(1, Math.max(0, f.area / max)) : 0;
}

/** The answer JSON object of a completion (answer tag, fence, or whole text), or null. */
export function answerObject(r: Rollout, tag: string): Record<string, unknown> | null {
  const src = jsonText(completionText(r), "auto", tag);
  if (src === null) return null;
  const p = parseJson(src.trim());
  return p.ok && p.value && typeof p.value === "object" && !Array.isArray(p.value)
    ? (p.value as Record<string, unknown>)
    : null;
}

/** The chosen keyframe: an integer `keyframe_timestamp` (a numeric string is accepted), else null. */
export function chosenKeyframe(o: Record<string, unknown> | null, key: string): number | null {
  const v = o?.[key];
  const n = typeof v === "string" && /^\s*\d{1,9}\s*$/.test(v) ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) ? n : null;
}

/**
 * Mean IoU over gold frames with a mask between the predicted mask of that frame (`{frameId: RLE}`, e.g. SAM2
 * propagations of the predicted boxes) and the gold mask; a missing prediction scores 0 for its frame.
 */
export function maskConsistency(pred: unknown, frames: readonly GoldFrame[]): number | string | null {
  const withMask = frames.filter((f) => f.runs);
  if (withMask.length === 0 || pred === undefined) return null;
  if (!pred || typeof pred !== "object" || Array.isArray(pred))
    return "predicted masks must map frame id → {size, counts}";
  const map = pred as Record<string, unknown>;
  let sum = 0;
  for (const f of withMask) {
    const m = map[String(f.id)];
    if (m === undefined) continue;
    const d = onesIntervals(m);
    if (typeof d === "string") return `predicted mask of frame ${f.id}: ${d}`;
    sum += runsIou(d.runs, f.runs as number[]);
  }
  return sum / withMask.length;
}
