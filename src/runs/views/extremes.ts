import type { ViewRun } from "./context.ts";
import { preview } from "./context.ts";
import { ViewError } from "./samples.ts";

/**
 * View 4 — extremes of one step (default: the last): the top and bottom k by the total reward, by a component or
 * by advantage, and "reward up but verifier failed" — rollouts in the step's top quarter by reward while a
 * verifier component sits at its minimum over the step.
 * @example extremesView(run, { step: 9, by: "c:judge", k: 5 })
 */
export function extremesView(v: ViewRun, q: { step?: unknown; by?: string; k?: unknown }) {
  const db = v.run.db;
  const comps = v.run.components();
  const k = Math.min(50, Math.max(1, Number(q.k) || 10));
  const last = (db.prepare("SELECT max(step) AS s FROM step_stats").get() as { s: number | null }).s;
  const step = q.step === undefined || q.step === "" ? last : Number(q.step);
  if (step === null) return { step: null, by: "score", top: [], bottom: [], verifierFailed: [] };
  let col = "score";
  const by = q.by ?? "score";
  if (by === "advantage") col = "advantage";
  else if (by.startsWith("c:")) {
    const c = comps.find((x) => x.name === by.slice(2));
    if (!c) throw new ViewError(`no component named "${by.slice(2)}"`);
    col = `c${c.col}`;
  } else if (by !== "score") throw new ViewError(`cannot rank by "${by}"`);
  const pick = `SELECT rid, id, grp, completion, score, advantage, length, truncated, error_kind${comps
    .map((c) => `, c${c.col}`)
    .join("")} FROM rollouts`;
  const shape = (r: Record<string, unknown>) => ({
    rid: r.rid,
    id: r.id,
    group: r.grp,
    completion: preview(String(r.completion), 400),
    score: r.score,
    advantage: r.advantage,
    value: r[col],
    length: r.length,
    truncated: r.truncated === 1,
    error: r.error_kind,
    components: Object.fromEntries(comps.map((c) => [c.name, r[`c${c.col}`] as number | null])),
  });
  const top = db
    .prepare(`${pick} WHERE step = ? AND ${col} IS NOT NULL ORDER BY ${col} DESC, rid LIMIT ?`)
    .all(step, k);
  const bottom = db
    .prepare(`${pick} WHERE step = ? AND ${col} IS NOT NULL ORDER BY ${col} ASC, rid LIMIT ?`)
    .all(step, k);
  const verifierFailed: ReturnType<typeof shape>[] = [];
  const n = (db.prepare("SELECT count(score) AS n FROM rollouts WHERE step = ?").get(step) as { n: number })
    .n;
  if (n > 0) {
    const q3 = (
      db
        .prepare(
          "SELECT score FROM rollouts WHERE step = ? AND score IS NOT NULL ORDER BY score DESC LIMIT 1 OFFSET ?",
        )
        .get(step, Math.floor(n / 4)) as { score: number } | undefined
    )?.score;
    for (const c of comps.filter((x) => x.role === "verifier")) {
      const lo = db
        .prepare(`SELECT min(c${c.col}) AS m, max(c${c.col}) AS x FROM rollouts WHERE step = ?`)
        .get(step) as { m: number | null; x: number | null };
      if (lo.m === null || lo.m === lo.x || q3 === undefined) continue;
      for (const r of db
        .prepare(`${pick} WHERE step = ? AND score >= ? AND c${c.col} = ? ORDER BY score DESC, rid LIMIT ?`)
        .all(step, q3, lo.m, k) as Record<string, unknown>[])
        if (verifierFailed.length < k * 2)
          verifierFailed.push({ ...shape(r), failed: c.name } as ReturnType<typeof shape>);
    }
  }
  return {
    step,
    by,
    top: (top as Record<string, unknown>[]).map(shape),
    bottom: (bottom as Record<string, unknown>[]).map(shape),
    verifierFailed,
  };
}
