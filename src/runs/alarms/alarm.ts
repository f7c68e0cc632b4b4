import type { RunColumns } from "../columns.ts";

/** The monitors rewardkit runs over a run. */
export type AlarmKind =
  | "component_dominance"
  | "variance_collapse"
  | "length_drift"
  | "saturation"
  | "judge_errors"
  | "disagreement";

/**
 * One raised alarm: what fired, where, how strongly against which threshold, and the rollouts that raised it
 * (their ids; at most `MAX_SAMPLES`, `sampleCount` says how many there were).
 */
export interface Alarm {
  kind: AlarmKind;
  component?: string;
  /** Steps where the condition held. */
  steps: number[];
  /** The measured value (at the worst step) and the threshold it crossed. */
  value: number;
  threshold: number;
  message: string;
  samples: string[];
  sampleCount: number;
}

/** Most sample ids an alarm carries (the API pages the rest through the sample table). */
export const MAX_SAMPLES = 500;

/** Collects sample ids up to the cap while counting them all. */
export class SampleSet {
  ids: string[] = [];
  count = 0;
  constructor(private cols: RunColumns) {}
  add(row: number): void {
    this.count++;
    if (this.ids.length < MAX_SAMPLES) this.ids.push(this.cols.id[row]!);
  }
}

/** Mean and population std of the finite values at `rows`. */
export function meanStd(
  values: Float64Array,
  rows: ArrayLike<number>,
): { n: number; mean: number; std: number } {
  let n = 0;
  let s = 0;
  let ss = 0;
  for (let k = 0; k < rows.length; k++) {
    const v = values[rows[k]!]!;
    if (Number.isNaN(v)) continue;
    n++;
    s += v;
    ss += v * v;
  }
  const mean = n ? s / n : Number.NaN;
  return { n, mean, std: n ? Math.sqrt(Math.max(0, ss / n - mean * mean)) : Number.NaN };
}

/** Indexes (into `cols.steps`) of the first `frac` of steps — the baseline window drift is measured against. */
export function baselineSteps(cols: RunColumns, frac = 0.2): number[] {
  const k = Math.max(1, Math.floor(cols.steps.length * frac));
  return Array.from({ length: k }, (_, i) => i);
}
