import type { RescoreSummary } from "../rescore.ts";
import type { ViewRun } from "./context.ts";
import { pageOf, preview } from "./context.ts";

/**
 * View 8 — spec diff: the run's re-scores (`rewardkit runs rescore`), and for one of them a page of rollouts
 * with both scores and the delta — the flips across the threshold (`flips=up|down|all`) or the largest moves.
 * @example specDiffView(run, { name: "strict", flips: "down" })
 */
export function specDiffView(
  v: ViewRun,
  q: { name?: string; flips?: string; offset?: unknown; limit?: unknown },
) {
  const db = v.run.db;
  const list = (
    db.prepare("SELECT name, summary FROM rescores ORDER BY created DESC").all() as {
      name: string;
      summary: string;
    }[]
  ).map((r) => JSON.parse(r.summary) as RescoreSummary);
  const name = q.name ?? list[0]?.name;
  const summary = list.find((s) => s.name === name);
  if (!summary) return { rescores: list, summary: null, rows: [], total: 0 };
  const { offset, limit } = pageOf(q.offset, q.limit);
  const flips = q.flips ?? "all";
  // Each mode reads an index in order (name, flip, delta) or (name, |delta|): no sort over the whole re-score.
  const [cond, order] =
    flips === "up"
      ? ["s.flip = 1", "s.flip DESC, s.delta DESC"]
      : flips === "down"
        ? ["s.flip = -1", "s.flip ASC, s.delta ASC"]
        : flips === "none"
          ? ["abs(s.delta) IS NOT NULL", "abs(s.delta) DESC"]
          : ["s.flip IN (1, -1)", "s.flip DESC, s.delta DESC"];
  const rows = db
    .prepare(
      `SELECT r.rid, r.id, r.step, r.completion, r.score AS a, s.score AS b, s.delta, s.flip, s.error_kind
       FROM rescore_scores s JOIN rollouts r ON r.rid = s.rid
       WHERE s.name = ? AND ${cond} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(name, limit, offset) as Record<string, unknown>[];
  const total =
    flips === "up"
      ? summary.flips_up
      : flips === "down"
        ? summary.flips_down
        : flips === "none"
          ? summary.paired
          : summary.flips_up + summary.flips_down;
  return {
    rescores: list,
    summary,
    total,
    rows: rows.map((r) => ({ ...r, completion: preview(String(r.completion), 400) })),
  };
}
