import type { RunColumns } from "../columns.ts";
import { type Alarm, baselineSteps, SampleSet } from "./alarm.ts";

/**
 * Component dominance: the share of a step's total-reward variance that one weighted component carries,
 * cov(wᵢ·cᵢ, R) / var(R) (the shares of all components sum to 1 when R = Σ wᵢ·cᵢ). Fires where a component's
 * share reaches `threshold` and grew by at least `rise` over the baseline (the first 20% of steps) — the
 * policy now optimises that component alone. Samples: rollouts of those steps where the component's weighted
 * value outweighs all the others together.
 * @example componentDominance(cols, { threshold: 0.6, rise: 0.2 })
 */
export function componentDominance(cols: RunColumns, o: { threshold?: number; rise?: number } = {}): Alarm[] {
  const threshold = o.threshold ?? 0.6;
  const rise = o.rise ?? 0.2;
  const weighted = cols.components.filter((c) => c.weight !== null && c.weight !== 0);
  if (weighted.length < 2 || cols.steps.length < 3) return [];
  const shareAt = (k: number, c: (typeof weighted)[number]) => {
    const rows = cols.rowsOfStep[k]!;
    let n = 0;
    let sr = 0;
    let sc = 0;
    let src = 0;
    let srr = 0;
    for (const i of rows) {
      const r = cols.score[i]!;
      const x = c.values[i]!;
      if (Number.isNaN(r) || Number.isNaN(x)) continue;
      const wx = c.weight! * x;
      n++;
      sr += r;
      sc += wx;
      src += r * wx;
      srr += r * r;
    }
    if (n < 2) return Number.NaN;
    const varR = srr / n - (sr / n) ** 2;
    if (!(varR > 1e-12)) return Number.NaN;
    return (src / n - (sr / n) * (sc / n)) / varR;
  };
  const base = baselineSteps(cols);
  const out: Alarm[] = [];
  for (const c of weighted) {
    let b = 0;
    let bn = 0;
    for (const k of base) {
      const s = shareAt(k, c);
      if (!Number.isNaN(s)) {
        b += s;
        bn++;
      }
    }
    const baseShare = bn ? b / bn : 0;
    const samples = new SampleSet(cols);
    const steps: number[] = [];
    let worst = 0;
    cols.steps.forEach((step, k) => {
      if (k < base.length) return;
      const s = shareAt(k, c);
      if (!(s >= threshold && s - baseShare >= rise)) return;
      steps.push(step);
      worst = Math.max(worst, s);
      for (const i of cols.rowsOfStep[k]!) {
        const mine = Math.abs(c.weight! * c.values[i]!);
        let others = 0;
        for (const d of weighted) if (d !== c) others += Math.abs(d.weight! * (d.values[i]! || 0));
        if (mine > others) samples.add(i);
      }
    });
    if (steps.length)
      out.push({
        kind: "component_dominance",
        component: c.name,
        steps,
        value: worst,
        threshold,
        message: `${c.name} carries ${(worst * 100).toFixed(0)}% of the reward's variance at worst (baseline ${(baseShare * 100).toFixed(0)}%)`,
        samples: samples.ids,
        sampleCount: samples.count,
      });
  }
  return out;
}
