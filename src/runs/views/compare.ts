import { curvesView } from "./curves.ts";
import type { ViewRun } from "./context.ts";
import { preview } from "./context.ts";

/**
 * View 10 — run compare across checkpoints: both runs' per-step curves, each component's mean over the run in
 * A and B with the difference (which components moved), and for rollouts present in both (same id) at one
 * step, the largest score changes.
 * @example compareView(a, b, { k: 20 }).components
 */
export function compareView(a: ViewRun, b: ViewRun, q: { step?: unknown; k?: unknown }) {
  const ca = curvesView(a);
  const cb = curvesView(b);
  const overall = (v: ViewRun, key: string) => {
    const r = v.run.db
      .prepare("SELECT total(sum) AS s, total(n) AS n FROM step_stats WHERE key = ?")
      .get(key) as { s: number; n: number };
    return r.n ? r.s / r.n : null;
  };
  const names = [...new Set([...ca.components.map((c) => c.name), ...cb.components.map((c) => c.name)])];
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
    const rows = a.run.db
      .prepare("SELECT id, score, completion FROM rollouts WHERE step = ? LIMIT 20000")
      .all(step) as {
      id: string;
      score: number | null;
      completion: string;
    }[];
    const look = b.run.db.prepare("SELECT score, completion FROM rollouts WHERE id = ? LIMIT 1");
    moved = rows
      .map((r) => {
        const o = look.get(r.id) as { score: number | null; completion: string } | undefined;
        if (!o || r.score === null || o.score === null) return null;
        return {
          id: r.id,
          a: r.score,
          b: o.score,
          delta: o.score - r.score,
          completionA: preview(r.completion, 200),
          completionB: preview(o.completion, 200),
        };
      })
      .filter((x): x is NonNullable<typeof x> => x !== null)
      .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.id < y.id ? -1 : 1))
      .slice(0, k);
  }
  return {
    a: { key: a.key, steps: ca.steps, score: ca.score.mean },
    b: { key: b.key, steps: cb.steps, score: cb.score.mean },
    components,
    step: step ?? null,
    moved,
  };
}
