import type { RunStore, StoredComponent } from "./store.ts";

/** A component's values across a run (NaN = null). */
export interface ComponentColumn extends StoredComponent {
  values: Float64Array;
}

/**
 * The numeric columns of a run in memory, row-aligned and ordered by row id: what the monitors and the
 * scatter/group views scan (a typed-array pass over 1M rows takes milliseconds; the SQL scan takes a second).
 * Nulls are NaN; `error` and `group` are indexes into `errorKinds` and `groups` (−1 = none).
 */
export interface RunColumns {
  n: number;
  rid: Float64Array;
  id: string[];
  step: Int32Array;
  group: Int32Array;
  groups: string[];
  score: Float64Array;
  length: Float64Array;
  truncated: Uint8Array;
  advantage: Float64Array;
  error: Int16Array;
  errorKinds: string[];
  components: ComponentColumn[];
  /** Distinct steps, ascending. */
  steps: number[];
  /** Row indexes of each step, aligned with `steps`. */
  rowsOfStep: Int32Array[];
}

/**
 * Reads a run's numeric columns into typed arrays.
 * @example const cols = loadColumns(run); cols.score[0]
 */
export function loadColumns(run: RunStore): RunColumns {
  const comps = run.components();
  const n = (run.db.prepare("SELECT count(*) AS n FROM rollouts").get() as { n: number }).n;
  const c: RunColumns = {
    n,
    rid: new Float64Array(n),
    id: new Array(n),
    step: new Int32Array(n),
    group: new Int32Array(n),
    groups: [],
    score: new Float64Array(n),
    length: new Float64Array(n),
    truncated: new Uint8Array(n),
    advantage: new Float64Array(n),
    error: new Int16Array(n),
    errorKinds: [],
    components: comps.map((k) => ({ ...k, values: new Float64Array(n) })),
    steps: [],
    rowsOfStep: [],
  };
  const groupIx = new Map<string, number>();
  const errIx = new Map<string, number>();
  const sql = `SELECT rid, id, step, grp, score, length, truncated, advantage, error_kind${comps
    .map((k) => `, c${k.col}`)
    .join("")} FROM rollouts ORDER BY rid`;
  let i = 0;
  for (const row of run.db.prepare(sql).raw().iterate() as Iterable<unknown[]>) {
    if (i >= n) break;
    c.rid[i] = row[0] as number;
    c.id[i] = row[1] as string;
    c.step[i] = row[2] as number;
    const g = row[3] as string | null;
    if (g === null) c.group[i] = -1;
    else {
      let gi = groupIx.get(g);
      if (gi === undefined) {
        gi = c.groups.length;
        c.groups.push(g);
        groupIx.set(g, gi);
      }
      c.group[i] = gi;
    }
    c.score[i] = row[4] === null ? Number.NaN : (row[4] as number);
    c.length[i] = row[5] as number;
    c.truncated[i] = row[6] as number;
    c.advantage[i] = row[7] === null ? Number.NaN : (row[7] as number);
    const e = row[8] as string | null;
    if (e === null) c.error[i] = -1;
    else {
      let ei = errIx.get(e);
      if (ei === undefined) {
        ei = c.errorKinds.length;
        c.errorKinds.push(e);
        errIx.set(e, ei);
      }
      c.error[i] = ei;
    }
    for (let k = 0; k < comps.length; k++) {
      const v = row[9 + k];
      c.components[k]!.values[i] = v === null ? Number.NaN : (v as number);
    }
    i++;
  }
  c.n = i;
  indexSteps(c);
  return c;
}

/** Fills `steps` and `rowsOfStep` (a counting pass; rows keep their order within a step). */
export function indexSteps(c: RunColumns): void {
  const counts = new Map<number, number>();
  for (let i = 0; i < c.n; i++) counts.set(c.step[i]!, (counts.get(c.step[i]!) ?? 0) + 1);
  c.steps = [...counts.keys()].sort((a, b) => a - b);
  const pos = new Map<number, number>();
  c.rowsOfStep = c.steps.map((s, k) => {
    pos.set(s, k);
    return new Int32Array(counts.get(s)!);
  });
  const fill = new Int32Array(c.steps.length);
  for (let i = 0; i < c.n; i++) {
    const k = pos.get(c.step[i]!)!;
    c.rowsOfStep[k]![fill[k]!++] = i;
  }
}
