import type { ViewRun } from "./context.ts";
import { preview } from "./context.ts";

/**
 * View 10 — run compare across checkpoints: both runs' per-step curves, each component's mean over the run in
 * A and B with the difference (which components moved), and for rollouts present in both (same id) at one
 * step, the largest score changes.
 * @example compareView(a, b, { k: 20 }).components
 */
export function compareView(a: ViewRun, b: ViewRun, q: { step?: unknown; k?: unknown }) {
  const curve = (v: ViewRun) => {
    const rows = v.run.db
      .prepare("SELECT step, sum, n FROM step_stats WHERE key = 'score' ORDER BY step")
      .all() as {
      step: number;
      sum: number;
      n: number;
    }[];
    return { steps: rows.map((r) => r.step), score: rows.map((r) => r.sum / r.n) };
  };
  const ca = curve(a);
  const cb = curve(b);
  const compsOf = (v: ViewRun) => v.run.components().map((c) => c.name);
  const overall = (v: ViewRun, key: string) => {
    const r = v.run.db
      .prepare("SELECT total(sum) AS s, total(n) AS n FROM step_stats WHERE key = ?")
      .get(key) as { s: number; n: number };
    return r.n ? r.s / r.n : null;
  };
  const names = [...new Set([...compsOf(a), ...compsOf(b)])];
  const components = ["score", ...names].map((name) => {
    const key = name === "score" ? "score" : `c:${name}`;
    const ma = overall(a, key);
    const mb = overall(b, key);
    return { name, a: ma, b: mb, delta: ma !== null && mb !== null ? mb - ma : null };
  });
  const k = Math.min(100, Math.max(1, Number(q.k) || 20));
  const step = q.step === undefined || q.step === "" ? ca.steps.at(-1) : Number(q.step);
  let moved: Record<string, unknown>[] = [];
  if (step !== undefined) {
    // scores first (ids and numbers only), completions only for the k that moved most
    const rows = a.run.db
      .prepare("SELECT id, score FROM rollouts WHERE step = ? AND score IS NOT NULL LIMIT 20000")
      .all(step) as { id: string; score: number }[];
    const look = b.run.db.prepare("SELECT score FROM rollouts WHERE id = ? LIMIT 1").pluck();
    const text = (v: ViewRun) =>
      v.run.db.prepare("SELECT completion FROM rollouts WHERE id = ? LIMIT 1").pluck();
    const ta = text(a);
    const tb = text(b);
    moved = rows
      .map((r) => {
        const o = look.get(r.id) as number | null | undefined;
        return typeof o === "number" ? { id: r.id, a: r.score, b: o, delta: o - r.score } : null;
      })
      .filter((x): x is NonNullable<typeof x> => x !== null)
      .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.id < y.id ? -1 : 1))
      .slice(0, k)
      .map((m) => ({
        ...m,
        completionA: preview(String(ta.get(m.id) ?? ""), 200),
        completionB: preview(String(tb.get(m.id) ?? ""), 200),
      }));
  }
  return {
    a: { key: a.key, steps: ca.steps, score: ca.score },
    b: { key: b.key, steps: cb.steps, score: cb.score },
    components,
    step: step ?? null,
    moved,
  };
}
