import { z } from "zod";

const finite = z.number().refine(Number.isFinite, "expected a finite number");

/** A value over training steps: a constant, or breakpoints interpolated linearly (or held, `step`) and held at the ends. */
export const scheduleSchema = z.union([
  finite,
  z.strictObject({
    points: z.array(z.strictObject({ step: z.number().min(0), value: finite })).min(1),
    interpolate: z.enum(["linear", "step"]).default("linear"),
  }),
]);
export type Schedule = z.input<typeof scheduleSchema>;

/**
 * The value of a schedule at a training step. ToolRL's dynamic correctness bound max_c = min(3, 2 + step/150) is
 * `{ points: [{ step: 0, value: 2 }, { step: 150, value: 3 }] }`. (ToolRL, arXiv 2504.13958, `SCHEDULEREWARD`)
 * @example scheduleAt({ points: [{ step: 0, value: 2 }, { step: 150, value: 3 }] }, 75) // 2.5
 */
export function scheduleAt(s: Schedule, step: number): number {
  if (typeof s === "number") return s;
  const pts = [...s.points].sort((a, b) => a.step - b.step);
  if (step <= pts[0]!.step) return pts[0]!.value;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (step < b.step) {
      if (s.interpolate === "step") return a.value;
      return a.value + ((b.value - a.value) * (step - a.step)) / (b.step - a.step);
    }
  }
  return pts[pts.length - 1]!.value;
}
