import type { ViewRun } from "./context.ts";
import { pageOf, preview } from "./context.ts";

/** Mean and unbiased std (torch.std's default, which GRPO uses) of the non-null values. */
function meanStd(xs: number[]): { mean: number | null; std: number | null } {
  if (!xs.length) return { mean: null, std: null };
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (xs.length < 2) return { mean: m, std: null };
  return { mean: m, std: Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1)) };
}

/**
 * View 3, index — the GRPO groups of one step (default: the last), each with its size, reward mean/std, and
 * zero-variance and truncation flags; zero-variance groups first, then by std ascending, groups of one last.
 * @example groupsView(run, { step: 3 }).groups[0].zeroVariance
 */
export function groupsView(v: ViewRun, q: { step?: unknown; offset?: unknown; limit?: unknown }) {
  const all = v.memo(`groups\u0000${q.step ?? ""}`, () => groupsOf(v, q.step));
  const { offset, limit } = pageOf(q.offset, q.limit);
  return { ...all, groups: all.groups.slice(offset, offset + limit) };
}

function groupsOf(v: ViewRun, stepParam: unknown) {
  const cols = v.cols();
  if (!cols.steps.length) return { step: null, steps: [], total: 0, groups: [] };
  const want = stepParam === undefined || stepParam === "" ? cols.steps.at(-1)! : Number(stepParam);
  const k = cols.steps.indexOf(want);
  const byGroup = new Map<number, number[]>();
  for (const i of k >= 0 ? cols.rowsOfStep[k]! : []) {
    const g = cols.group[i]!;
    if (g < 0) continue;
    let a = byGroup.get(g);
    if (!a) byGroup.set(g, (a = []));
    a.push(i);
  }
  const groups = [...byGroup].map(([g, rows]) => {
    const scores = rows.map((i) => cols.score[i]!).filter((x) => !Number.isNaN(x));
    const { mean, std } = meanStd(scores);
    return {
      group: cols.groups[g]!,
      size: rows.length,
      scored: scores.length,
      mean,
      std,
      zeroVariance: scores.length > 1 && scores.every((x) => x === scores[0]),
      truncated: rows.reduce((a, i) => a + cols.truncated[i]!, 0),
    };
  });
  groups.sort(
    (a, b) =>
      Number(b.zeroVariance) - Number(a.zeroVariance) ||
      (a.std ?? 0) - (b.std ?? 0) ||
      (a.group < b.group ? -1 : 1),
  );
  return {
    step: want,
    steps: cols.steps.length > 2000 ? [cols.steps[0]!, cols.steps.at(-1)!] : cols.steps,
    total: groups.length,
    zeroVarianceGroups: groups.filter((g) => g.zeroVariance).length,
    groups,
  };
}

/**
 * View 3 — one GRPO group side by side: every completion with its reward, components, stored advantage,
 * length and truncation, and the group's reward mean and std. Rows are ordered by reward.
 * @example groupView(run, "q000", 0).rows.map((r) => r.advantage)
 */
export function groupView(v: ViewRun, group: string, step?: unknown) {
  const comps = v.run.components();
  const hasStep = step !== undefined && step !== "";
  const rows = v.run.db
    .prepare(
      `SELECT rid, id, step, completion, score, error_kind, advantage, length, truncated${comps
        .map((c) => `, c${c.col}`)
        .join(
          "",
        )} FROM rollouts WHERE grp = ? ${hasStep ? "AND step = ?" : ""} ORDER BY step, score IS NULL, score DESC, rid LIMIT 512`,
    )
    .all(...(hasStep ? [group, Number(step)] : [group])) as Record<string, unknown>[];
  const scores = rows.map((r) => r.score).filter((x): x is number => typeof x === "number");
  const { mean, std } = meanStd(scores);
  return {
    group,
    step: rows[0]?.step ?? null,
    size: rows.length,
    mean,
    std,
    zeroVariance: scores.length > 1 && scores.every((x) => x === scores[0]),
    truncated: rows.filter((r) => r.truncated === 1).length,
    components: comps.map((c) => c.name),
    rows: rows.map((r) => ({
      rid: r.rid,
      id: r.id,
      completion: preview(String(r.completion), 1200),
      score: r.score,
      error: r.error_kind,
      advantage: r.advantage,
      length: r.length,
      truncated: r.truncated === 1,
      components: Object.fromEntries(comps.map((c) => [c.name, r[`c${c.col}`] as number | null])),
    })),
  };
}
