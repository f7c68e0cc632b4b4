import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { RunRecord } from "./record.ts";
import { type ComponentInfo, componentsOfSpec, specHash } from "./spec-info.ts";

/** The file a run directory holds. */
export const RUN_FILE = "run.sqlite";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS components (col INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, weight REAL,
  role TEXT NOT NULL DEFAULT 'verifier');
CREATE TABLE IF NOT EXISTS rollouts (
  rid INTEGER PRIMARY KEY, id TEXT NOT NULL, step INTEGER NOT NULL, grp TEXT,
  prompt TEXT NOT NULL, completion TEXT NOT NULL, reference TEXT,
  score REAL, error_kind TEXT, error_message TEXT, advantage REAL,
  length INTEGER NOT NULL, truncated INTEGER NOT NULL DEFAULT 0,
  latency_ms REAL, tokens INTEGER, cache_hit INTEGER,
  steps TEXT, step_advantages TEXT, extra TEXT);
CREATE TABLE IF NOT EXISTS step_stats (step INTEGER NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,
  sum REAL NOT NULL, sumsq REAL NOT NULL, min REAL, max REAL, PRIMARY KEY (step, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rescores (name TEXT PRIMARY KEY, spec TEXT NOT NULL, spec_hash TEXT NOT NULL,
  threshold REAL NOT NULL, created TEXT NOT NULL, summary TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rescore_scores (name TEXT NOT NULL, rid INTEGER NOT NULL, score REAL,
  error_kind TEXT, delta REAL, flip INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (name, rid)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rescore_flip ON rescore_scores(name, flip, delta);
CREATE INDEX IF NOT EXISTS rescore_move ON rescore_scores(name, abs(delta));
`;

const INDEXES = `
CREATE INDEX IF NOT EXISTS rollouts_step_score ON rollouts(step, score);
CREATE INDEX IF NOT EXISTS rollouts_grp ON rollouts(grp, step);
CREATE INDEX IF NOT EXISTS rollouts_score ON rollouts(score);
CREATE INDEX IF NOT EXISTS rollouts_length ON rollouts(length);
CREATE INDEX IF NOT EXISTS rollouts_id ON rollouts(id);
CREATE INDEX IF NOT EXISTS rollouts_error ON rollouts(error_kind) WHERE error_kind IS NOT NULL;
`;

const INSERT_COLS = [
  "id",
  "step",
  "grp",
  "prompt",
  "completion",
  "reference",
  "score",
  "error_kind",
  "error_message",
  "advantage",
  "length",
  "truncated",
  "latency_ms",
  "tokens",
  "cache_hit",
  "steps",
  "step_advantages",
  "extra",
];

/** A component as stored: its info plus the column that holds it (`c<col>`). */
export interface StoredComponent extends ComponentInfo {
  col: number;
}

/** Rows per INSERT statement during ingest (22+ columns each; far below SQLite's 32,766-parameter limit). */
const ROWS_PER_INSERT = 32;

/** The per-step statistics every run keeps, in accumulator order (components follow as `c:<name>`). */
export const BASE_KEYS = [
  "rows",
  "score",
  "null",
  "length",
  "truncated",
  "advantage",
  "latency",
  "tokens",
  "cache_hit",
];
const [K_ROWS, K_SCORE, K_NULL, K_LENGTH, K_TRUNCATED, K_ADVANTAGE, K_LATENCY, K_TOKENS, K_CACHE] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8,
] as const;

/** Per-step running sums of one quantity (score, a component, length, an error kind, ...). */
interface Acc {
  n: number;
  sum: number;
  sumsq: number;
  min: number;
  max: number;
}

/** Options of `RunStore.create`. */
export interface CreateRunOptions {
  name?: string;
  /** Where the rollouts came from (`score`, `serve`, `import:trl`, ...). */
  source?: string;
  /** Build the indexes now (for writers that append while others read) rather than at `finish()`. */
  indexed?: boolean;
}

const json = (x: unknown): string | null => (x === undefined || x === null ? null : JSON.stringify(x));

/**
 * A run: one SQLite file of scored rollouts (one row each, one column per reward component), the spec and its
 * hash, per-step running statistics kept at ingest (so curves never scan rollouts), and re-scores.
 * @example const run = RunStore.create("runs/a", { source: "score" }); run.append(records); run.finish(); run.close();
 */
export class RunStore {
  readonly db: Database.Database;
  readonly dir: string;
  private comps = new Map<string, StoredComponent>();
  /** Multi-row INSERT statements by row count (one statement per ROWS_PER_INSERT rows halves the per-row cost). */
  private inserts = new Map<number, Database.Statement>();
  private insertCols: string[] | undefined;
  private upsertStat: Database.Statement | undefined;

  private constructor(dir: string, db: Database.Database) {
    this.dir = dir;
    this.db = db;
    for (const c of db
      .prepare("SELECT col, name, weight, role FROM components ORDER BY col")
      .all() as StoredComponent[])
      this.comps.set(c.name, c);
  }

  /** Creates (or reopens for appending) the run in `dir`. */
  static create(dir: string, o: CreateRunOptions = {}): RunStore {
    mkdirSync(dir, { recursive: true });
    const db = new Database(join(dir, RUN_FILE));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("cache_size = -65536");
    db.exec(SCHEMA);
    const run = new RunStore(dir, db);
    if (!run.getMeta("created")) run.setMeta("created", new Date().toISOString());
    if (o.name) run.setMeta("name", o.name);
    if (o.source) run.setMeta("source", o.source);
    if (o.indexed) db.exec(INDEXES);
    return run;
  }

  /** Opens an existing run; throws with the path when `dir` holds none. */
  static open(dir: string): RunStore {
    const file = join(dir, RUN_FILE);
    if (!existsSync(file)) throw new Error(`${dir}: not a run (no ${RUN_FILE})`);
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("cache_size = -65536");
    db.exec(SCHEMA);
    const run = new RunStore(dir, db);
    run.finish();
    return run;
  }

  /** True when `dir` holds a run. */
  static isRun(dir: string): boolean {
    return existsSync(join(dir, RUN_FILE));
  }

  getMeta(key: string): string | undefined {
    return (this.db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined)
      ?.value;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(key, value);
  }

  /** Records the spec the rollouts were scored with, its hash and its components' weights and roles. */
  setSpec(spec: { name?: string; reward?: unknown }): void {
    this.setMeta("spec", JSON.stringify(spec));
    this.setMeta("spec_hash", specHash(spec));
    if (spec.name && !this.getMeta("name")) this.setMeta("name", spec.name);
    for (const c of componentsOfSpec(spec.reward)) {
      const s = this.ensureComponent(c.name);
      this.db
        .prepare("UPDATE components SET weight = ?, role = ? WHERE col = ?")
        .run(c.weight, c.role, s.col);
      s.weight = c.weight;
      s.role = c.role;
    }
  }

  /** Sets a component's role (for imported runs whose spec is unknown). */
  setRole(name: string, role: ComponentInfo["role"], weight?: number | null): void {
    const s = this.ensureComponent(name);
    s.role = role;
    if (weight !== undefined) s.weight = weight;
    this.db.prepare("UPDATE components SET weight = ?, role = ? WHERE col = ?").run(s.weight, role, s.col);
  }

  /** Components in column order. */
  components(): StoredComponent[] {
    return [...this.comps.values()].sort((a, b) => a.col - b.col);
  }

  private ensureComponent(name: string): StoredComponent {
    let c = this.comps.get(name);
    if (c) return c;
    const col = this.comps.size;
    this.db
      .prepare("INSERT INTO components(col, name, weight, role) VALUES (?, ?, NULL, 'verifier')")
      .run(col, name);
    this.db.exec(`ALTER TABLE rollouts ADD COLUMN c${col} REAL`);
    c = { col, name, weight: null, role: "verifier" };
    this.comps.set(name, c);
    this.inserts.clear();
    this.insertCols = undefined;
    return c;
  }

  /**
   * Appends records in one transaction and folds them into the per-step statistics.
   * Returns the row ids given to them.
   */
  append(records: readonly RunRecord[]): number[] {
    for (const r of records) for (const k in r.components) if (!this.comps.has(k)) this.ensureComponent(k);
    const comps = this.components();
    this.insertCols ??= [...INSERT_COLS, ...comps.map((c) => `c${c.col}`)];
    const cols = this.insertCols;
    const insertFor = (rows: number) => {
      let st = this.inserts.get(rows);
      if (!st) {
        const one = `(${cols.map(() => "?").join(",")})`;
        st = this.db.prepare(
          `INSERT INTO rollouts(${cols.join(",")}) VALUES ${Array(rows).fill(one).join(",")}`,
        );
        this.inserts.set(rows, st);
      }
      return st;
    };
    this.upsertStat ??= this.db.prepare(
      `INSERT INTO step_stats(step, key, n, sum, sumsq, min, max) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(step, key) DO UPDATE SET n = n + excluded.n, sum = sum + excluded.sum,
       sumsq = sumsq + excluded.sumsq, min = min(min, excluded.min), max = max(max, excluded.max)`,
    );
    // Per step, one accumulator per fixed key (no string keys per row); error kinds are rare, keyed by name.
    const keys = [...BASE_KEYS, ...comps.map((c) => `c:${c.name}`)];
    const stats = new Map<number, { acc: Acc[]; errors: Map<string, number> }>();
    const forStep = (step: number) => {
      let s = stats.get(step);
      if (!s) {
        s = {
          acc: keys.map(() => ({ n: 0, sum: 0, sumsq: 0, min: Infinity, max: -Infinity })),
          errors: new Map(),
        };
        stats.set(step, s);
      }
      return s;
    };
    const add = (acc: Acc[], k: number, v: number) => {
      const a = acc[k]!;
      a.n++;
      a.sum += v;
      a.sumsq += v * v;
      if (v < a.min) a.min = v;
      if (v > a.max) a.max = v;
    };
    const ids: number[] = [];
    const W = cols.length;
    const buf: unknown[] = new Array(W * ROWS_PER_INSERT);
    let pending = 0;
    const flush = () => {
      if (!pending) return;
      const st = insertFor(pending);
      const last = Number(
        st.run(pending === ROWS_PER_INSERT ? buf : buf.slice(0, pending * W)).lastInsertRowid,
      );
      for (let k = pending - 1; k >= 0; k--) ids.push(last - k);
      pending = 0;
    };
    const tx = this.db.transaction(() => {
      for (const r of records) {
        const o = pending * W;
        buf[o + 0] = r.id;
        buf[o + 1] = r.step;
        buf[o + 2] = r.group;
        buf[o + 3] = r.prompt;
        buf[o + 4] = r.completion;
        buf[o + 5] = json(r.reference);
        buf[o + 6] = r.score;
        buf[o + 7] = r.error?.kind ?? null;
        buf[o + 8] = r.error?.message ?? null;
        buf[o + 9] = r.advantage ?? null;
        buf[o + 10] = r.length;
        buf[o + 11] = r.truncated ? 1 : 0;
        buf[o + 12] = r.latency_ms ?? null;
        buf[o + 13] = r.tokens ?? null;
        buf[o + 14] = r.cache_hit === null || r.cache_hit === undefined ? null : r.cache_hit ? 1 : 0;
        buf[o + 15] = r.steps ? JSON.stringify(r.steps) : null;
        buf[o + 16] = r.step_advantages ? JSON.stringify(r.step_advantages) : null;
        buf[o + 17] = r.extra ? JSON.stringify(r.extra) : null;
        for (let i = 0; i < comps.length; i++) {
          const v = r.components[comps[i]!.name];
          buf[o + INSERT_COLS.length + i] = typeof v === "number" && Number.isFinite(v) ? v : null;
        }
        const st = forStep(r.step);
        const acc = st.acc;
        add(acc, K_ROWS, 1);
        if (r.score !== null) add(acc, K_SCORE, r.score);
        else add(acc, K_NULL, 1);
        if (r.error) st.errors.set(r.error.kind, (st.errors.get(r.error.kind) ?? 0) + 1);
        add(acc, K_LENGTH, r.length);
        add(acc, K_TRUNCATED, r.truncated ? 1 : 0);
        if (typeof r.advantage === "number") add(acc, K_ADVANTAGE, r.advantage);
        if (typeof r.latency_ms === "number") add(acc, K_LATENCY, r.latency_ms);
        if (typeof r.tokens === "number") add(acc, K_TOKENS, r.tokens);
        if (typeof r.cache_hit === "boolean") add(acc, K_CACHE, r.cache_hit ? 1 : 0);
        for (let i = 0; i < comps.length; i++) {
          const v = buf[o + INSERT_COLS.length + i];
          if (typeof v === "number") add(acc, BASE_KEYS.length + i, v);
        }
        if (++pending === ROWS_PER_INSERT) flush();
      }
      flush();
      const up = this.upsertStat!;
      for (const [step, st] of stats) {
        st.acc.forEach((a, k) => {
          if (a.n > 0) up.run(step, keys[k], a.n, a.sum, a.sumsq, a.min, a.max);
        });
        for (const [kind, n] of st.errors) up.run(step, `err:${kind}`, n, n, n, 1, 1);
      }
    });
    tx();
    return ids;
  }

  /** Number of rollouts in the run (from the per-step statistics: no table scan). */
  count(): number {
    return (this.db.prepare("SELECT total(n) AS n FROM step_stats WHERE key = 'rows'").get() as { n: number })
      .n;
  }

  /** The last row id: changes whenever rollouts are appended (a cheap "has the run grown" check). */
  lastRowId(): number {
    return (this.db.prepare("SELECT max(rid) AS r FROM rollouts").get() as { r: number | null }).r ?? 0;
  }

  /** Builds the indexes the views use (after a bulk ingest) and refreshes the planner's statistics. */
  finish(): void {
    this.db.exec(INDEXES);
    // one index per component column, so sorting and range filters on a component never scan the table
    for (const c of this.components())
      this.db.exec(`CREATE INDEX IF NOT EXISTS rollouts_c${c.col} ON rollouts(c${c.col})`);
    this.db.exec("ANALYZE");
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Builds a run in a temporary sibling directory and renames it into place only when `build` succeeds, so a
 * failed import leaves nothing half-written at `dir`.
 * @example await writeRunAtomically("runs/a", async (run) => { run.append(records); });
 */
export async function writeRunAtomically<T>(
  dir: string,
  o: CreateRunOptions,
  build: (run: RunStore) => Promise<T> | T,
): Promise<T> {
  if (existsSync(dir)) throw new Error(`${dir}: already exists (choose a new run directory)`);
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const run = RunStore.create(tmp, o);
  try {
    const out = await build(run);
    run.finish();
    run.db.pragma("wal_checkpoint(TRUNCATE)");
    run.close();
    renameSync(tmp, dir);
    return out;
  } catch (e) {
    try {
      run.close();
    } catch {}
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
