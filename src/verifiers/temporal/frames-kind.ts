import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { referenceAt } from "../../core/text.ts";
import type { Rollout } from "../../core/types.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { spansFrom } from "./gold-spans.ts";

const params = z.strictObject({
  /** Path in `meta` of the selected frames (indices, or times when the gold is given as spans). */
  selected_field: z.string().min(1).default("selected_frames"),
  /** Path in the reference of the gold event: frame indices (`frames`) or time spans (`spans`). */
  reference_field: z.string().min(1).default("event_frames"),
  gold_as: z.enum(["frames", "spans"]).default("frames"),
  /** What a sample without an event mask scores: TSPO's "general" samples get 1; `null` = does not apply. */
  no_event: z.enum(["one", "null"]).default("one"),
  max_frames: z.number().int().positive().default(100_000),
});

/** The selected frames from `meta`, or from `steps` of kind "frame" (their `t`); a message when unusable. */
function selectedFrames(r: Rollout, field: string, max: number): number[] | string {
  let v: unknown = r.meta;
  for (const k of field.split(".")) {
    if (v == null || typeof v !== "object" || !Object.hasOwn(v as object, k)) {
      v = undefined;
      break;
    }
    v = (v as Record<string, unknown>)[k];
  }
  if (v === undefined && Array.isArray(r.steps))
    v = r.steps.filter((s) => s && s.kind === "frame" && typeof s.t === "number").map((s) => s.t);
  if (!Array.isArray(v)) return `no selected frames at meta.${field} nor frame steps`;
  if (v.length > max) return `too many selected frames (${v.length} > ${max})`;
  if (!v.every((x) => typeof x === "number" && Number.isFinite(x)))
    return "selected frames must be finite numbers";
  return v as number[];
}

/**
 * TSPO's temporal locating reward: the fraction of distinct selected frames that fall inside the gold event.
 * R_temporal = |selected ∩ event| / |selected|. (TSPO, arXiv 2508.04369)
 * @example { kind: temporal.frames, selected_field: selected_frames, reference_field: event_frames }
 */
export const temporalFrames = leafKind({
  kind: "temporal.frames",
  summary: "TSPO: fraction of the selected frames that lie inside the gold event (frame ids or time spans).",
  params,
  score(r, p) {
    const raw = referenceAt(r, p.reference_field);
    if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
      return p.no_event === "one"
        ? ok(1, { info: { reason: "no event mask (general sample)" } })
        : ok(null, { info: { reason: "no event mask" } });
    }
    const sel = selectedFrames(r, p.selected_field, p.max_frames);
    if (typeof sel === "string") return fail("invalid_input", sel);
    const distinct = [...new Set(sel)];
    if (distinct.length === 0)
      return ok(0, { components: { selected: 0, inside: 0 }, info: { reason: "no frame selected" } });
    let inside = 0;
    if (p.gold_as === "frames") {
      if (!Array.isArray(raw) || !raw.every((x) => typeof x === "number" && Number.isFinite(x)))
        return fail("invalid_input", "gold event frames must be a list of numbers");
      const gold = new Set(raw as number[]);
      for (const f of distinct) if (gold.has(f)) inside++;
    } else {
      const spans = spansFrom(raw);
      if (!spans) return fail("invalid_input", "gold event must be a span or a list of spans");
      // sweep frames and spans by start: f is inside when the furthest end among spans starting ≤ f reaches f
      const sorted = spans.slice().sort((x, y) => x[0] - y[0]);
      const frames = distinct.slice().sort((x, y) => x - y);
      let k = 0;
      let reach = Number.NEGATIVE_INFINITY;
      for (const f of frames) {
        while (k < sorted.length && (sorted[k] as [number, number])[0] <= f) {
          reach = Math.max(reach, (sorted[k] as [number, number])[1]);
          k++;
        }
        if (f <= reach) inside++;
      }
    }
    return ok(inside / distinct.length, { components: { selected: distinct.length, inside } });
  },
});
