import type { RunColumns } from "../columns.ts";
import { type Alarm, baselineSteps, meanStd, SampleSet } from "./alarm.ts";

/**
 * Length drift: a step's mean completion length against the baseline (the first 20% of steps). Fires where
 * the ratio reaches `ratio` (or falls to 1/`ratio`) — a policy padding its answers for a length-loving judge,
 * or collapsing to empty ones. Samples: rollouts of the drifted steps beyond the baseline's longest (shortest).
 * @example lengthDrift(cols, { ratio: 1.5 })
 */
export function lengthDrift(cols: RunColumns, o: { ratio?: number } = {}): Alarm[] {
  const ratio = o.ratio ?? 1.5;
  if (cols.steps.length < 3) return [];
  const base = baselineSteps(cols);
  let bs = 0;
  let bn = 0;
  let bmax = 0;
  let bmin = Number.POSITIVE_INFINITY;
  for (const k of base)
    for (const i of cols.rowsOfStep[k]!) {
      const l = cols.length[i]!;
      bs += l;
      bn++;
      if (l > bmax) bmax = l;
      if (l < bmin) bmin = l;
    }
  const baseMean = bs / Math.max(1, bn);
  if (!(baseMean > 0)) return [];
  const samples = new SampleSet(cols);
  const steps: number[] = [];
  let worst = 1;
  let up = true;
  cols.steps.forEach((step, k) => {
    if (k < base.length) return;
    const m = meanStd(cols.length, cols.rowsOfStep[k]!).mean / baseMean;
    const longer = m >= ratio;
    if (!longer && m > 1 / ratio) return;
    steps.push(step);
    if (Math.abs(Math.log(m)) > Math.abs(Math.log(worst))) {
      worst = m;
      up = longer;
    }
    for (const i of cols.rowsOfStep[k]!) {
      const l = cols.length[i]!;
      if (longer ? l > bmax : l < bmin) samples.add(i);
    }
  });
  if (!steps.length) return [];
  return [
    {
      kind: "length_drift",
      steps,
      value: worst,
      threshold: up ? ratio : 1 / ratio,
      message: `mean length is ${worst.toFixed(2)}× the baseline (${baseMean.toFixed(0)}) at worst; ${steps.length} step(s) drifted ${up ? "longer" : "shorter"}`,
      samples: samples.ids,
      sampleCount: samples.count,
    },
  ];
}
