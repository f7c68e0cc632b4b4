import type { ViewRun } from "./context.ts";

/**
 * View 7 — judge and grader health per step: rollouts, failures by error kind, mean and max latency, mean judge
 * tokens and cache-hit rate, from the per-step statistics kept at ingest; plus totals.
 * @example healthView(run).totals.errors.timeout
 */
export function healthView(v: ViewRun) {
  const rows = v.run.db
    .prepare(
      "SELECT step, key, n, sum, max FROM step_stats WHERE key IN ('rows','latency','tokens','cache_hit') OR key LIKE 'err:%' ORDER BY step",
    )
    .all() as { step: number; key: string; n: number; sum: number; max: number }[];
  const steps: number[] = [];
  const at = new Map<number, number>();
  for (const r of rows) if (!at.has(r.step)) at.set(r.step, steps.push(r.step) - 1);
  const z = () => steps.map(() => null as number | null);
  const out = {
    steps,
    rows: steps.map(() => 0),
    errors: {} as Record<string, number[]>,
    latencyMean: z(),
    latencyMax: z(),
    tokensMean: z(),
    cacheHitRate: z(),
  };
  const totals = {
    rows: 0,
    errors: {} as Record<string, number>,
    latencyMean: null as number | null,
    latencyMax: null as number | null,
    tokens: 0,
    cacheHitRate: null as number | null,
  };
  let lat = 0;
  let latN = 0;
  let hits = 0;
  let hitN = 0;
  for (const r of rows) {
    const i = at.get(r.step)!;
    if (r.key === "rows") {
      out.rows[i] = r.n;
      totals.rows += r.n;
    } else if (r.key.startsWith("err:")) {
      const kind = r.key.slice(4);
      (out.errors[kind] ??= steps.map(() => 0))[i] = r.n;
      totals.errors[kind] = (totals.errors[kind] ?? 0) + r.n;
    } else if (r.key === "latency") {
      out.latencyMean[i] = r.sum / r.n;
      out.latencyMax[i] = r.max;
      lat += r.sum;
      latN += r.n;
      totals.latencyMax = Math.max(totals.latencyMax ?? 0, r.max);
    } else if (r.key === "tokens") {
      out.tokensMean[i] = r.sum / r.n;
      totals.tokens += r.sum;
    } else if (r.key === "cache_hit") {
      out.cacheHitRate[i] = r.sum / r.n;
      hits += r.sum;
      hitN += r.n;
    }
  }
  totals.latencyMean = latN ? lat / latN : null;
  totals.cacheHitRate = hitN ? hits / hitN : null;
  return { ...out, totals };
}
