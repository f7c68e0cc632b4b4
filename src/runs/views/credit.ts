import type { ViewRun } from "./context.ts";
import { pageOf, preview } from "./context.ts";

/** Most steps (turns, reasoning steps) a heatmap row shows. */
export const MAX_CREDIT_STEPS = 128;

/**
 * View 9 — per-step credit: for rollouts of one training step that carry dense rewards, the per-step (per-turn)
 * rewards and per-step advantages as heatmap rows, with the outcome reward and advantage alongside.
 * @example creditView(run, { step: 3 }).rows[0].stepRewards
 */
export function creditView(v: ViewRun, q: { step?: unknown; offset?: unknown; limit?: unknown }) {
  const db = v.run.db;
  const last = (
    db.prepare("SELECT max(step) AS s FROM rollouts WHERE steps IS NOT NULL").get() as { s: number | null }
  ).s;
  const step = q.step === undefined || q.step === "" ? last : Number(q.step);
  const { offset, limit } = pageOf(q.offset, q.limit, 40);
  if (step === null) return { step: null, rows: [] };
  const rows = db
    .prepare(
      "SELECT rid, id, grp, completion, score, advantage, steps, step_advantages FROM rollouts WHERE step = ? AND steps IS NOT NULL ORDER BY grp, rid LIMIT ? OFFSET ?",
    )
    .all(step, limit, offset) as Record<string, unknown>[];
  const cut = (s: unknown) =>
    typeof s === "string" ? (JSON.parse(s) as (number | null)[]).slice(0, MAX_CREDIT_STEPS) : null;
  return {
    step,
    rows: rows.map((r) => ({
      rid: r.rid,
      id: r.id,
      group: r.grp,
      completion: preview(String(r.completion), 200),
      score: r.score,
      advantage: r.advantage,
      stepRewards: cut(r.steps),
      stepAdvantages: cut(r.step_advantages),
    })),
  };
}
