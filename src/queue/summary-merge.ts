import type { ComponentStats, ScoreSummary } from "../core/summary.ts";

/**
 * Merges per-shard summaries into the summary of the whole run. Means and variances combine exactly with
 * Chan, Golub & LeVeque's pairwise update (1979): n = a.n + b.n, δ = b.mean − a.mean,
 * mean = a.mean + δ·b.n/n, M2 = a.M2 + b.M2 + δ²·a.n·b.n/n.
 * @example mergeSummaries([shard0.summary, shard1.summary]).rows // rows of both shards
 */
export function mergeSummaries(parts: readonly ScoreSummary[]): ScoreSummary {
  const out: ScoreSummary = { rows: 0, scored: 0, nulls: 0, errors: {}, components: {} };
  for (const p of parts) {
    out.rows += p.rows;
    out.scored += p.scored;
    out.nulls += p.nulls;
    for (const [k, n] of Object.entries(p.errors)) out.errors[k] = (out.errors[k] ?? 0) + n;
    for (const [k, c] of Object.entries(p.components)) {
      const a = out.components[k];
      out.components[k] = a ? mergeStats(a, c) : { ...c };
    }
  }
  return out;
}

function mergeStats(a: ComponentStats, b: ComponentStats): ComponentStats {
  // A side with no values carries no mean or extremes (its min/max may have become null in JSON).
  if (b.count === 0) return { ...a, nulls: a.nulls + b.nulls };
  if (a.count === 0) return { ...b, nulls: a.nulls + b.nulls };
  const n = a.count + b.count;
  const d = b.mean - a.mean;
  return {
    count: n,
    nulls: a.nulls + b.nulls,
    mean: a.mean + (d * b.count) / n,
    m2: a.m2 + b.m2 + (d * d * a.count * b.count) / n,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
  };
}
