import { mean } from "../evaluate/stats.ts";
import type { EpisodeStats } from "./runner.ts";

// Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom; 1.96 beyond.
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * Mean and the half-width of its 95% confidence interval, t_{0.975, n−1}·s/√n (0 for one value).
 * @example meanCi([1, 2, 3]) // { mean: 2, ci: 2.484 }
 */
export function meanCi(xs: readonly number[]): { mean: number; ci: number } {
  const n = xs.length;
  const m = mean(xs);
  if (n < 2) return { mean: m, ci: 0 };
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  return { mean: m, ci: (T975[n - 2] ?? 1.96) * (sd / Math.sqrt(n)) };
}

/** The summary of one design (in one environment, with one agent) over seeds. */
export interface DesignSummary {
  env: string;
  agent: string;
  design: string;
  seeds: number;
  /** Mean over seeds of the success rate in the final window; 95% CI half-width. */
  successRate: number;
  successCi: number;
  /** Mean over seeds of the mean return in the final window; 95% CI half-width. */
  meanReturn: number;
  returnCi: number;
  /** Area under the learning curve: the mean return over all episodes (mean over seeds), and its CI. */
  auc: number;
  aucCi: number;
  report?: Record<string, unknown>[];
}

/**
 * Summarises per-seed episode statistics: success rate and mean return over the last `finalWindow` share of
 * episodes, and the area under the curve as the mean return over all episodes, each with a 95% CI over seeds.
 * @example summarize("chain", "q_learning", "count", runs, 0.2)
 */
export function summarize(
  env: string,
  agent: string,
  design: string,
  runs: readonly (readonly EpisodeStats[])[],
  finalWindow: number,
): DesignSummary {
  const succ: number[] = [];
  const ret: number[] = [];
  const auc: number[] = [];
  for (const r of runs) {
    const k = Math.max(1, Math.round(r.length * finalWindow));
    const tail = r.slice(r.length - k);
    succ.push(tail.filter((s) => s.success).length / k);
    ret.push(mean(tail.map((s) => s.return)));
    auc.push(mean(r.map((s) => s.return)));
  }
  const s = meanCi(succ);
  const rt = meanCi(ret);
  const a = meanCi(auc);
  return {
    env,
    agent,
    design,
    seeds: runs.length,
    successRate: s.mean,
    successCi: s.ci,
    meanReturn: rt.mean,
    returnCi: rt.ci,
    auc: a.mean,
    aucCi: a.ci,
  };
}

/** The mean curve over seeds of a per-episode value, smoothed by a trailing moving average, with 95% CI bands. */
export function learningCurve(
  runs: readonly (readonly EpisodeStats[])[],
  value: (s: EpisodeStats) => number,
  window: number,
): { x: number[]; mean: number[]; lo: number[]; hi: number[] } {
  const n = Math.min(...runs.map((r) => r.length));
  const smoothed = runs.map((r) => {
    const out: number[] = [];
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += value(r[i]!);
      if (i >= window) acc -= value(r[i - window]!);
      out.push(acc / Math.min(i + 1, window));
    }
    return out;
  });
  const x: number[] = [];
  const m: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  for (let i = 0; i < n; i++) {
    const { mean: mu, ci } = meanCi(smoothed.map((s) => s[i]!));
    x.push(i + 1);
    m.push(mu);
    lo.push(mu - ci);
    hi.push(mu + ci);
  }
  return { x, mean: m, lo, hi };
}
