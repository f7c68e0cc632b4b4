import { scoreBatch } from "../core/score-batch.ts";
import type { IsolatedExecutor, Reward, Rollout } from "../core/types.ts";
import type { RewardSpec } from "../spec/spec.ts";
import { specHash } from "./spec-info.ts";
import type { RunStore } from "./store.ts";

/** Average ranks (1-based; ties share their mean rank). */
export function ranks(x: readonly number[]): number[] {
  const idx = x.map((_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const r = new Array<number>(x.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && x[idx[j + 1]!] === x[idx[i]!]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]!] = avg;
    i = j + 1;
  }
  return r;
}

/**
 * Spearman's rank correlation: Pearson's r of the average ranks (ties handled as scipy.stats.spearmanr does).
 * NaN when either side is constant or fewer than two pairs are given.
 * @example spearman([1, 2, 3], [1, 3, 2]) // 0.5
 */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n < 2 || b.length !== n) return Number.NaN;
  const ra = ranks(a);
  const rb = ranks(b);
  const ma = ra.reduce((s, v) => s + v, 0) / n;
  const mb = rb.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = ra[i]! - ma;
    const db = rb[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Number.NaN;
}

/** What a re-score found: how many rollouts, how the scores moved, how their order held, what crossed the threshold. */
export interface RescoreSummary {
  name: string;
  spec_hash: string;
  threshold: number;
  rows: number;
  /** Rollouts scored (non-null) under both specs. */
  paired: number;
  mean_a: number;
  mean_b: number;
  mean_delta: number;
  spearman: number;
  /** Crossed the threshold upwards (fail → pass) and downwards (pass → fail). */
  flips_up: number;
  flips_down: number;
  /** Null under one spec only. */
  null_changed: number;
  errors_b: Record<string, number>;
}

/** Rebuilds the rollout a run row was scored from. */
export function rolloutOfRow(row: {
  id: string;
  grp: string | null;
  prompt: string;
  completion: string;
  reference: string | null;
  extra: string | null;
}): Rollout {
  const extra = row.extra ? (JSON.parse(row.extra) as Record<string, unknown>) : {};
  const orig = (extra.rollout ?? {}) as Record<string, unknown>;
  const r: Rollout = {
    id: row.id,
    completion: (orig.completion as Rollout["completion"]) ?? row.completion,
    prompt: (orig.prompt as Rollout["prompt"]) ?? row.prompt,
  };
  if (row.reference !== null) r.reference = JSON.parse(row.reference);
  if (row.grp !== null) r.group = row.grp;
  if (Array.isArray(orig.steps)) r.steps = orig.steps as Rollout["steps"];
  if (extra.meta && typeof extra.meta === "object") r.meta = extra.meta as Record<string, unknown>;
  return r;
}

/**
 * Re-scores every rollout of a run with a second spec and stores the scores beside the originals (view 8):
 * per-sample delta, Spearman rank correlation of the two scorings, and the rollouts that flip across
 * `threshold`. Same rollouts, same spec ⇒ same result.
 * @example const s = await rescoreRun(run, { spec, reward }, { threshold: 0.5 }); s.spearman
 */
export async function rescoreRun(
  run: RunStore,
  b: { spec: RewardSpec; reward: Reward },
  o: {
    threshold?: number;
    name?: string;
    executor?: IsolatedExecutor;
    deadlineMs?: number;
    batch?: number;
  } = {},
): Promise<RescoreSummary> {
  const threshold = o.threshold ?? 0.5;
  const name = o.name ?? b.spec.name;
  const db = run.db;
  db.prepare("DELETE FROM rescore_scores WHERE name = ?").run(name);
  const ins = db.prepare(
    "INSERT INTO rescore_scores(name, rid, score, error_kind, delta, flip) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const rows = db
    .prepare(
      "SELECT rid, id, grp, step, prompt, completion, reference, extra, score FROM rollouts ORDER BY rid",
    )
    .all() as {
    rid: number;
    id: string;
    grp: string | null;
    step: number;
    prompt: string;
    completion: string;
    reference: string | null;
    extra: string | null;
    score: number | null;
  }[];
  const batch = o.batch ?? 1024;
  const pa: number[] = [];
  const pb: number[] = [];
  let flipsUp = 0;
  let flipsDown = 0;
  let nullChanged = 0;
  const errors: Record<string, number> = {};
  for (let s = 0; s < rows.length; s += batch) {
    const chunk = rows.slice(s, s + batch);
    const results = await scoreBatch(
      b.reward,
      chunk.map((r) => rolloutOfRow(r)),
      {
        ...(o.executor ? { executor: o.executor } : {}),
        ...(o.deadlineMs !== undefined ? { deadlineMs: o.deadlineMs } : {}),
      },
    );
    db.transaction(() => {
      chunk.forEach((r, i) => {
        const res = results[i]!;
        const sb = typeof res.score === "number" && Number.isFinite(res.score) ? res.score : null;
        const both = r.score !== null && sb !== null;
        const flip = !both
          ? 0
          : r.score! < threshold && sb! >= threshold
            ? 1
            : r.score! >= threshold && sb! < threshold
              ? -1
              : 0;
        ins.run(name, r.rid, sb, res.error?.kind ?? null, both ? sb! - r.score! : null, flip);
        if (res.error) errors[res.error.kind] = (errors[res.error.kind] ?? 0) + 1;
        if ((r.score === null) !== (sb === null)) nullChanged++;
        if (r.score === null || sb === null) return;
        pa.push(r.score);
        pb.push(sb);
        if (r.score < threshold && sb >= threshold) flipsUp++;
        if (r.score >= threshold && sb < threshold) flipsDown++;
      });
    })();
  }
  const mean = (x: number[]) => (x.length ? x.reduce((a, v) => a + v, 0) / x.length : Number.NaN);
  const summary: RescoreSummary = {
    name,
    spec_hash: specHash(b.spec),
    threshold,
    rows: rows.length,
    paired: pa.length,
    mean_a: mean(pa),
    mean_b: mean(pb),
    mean_delta: mean(pb) - mean(pa),
    spearman: spearman(pa, pb),
    flips_up: flipsUp,
    flips_down: flipsDown,
    null_changed: nullChanged,
    errors_b: errors,
  };
  db.prepare(
    `INSERT INTO rescores(name, spec, spec_hash, threshold, created, summary) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET spec = excluded.spec, spec_hash = excluded.spec_hash,
     threshold = excluded.threshold, created = excluded.created, summary = excluded.summary`,
  ).run(
    name,
    JSON.stringify(b.spec),
    summary.spec_hash,
    threshold,
    new Date().toISOString(),
    JSON.stringify(summary),
  );
  return summary;
}
