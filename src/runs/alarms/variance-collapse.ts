import type { RunColumns } from "../columns.ts";
import { type Alarm, SampleSet } from "./alarm.ts";

/**
 * Variance collapse: the fraction of GRPO groups in a step whose rewards are all equal (TRL's
 * `frac_reward_zero_std`; such groups get zero advantage and teach nothing). Fires on steps where it reaches
 * `threshold`; the samples are the rollouts of those groups.
 * @example varianceCollapse(cols, { threshold: 0.5 })
 */
export function varianceCollapse(cols: RunColumns, o: { threshold?: number } = {}): Alarm[] {
  const threshold = o.threshold ?? 0.5;
  const samples = new SampleSet(cols);
  const steps: number[] = [];
  let worst = 0;
  cols.steps.forEach((step, k) => {
    const byGroup = new Map<number, number[]>();
    for (const i of cols.rowsOfStep[k]!) {
      const g = cols.group[i]!;
      if (g < 0 || Number.isNaN(cols.score[i]!)) continue;
      let a = byGroup.get(g);
      if (!a) byGroup.set(g, (a = []));
      a.push(i);
    }
    let groups = 0;
    const flat: number[][] = [];
    for (const rows of byGroup.values()) {
      if (rows.length < 2) continue;
      groups++;
      const first = cols.score[rows[0]!]!;
      if (rows.every((i) => Math.abs(cols.score[i]! - first) < 1e-12)) flat.push(rows);
    }
    if (!groups) return;
    const frac = flat.length / groups;
    if (frac >= threshold) {
      steps.push(step);
      worst = Math.max(worst, frac);
      for (const rows of flat) for (const i of rows) samples.add(i);
    }
  });
  if (!steps.length) return [];
  return [
    {
      kind: "variance_collapse",
      steps,
      value: worst,
      threshold,
      message: `${(worst * 100).toFixed(0)}% of groups have identical rewards (zero advantage) at worst; ${steps.length} step(s) at or above ${(threshold * 100).toFixed(0)}%`,
      samples: samples.ids,
      sampleCount: samples.count,
    },
  ];
}
