import type { RewardResult } from "./types.ts";

/** Running statistics of one component (Welford's algorithm: one pass, numerically stable). */
export interface ComponentStats {
  count: number;
  nulls: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
}

/** What a scoring run reports at the end: rows, per-component statistics, nulls and errors by kind. */
export interface ScoreSummary {
  rows: number;
  scored: number;
  nulls: number;
  errors: Record<string, number>;
  components: Record<string, ComponentStats>;
}

/**
 * Accumulates results into a summary, one at a time, in O(components) memory.
 * @example const s = new SummaryBuilder(); for (const r of results) s.add(r); s.summary();
 */
export class SummaryBuilder {
  private s: ScoreSummary = { rows: 0, scored: 0, nulls: 0, errors: {}, components: {} };

  add(r: RewardResult): void {
    const s = this.s;
    s.rows++;
    if (r.error) s.errors[r.error.kind] = (s.errors[r.error.kind] ?? 0) + 1;
    if (r.score === null) s.nulls++;
    else s.scored++;
    this.addValue("score", r.score);
    if (r.components) for (const k in r.components) this.addValue(k, r.components[k] ?? null);
  }

  private addValue(name: string, v: number | null): void {
    const c = (this.s.components[name] ??= {
      count: 0,
      nulls: 0,
      mean: 0,
      m2: 0,
      min: Number.POSITIVE_INFINITY,
      max: Number.NEGATIVE_INFINITY,
    });
    if (v === null) {
      c.nulls++;
      return;
    }
    c.count++;
    const d = v - c.mean;
    c.mean += d / c.count;
    c.m2 += d * (v - c.mean);
    if (v < c.min) c.min = v;
    if (v > c.max) c.max = v;
  }

  summary(): ScoreSummary {
    return this.s;
  }
}

/** Population standard deviation of a component. */
export function componentStd(c: ComponentStats): number {
  return c.count > 0 ? Math.sqrt(c.m2 / c.count) : 0;
}

/**
 * Renders a summary as a plain-text table.
 * @example console.error(formatSummary(summary))
 */
export function formatSummary(s: ScoreSummary): string {
  const fmt = (x: number) =>
    Number.isFinite(x)
      ? Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3)
        ? x.toExponential(2)
        : x.toFixed(4)
      : "-";
  const rows = [["component", "n", "mean", "std", "min", "max", "nulls"]];
  for (const [name, c] of Object.entries(s.components)) {
    rows.push([
      name,
      String(c.count),
      fmt(c.mean),
      fmt(componentStd(c)),
      fmt(c.count ? c.min : Number.NaN),
      fmt(c.count ? c.max : Number.NaN),
      String(c.nulls),
    ]);
  }
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(w[i]!) : cell.padStart(w[i]!))).join("  "),
  );
  lines.splice(1, 0, w.map((n) => "-".repeat(n)).join("  "));
  const errs = Object.entries(s.errors);
  const head = `rows: ${s.rows}  scored: ${s.scored}  null: ${s.nulls}  errors: ${errs.length ? errs.map(([k, n]) => `${k}=${n}`).join(" ") : "none"}`;
  return `${head}\n${lines.join("\n")}`;
}
