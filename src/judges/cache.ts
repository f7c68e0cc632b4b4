import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** A store of successful backend responses; only answers that can be reproduced are ever put here. */
export interface ResponseCache {
  readonly path: string;
  get(key: string): unknown | undefined;
  set(key: string, value: unknown): void;
  /** Entries that failed their checksum or JSON parse and were dropped (then recomputed). */
  readonly corrupt: number;
  close(): void;
}

/**
 * SHA-256 of the canonical JSON (object keys sorted) of everything that changes an answer.
 * @example cacheKey({ ns: "judge.score@1", model: "m", body }) // "3f1a…" (64 hex digits)
 */
export function cacheKey(parts: unknown): string {
  return createHash("sha256").update(canonicalJson(parts)).digest("hex");
}

/** JSON with object keys sorted at every level, so equal values hash equally whatever their key order. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, val) => {
    if (val && typeof val === "object" && !Array.isArray(val)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(val).sort()) out[k] = (val as Record<string, unknown>)[k];
      return out;
    }
    return val;
  });
}

function sha(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** In-process cache (used for `cache: ":memory:"` and as the fallback when SQLite cannot open its file). */
export class MemoryCache implements ResponseCache {
  readonly path = ":memory:";
  corrupt = 0;
  private readonly map = new Map<string, string>();
  get(key: string): unknown | undefined {
    const v = this.map.get(key);
    return v === undefined ? undefined : JSON.parse(v);
  }
  set(key: string, value: unknown): void {
    this.map.set(key, JSON.stringify(value));
  }
  close(): void {
    this.map.clear();
  }
}

interface Statement {
  get(...args: unknown[]): unknown;
  run(...args: unknown[]): unknown;
}
interface Database {
  pragma(s: string): unknown;
  exec(s: string): unknown;
  prepare(s: string): Statement;
  close(): void;
}
type DatabaseCtor = new (path: string, opts?: { timeout?: number }) => Database;

/**
 * Persistent cache in SQLite (better-sqlite3, WAL journal so several processes can share it). Each value is
 * stored with its SHA-256; an entry whose checksum or JSON does not hold is deleted and treated as a miss.
 * @example const c = new SqliteCache(".rewardkit/judges.sqlite"); c.set(k, body); c.get(k);
 */
export class SqliteCache implements ResponseCache {
  corrupt = 0;
  private readonly db: Database;
  private readonly getStmt: Statement;
  private readonly setStmt: Statement;
  private readonly delStmt: Statement;

  constructor(readonly path: string) {
    const Ctor = createRequire(import.meta.url)("better-sqlite3") as DatabaseCtor;
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Ctor(path, { timeout: 5000 });
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, value TEXT NOT NULL, checksum TEXT NOT NULL, created INTEGER NOT NULL)",
    );
    this.getStmt = this.db.prepare("SELECT value, checksum FROM responses WHERE key = ?");
    this.setStmt = this.db.prepare(
      "INSERT OR REPLACE INTO responses (key, value, checksum, created) VALUES (?, ?, ?, ?)",
    );
    this.delStmt = this.db.prepare("DELETE FROM responses WHERE key = ?");
  }

  get(key: string): unknown | undefined {
    const row = this.getStmt.get(key) as { value: unknown; checksum: unknown } | undefined;
    if (!row) return undefined;
    if (typeof row.value === "string" && row.checksum === sha(row.value)) {
      try {
        return JSON.parse(row.value);
      } catch {
        // falls through: a value that hashes right but does not parse was written corrupt
      }
    }
    this.corrupt++;
    this.delStmt.run(key);
    return undefined;
  }

  set(key: string, value: unknown): void {
    const text = JSON.stringify(value);
    this.setStmt.run(key, text, sha(text), Date.now());
  }

  close(): void {
    this.db.close();
  }
}

const open = new Map<string, ResponseCache>();

/** The default cache file: `$REWARDKIT_JUDGE_CACHE`, else `$XDG_CACHE_HOME/rewardkit/judges.sqlite` (or `~/.cache/...`). */
export function defaultCachePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REWARDKIT_JUDGE_CACHE) return env.REWARDKIT_JUDGE_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "rewardkit", "judges.sqlite");
}

/**
 * The shared cache for `path` (one handle per file per process); falls back to memory if SQLite cannot open it.
 * @example const cache = openCache(defaultCachePath());
 */
export function openCache(path: string): ResponseCache {
  let c = open.get(path);
  if (!c) {
    try {
      c = path === ":memory:" ? new MemoryCache() : new SqliteCache(path);
    } catch (e) {
      process.emitWarning(
        `rewardkit: judge cache ${path} unavailable (${(e as Error).message}); using memory`,
      );
      c = new MemoryCache();
    }
    open.set(path, c);
  }
  return c;
}

/** Closes every cache opened by `openCache` (tests and shutdown). */
export function closeCaches(): void {
  for (const c of open.values()) c.close();
  open.clear();
}

/** What `SharedCacheStore.claim` answers: the value another process stored, or the lease to compute it. */
export type SharedClaim =
  | { value: unknown }
  | {
      /** Stores `value` (if given) write-once, drops the lease and wakes the processes waiting on it. */
      release(value?: unknown): Promise<void>;
    };

/**
 * A judge-response cache shared by several processes (serve replicas, queue workers), e.g. Redis: values are
 * written once (`SET NX EX`) and identical calls in flight in different processes are coalesced: one process
 * holds a lease and calls upstream, the others wait for its answer.
 * @example const c = await store.claim(key, { leaseMs: 60_000 }); if ("value" in c) use(c.value); else await c.release(await call());
 */
export interface SharedCacheStore {
  get(key: string): Promise<unknown | undefined>;
  claim(key: string, opts: { leaseMs: number; signal?: AbortSignal }): Promise<SharedClaim>;
  close(): Promise<void>;
}

let sharedStore: SharedCacheStore | null = null;

/**
 * Sets (or clears, with null) the cache every judge backend of this process shares with other processes.
 * @example setSharedCache(new RedisJudgeCache("redis://127.0.0.1:6379"));
 */
export function setSharedCache(store: SharedCacheStore | null): void {
  sharedStore = store;
}

/** The shared cache set by `setSharedCache`, or null. */
export function sharedCache(): SharedCacheStore | null {
  return sharedStore;
}
