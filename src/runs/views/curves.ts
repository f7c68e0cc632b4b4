import type { ViewRun } from "./context.ts";

/** One series of per-step means with their standard deviations. */
export interface StepSeries {
  mean: (number | null)[];
  std: (number | null)[];
}

/** View 1: per-step curves. */
export interface CurvesView {
  steps: number[];
  rows: number[];
  score: StepSeries;
  components: {
    name: string;
    weight: number | null;
    role: string;
    series: StepSeries;
    contribution: (number | null)[];
  }[];
  length: StepSeries;
  truncated: (number | null)[];
  errorRate: (number | null)[];
  advantage: StepSeries;
}

/**
 * View 1 — reward curves per component: per step, the mean and std of the total and of each component, and each
 * weighted component's contribution wᵢ·mean(cᵢ) to the total; plus length, truncation and error rates. Read from
 * the per-step statistics kept at ingest, so the cost grows with steps, not rollouts.
 * @example curvesView(run).components[0].contribution
 */
export function curvesView(v: ViewRun): CurvesView {
  const rows = v.run.db.prepare("SELECT step, key, n, sum, sumsq FROM step_stats ORDER BY step").all() as {
    step: number;
    key: string;
    n: number;
    sum: number;
    sumsq: number;
  }[];
  const steps: number[] = [];
  const at = new Map<number, number>();
  for (const r of rows)
    if (!at.has(r.step)) {
      at.set(r.step, steps.length);
      steps.push(r.step);
    }
  const series = () => ({
    mean: steps.map(() => null as number | null),
    std: steps.map(() => null as number | null),
  });
  const byKey = new Map<string, StepSeries & { n: number[] }>();
  for (const r of rows) {
    let s = byKey.get(r.key);
    if (!s) byKey.set(r.key, (s = { ...series(), n: steps.map(() => 0) }));
    const i = at.get(r.step)!;
    const m = r.sum / r.n;
    s.mean[i] = m;
    s.std[i] = Math.sqrt(Math.max(0, r.sumsq / r.n - m * m));
    s.n[i] = r.n;
  }
  const get = (k: string): StepSeries => {
    const s = byKey.get(k);
    return s ? { mean: s.mean, std: s.std } : series();
  };
  const nRows = byKey.get("rows")?.n ?? steps.map(() => 0);
  const countOf = (k: string) => byKey.get(k)?.n ?? steps.map(() => 0);
  const errors = steps.map(() => 0);
  for (const [k, s] of byKey)
    if (k.startsWith("err:"))
      s.n.forEach((n, i) => {
        errors[i]! += n;
      });
  return {
    steps,
    rows: nRows,
    score: get("score"),
    components: v.run.components().map((c) => {
      const s = get(`c:${c.name}`);
      return {
        name: c.name,
        weight: c.weight,
        role: c.role,
        series: s,
        contribution: s.mean.map((m) => (m === null || c.weight === null ? null : c.weight * m)),
      };
    }),
    length: get("length"),
    truncated: get("truncated").mean,
    errorRate: errors.map((e, i) => (nRows[i] ? e / nRows[i]! : null)),
    advantage: countOf("advantage").some((n) => n > 0) ? get("advantage") : series(),
  };
}
