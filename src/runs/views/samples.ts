import type { ViewRun } from "./context.ts";
import { pageOf, preview } from "./context.ts";

/** Query of the sample table (view 2); every field is optional. */
export interface SampleQuery {
  offset?: unknown;
  limit?: unknown;
  /** `score`, `length`, `advantage`, `step`, `id` or `c:<component>`. */
  sort?: string;
  order?: string;
  step?: unknown;
  /** Text searched in prompt and completion. */
  q?: string;
  /** `any`, `none`, or an error kind. */
  error?: string;
  /** Only rows where this component is set, within [min, max]. */
  component?: string;
  min?: unknown;
  max?: unknown;
  minLength?: unknown;
  maxLength?: unknown;
  truncated?: string;
  group?: string;
  /** Explicit sample ids (an alarm's samples). */
  ids?: string[];
}

/** Rollouts a text search without a step looks through (the latest ones). */
export const SEARCH_WINDOW = 25_000;

/** Most rows counted for a filtered total; beyond it the total reads "at least". */
export const COUNT_CAP = 100_000;

const finite = (x: unknown) =>
  x === undefined || x === "" || x === null ? undefined : Number.isFinite(Number(x)) ? Number(x) : undefined;

/**
 * View 2 — the sample table: filter (step, text, error, component range, length, truncation, group, ids), sort
 * on any column and page (≤ 200 rows). Every filter is a bound SQL parameter; the total is counted up to
 * `COUNT_CAP` so a filter over a million rows still answers quickly.
 * @example samplesView(run, { sort: "c:judge", order: "desc", error: "none", limit: 50 })
 */
export function samplesView(v: ViewRun, q: SampleQuery) {
  const comps = v.run.components();
  const where: string[] = [];
  const args: unknown[] = [];
  const step = finite(q.step);
  if (step !== undefined) {
    where.push("step = ?");
    args.push(step);
  }
  let searchedFrom: number | null = null;
  if (q.q) {
    // A text search scans rows; without a step it is bounded to the latest SEARCH_WINDOW rollouts.
    if (step === undefined) {
      searchedFrom = Math.max(0, v.run.lastRowId() - SEARCH_WINDOW);
      where.push("rid > ?");
      args.push(searchedFrom);
    }
    where.push("(completion LIKE ? ESCAPE '\\' OR prompt LIKE ? ESCAPE '\\')");
    const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    args.push(like, like);
  }
  if (q.error === "any") where.push("error_kind IS NOT NULL");
  else if (q.error === "none") where.push("error_kind IS NULL");
  else if (q.error) {
    where.push("error_kind = ?");
    args.push(q.error);
  }
  const comp = q.component ? comps.find((c) => c.name === q.component) : undefined;
  if (q.component && !comp) throw new ViewError(`no component named "${q.component}"`);
  if (comp) {
    where.push(`c${comp.col} IS NOT NULL`);
    const lo = finite(q.min);
    const hi = finite(q.max);
    if (lo !== undefined) {
      where.push(`c${comp.col} >= ?`);
      args.push(lo);
    }
    if (hi !== undefined) {
      where.push(`c${comp.col} <= ?`);
      args.push(hi);
    }
  }
  const minL = finite(q.minLength);
  const maxL = finite(q.maxLength);
  if (minL !== undefined) {
    where.push("length >= ?");
    args.push(minL);
  }
  if (maxL !== undefined) {
    where.push("length <= ?");
    args.push(maxL);
  }
  if (q.truncated === "1" || q.truncated === "true") where.push("truncated = 1");
  if (q.truncated === "0" || q.truncated === "false") where.push("truncated = 0");
  if (q.group) {
    where.push("grp = ?");
    args.push(q.group);
  }
  if (q.ids) {
    const ids = q.ids.slice(0, 1000);
    where.push(`id IN (${ids.map(() => "?").join(",")})`);
    args.push(...ids);
  }
  const sortCol = sortColumn(q.sort ?? "rid", comps);
  const order = q.order === "asc" ? "ASC" : "DESC";
  const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const { offset, limit } = pageOf(q.offset, q.limit);
  const db = v.run.db;
  const rows = db
    .prepare(
      `SELECT rid, id, step, grp, prompt, completion, score, error_kind, error_message, advantage, length, truncated${comps
        .map((c) => `, c${c.col}`)
        .join("")} FROM rollouts ${w} ORDER BY ${sortCol} ${order}, rid ${order} LIMIT ? OFFSET ?`,
    )
    .all(...args, limit, offset) as Record<string, unknown>[];
  const counted =
    statsCount(v, q, step) ??
    (w
      ? (
          db
            .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM rollouts ${w} LIMIT ${COUNT_CAP + 1})`)
            .get(...args) as { n: number }
        ).n
      : v.run.count());
  return {
    total: Math.min(counted, COUNT_CAP),
    totalIsLowerBound: counted > COUNT_CAP,
    /** Set when a text search covered only rollouts after this row id (pick a step to search older ones). */
    searchedAfterRid: searchedFrom !== null && searchedFrom > 0 ? searchedFrom : null,
    offset,
    limit,
    components: comps.map((c) => c.name),
    rows: rows.map((r) => ({
      rid: r.rid,
      id: r.id,
      step: r.step,
      group: r.grp,
      prompt: preview(String(r.prompt), 300),
      completion: preview(String(r.completion)),
      score: r.score,
      error: r.error_kind ? { kind: r.error_kind, message: r.error_message } : null,
      advantage: r.advantage,
      length: r.length,
      truncated: r.truncated === 1,
      components: Object.fromEntries(comps.map((c) => [c.name, r[`c${c.col}`] as number | null])),
    })),
  };
}

/** The total of a step/error-only filter, read from the per-step statistics (no row scan); undefined otherwise. */
function statsCount(v: ViewRun, q: SampleQuery, step: number | undefined): number | undefined {
  const others = [q.q, q.component, q.minLength, q.maxLength, q.truncated, q.group, q.ids].some(
    (x) => x !== undefined && x !== "",
  );
  if (others || !q.error) return undefined;
  const where = step !== undefined ? "AND step = ?" : "";
  const args = step !== undefined ? [step] : [];
  const sum = (key: string) =>
    (
      v.run.db.prepare(`SELECT total(n) AS n FROM step_stats WHERE key ${key} ${where}`).get(...args) as {
        n: number;
      }
    ).n;
  const errors = sum("LIKE 'err:%'");
  if (q.error === "any") return errors;
  if (q.error === "none") return sum("= 'rows'") - errors;
  return (
    v.run.db
      .prepare(`SELECT total(n) AS n FROM step_stats WHERE key = ? ${where}`)
      .get(`err:${q.error}`, ...args) as {
      n: number;
    }
  ).n;
}

function sortColumn(sort: string, comps: { name: string; col: number }[]): string {
  if (["rid", "score", "length", "advantage", "step", "id"].includes(sort)) return sort;
  if (sort.startsWith("c:")) {
    const c = comps.find((x) => x.name === sort.slice(2));
    if (c) return `c${c.col}`;
  }
  throw new ViewError(`cannot sort by "${sort}"`);
}

/** A bad view request (the API answers 400 with the message). */
export class ViewError extends Error {}

/**
 * One sample in full: texts, reference, components, per-step rewards and advantages, and stored extras.
 * @example sampleView(run, 42)
 */
export function sampleView(v: ViewRun, rid: number) {
  const comps = v.run.components();
  const r = v.run.db.prepare("SELECT * FROM rollouts WHERE rid = ?").get(rid) as
    | Record<string, unknown>
    | undefined;
  if (!r) return undefined;
  const parse = (x: unknown) => (typeof x === "string" ? JSON.parse(x) : null);
  return {
    rid: r.rid,
    id: r.id,
    step: r.step,
    group: r.grp,
    prompt: r.prompt,
    completion: r.completion,
    reference: parse(r.reference),
    score: r.score,
    error: r.error_kind ? { kind: r.error_kind, message: r.error_message } : null,
    advantage: r.advantage,
    length: r.length,
    truncated: r.truncated === 1,
    latency_ms: r.latency_ms,
    tokens: r.tokens,
    cache_hit: r.cache_hit === null ? null : r.cache_hit === 1,
    steps: parse(r.steps),
    step_advantages: parse(r.step_advantages),
    extra: parse(r.extra),
    components: Object.fromEntries(comps.map((c) => [c.name, r[`c${c.col}`] as number | null])),
  };
}
