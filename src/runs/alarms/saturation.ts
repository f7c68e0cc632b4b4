import type { RunColumns } from "../columns.ts";
import { type Alarm, baselineSteps, SampleSet } from "./alarm.ts";

/**
 * Saturation: a component stops discriminating — in a step, at least `threshold` of its values sit at its
 * run-wide maximum, where in the baseline (first 20% of steps) fewer did. Components that never vary, or
 * started saturated, are left out. Samples: the step's rollouts at the maximum.
 * @example saturation(cols, { threshold: 0.98 })
 */
export function saturation(cols: RunColumns, o: { threshold?: number } = {}): Alarm[] {
  const threshold = o.threshold ?? 0.98;
  if (cols.steps.length < 3) return [];
  const base = baselineSteps(cols);
  const out: Alarm[] = [];
  for (const comp of cols.components) {
    const v = comp.values;
    let max = Number.NEGATIVE_INFINITY;
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < cols.n; i++) {
      const x = v[i]!;
      if (Number.isNaN(x)) continue;
      if (x > max) max = x;
      if (x < min) min = x;
    }
    if (!(max > min)) continue;
    const eps = (max - min) * 1e-6;
    const fracAt = (k: number) => {
      let n = 0;
      let at = 0;
      for (const i of cols.rowsOfStep[k]!) {
        const x = v[i]!;
        if (Number.isNaN(x)) continue;
        n++;
        if (x >= max - eps) at++;
      }
      return n ? at / n : 0;
    };
    let baseAt = 0;
    for (const k of base) baseAt += fracAt(k);
    if (baseAt / base.length >= threshold) continue;
    const samples = new SampleSet(cols);
    const steps: number[] = [];
    let worst = 0;
    cols.steps.forEach((step, k) => {
      if (k < base.length) return;
      const f = fracAt(k);
      if (f < threshold) return;
      steps.push(step);
      worst = Math.max(worst, f);
      for (const i of cols.rowsOfStep[k]!) if (v[i]! >= max - eps) samples.add(i);
    });
    if (steps.length)
      out.push({
        kind: "saturation",
        component: comp.name,
        steps,
        value: worst,
        threshold,
        message: `${comp.name}: ${(worst * 100).toFixed(0)}% of rollouts at its maximum ${max} (baseline ${((baseAt / base.length) * 100).toFixed(0)}%); it no longer separates good from bad`,
        samples: samples.ids,
        sampleCount: samples.count,
      });
  }
  return out;
}
