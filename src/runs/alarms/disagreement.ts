import type { RunColumns } from "../columns.ts";
import { type Alarm, SampleSet } from "./alarm.ts";

/**
 * Model-vs-verifier disagreement: for each (model, verifier) pair of components, the fraction of a step's
 * rollouts the model rates in the top of its range (≥ `high`, after scaling each component to [0, 1] over the
 * run) while the verifier rates them at the bottom (≤ 1 − `high`) — the signature of a judge master key or a
 * reward model won over by style. Fires on steps at or above `threshold`; samples are those rollouts.
 * @example disagreement(cols, { threshold: 0.15 })
 */
export function disagreement(cols: RunColumns, o: { threshold?: number; high?: number } = {}): Alarm[] {
  const threshold = o.threshold ?? 0.15;
  const high = o.high ?? 0.8;
  const models = cols.components.filter((c) => c.role === "model");
  const verifiers = cols.components.filter((c) => c.role === "verifier");
  const range = (v: Float64Array) => {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (Number.isNaN(x)) continue;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    return { min, span: max - min };
  };
  const out: Alarm[] = [];
  for (const m of models) {
    const rm = range(m.values);
    if (!(rm.span > 0)) continue;
    for (const v of verifiers) {
      const rv = range(v.values);
      if (!(rv.span > 0)) continue;
      const samples = new SampleSet(cols);
      const steps: number[] = [];
      let worst = 0;
      cols.steps.forEach((step, k) => {
        const rows = cols.rowsOfStep[k]!;
        const hits: number[] = [];
        let n = 0;
        for (const i of rows) {
          const a = m.values[i]!;
          const b = v.values[i]!;
          if (Number.isNaN(a) || Number.isNaN(b)) continue;
          n++;
          if ((a - rm.min) / rm.span >= high && (b - rv.min) / rv.span <= 1 - high) hits.push(i);
        }
        const rate = n ? hits.length / n : 0;
        if (rate < threshold) return;
        steps.push(step);
        worst = Math.max(worst, rate);
        for (const i of hits) samples.add(i);
      });
      if (steps.length)
        out.push({
          kind: "disagreement",
          component: `${m.name} vs ${v.name}`,
          steps,
          value: worst,
          threshold,
          message: `${m.name} (model) rates high what ${v.name} (verifier) fails: ${(worst * 100).toFixed(0)}% of a step at worst`,
          samples: samples.ids,
          sampleCount: samples.count,
        });
    }
  }
  return out;
}
