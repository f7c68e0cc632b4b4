import { type AdvantageOptions, computeAdvantages, type EstimatorName } from "../credit/api.ts";
import { RunStore } from "./store.ts";

/**
 * Computes advantages for every step of a run (a step is one batch: groups are formed within it) with one of
 * `computeAdvantages`' estimators and writes them back, per-step advantages included when the run has
 * per-step rewards; the per-step advantage statistics are rebuilt.
 * @example assignAdvantages(run, "grpo", { convention: "verl" }) // rows updated
 */
export function assignAdvantages(
  run: RunStore,
  estimator: EstimatorName,
  options: AdvantageOptions = {},
): number {
  const db = run.db;
  const steps = (
    db.prepare("SELECT DISTINCT step FROM rollouts ORDER BY step").all() as { step: number }[]
  ).map((r) => r.step);
  const read = db.prepare("SELECT rid, score, grp, steps FROM rollouts WHERE step = ? ORDER BY rid");
  const write = db.prepare("UPDATE rollouts SET advantage = ?, step_advantages = ? WHERE rid = ?");
  let updated = 0;
  const tx = db.transaction((step: number) => {
    const rows = read.all(step) as {
      rid: number;
      score: number | null;
      grp: string | null;
      steps: string | null;
    }[];
    const stepRewards = rows.map((r) => (r.steps ? (JSON.parse(r.steps) as (number | null)[]) : null));
    const anySteps = stepRewards.some((s) => !!s?.length);
    const res = computeAdvantages({
      estimator,
      rewards: rows.map((r) => r.score),
      groups: rows.map((r) => r.grp),
      ...(anySteps ? { steps: stepRewards } : {}),
      options,
    });
    rows.forEach((r, i) => {
      const sa = res.step_advantages?.[i];
      write.run(res.advantages[i] ?? 0, sa ? JSON.stringify(sa) : null, r.rid);
    });
    updated += rows.length;
    db.prepare("DELETE FROM step_stats WHERE step = ? AND key = 'advantage'").run(step);
    db.prepare(
      `INSERT INTO step_stats(step, key, n, sum, sumsq, min, max)
       SELECT step, 'advantage', count(advantage), total(advantage), total(advantage * advantage), min(advantage), max(advantage)
       FROM rollouts WHERE step = ? AND advantage IS NOT NULL GROUP BY step`,
    ).run(step);
  });
  for (const s of steps) tx(s);
  run.setMeta("advantages", JSON.stringify({ estimator, options }));
  return updated;
}

/**
 * Opens the run in `dir`, assigns advantages and returns a one-line summary (what `rewardkit advantages --run` prints).
 * @example advantagesForRun("runs/a", "grpo", {})
 */
export function advantagesForRun(dir: string, estimator: EstimatorName, options: AdvantageOptions): string {
  const run = RunStore.open(dir);
  try {
    const n = assignAdvantages(run, estimator, options);
    return `advantages: ${n} rollouts of ${dir}, estimator ${estimator}`;
  } finally {
    run.close();
  }
}
