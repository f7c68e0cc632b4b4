import type { RunColumns } from "../columns.ts";
import { type Alarm, SampleSet } from "./alarm.ts";

/**
 * Judge/grader error rate: the fraction of a step's rollouts whose reward failed (`error` set: timeouts,
 * upstream failures, unparseable verdicts…). A failing grader that is silently read as 0 trains the policy on
 * noise (verl #3407). Fires on steps at or above `threshold`; samples are the failed rollouts.
 * @example judgeErrors(cols, { threshold: 0.05 })
 */
export function judgeErrors(cols: RunColumns, o: { threshold?: number; kinds?: string[] } = {}): Alarm[] {
  const threshold = o.threshold ?? 0.05;
  const counted = new Set(
    cols.errorKinds.map((k, i) => (!o.kinds || o.kinds.includes(k) ? i : -1)).filter((i) => i >= 0),
  );
  const samples = new SampleSet(cols);
  const steps: number[] = [];
  const byKind = new Map<string, number>();
  let worst = 0;
  cols.steps.forEach((step, k) => {
    const rows = cols.rowsOfStep[k]!;
    let bad = 0;
    for (const i of rows) if (counted.has(cols.error[i]!)) bad++;
    const rate = bad / rows.length;
    if (rate < threshold) return;
    steps.push(step);
    worst = Math.max(worst, rate);
    for (const i of rows) {
      const e = cols.error[i]!;
      if (!counted.has(e)) continue;
      samples.add(i);
      const kind = cols.errorKinds[e]!;
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    }
  });
  if (!steps.length) return [];
  const kinds = [...byKind].map(([k, n]) => `${k}=${n}`).join(", ");
  return [
    {
      kind: "judge_errors",
      steps,
      value: worst,
      threshold,
      message: `${(worst * 100).toFixed(1)}% of rollouts failed to score at worst (${kinds})`,
      samples: samples.ids,
      sampleCount: samples.count,
    },
  ];
}
