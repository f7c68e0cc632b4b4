import { RewardkitError } from "../core/errors.ts";
import type { IsolatedExecutor } from "../core/types.ts";
import { createPool, type PoolStats, type WorkerPool } from "../pool/index.ts";
import { poolDefaults, scoringDefaults, serverDefaults } from "./defaults.ts";
import { defaultLimits, type Limits } from "./limits.ts";
import { ReplayCache, type ReplayOptions, type StoredResponse } from "./replay-cache.ts";
import { WorkQueue } from "./work-queue.ts";

/** An executor for isolated rewards, with the pool's counters when it has them. */
export type Executor = IsolatedExecutor & { stats?(): PoolStats };

/** Everything a `Runtime` can be told; every field has a default in `src/runtime/defaults.ts`. */
export interface RuntimeOptions {
  /** An executor to use instead of starting a pool (tests, embedding); the runtime does not close it. */
  executor?: Executor;
  /** Worker threads for rewards that declare isolation: 0 = none (inline, no deadline). */
  workers?: number;
  /** Heap limit per worker, MB. */
  heapMb?: number;
  /** Module exporting `registry`, for kinds outside the built-ins (the pool rebuilds rewards from it). */
  registryModule?: string;
  /** Per-item deadline for isolated rewards when the spec sets none (ms). */
  deadlineMs?: number;
  /** Async items of one batch in flight at once (default 4 × pool size, or 64 without a pool). */
  concurrency?: number;
  limits?: Partial<Limits>;
  /** Rollouts queued or being scored beyond which new work is refused (`E_OVERLOADED`). */
  maxPendingItems?: number;
  /** Items waiting for a pool worker beyond which new work is refused. */
  poolQueueLimit?: number;
  /** Replay of identical requests; `false` turns it off. */
  replay?: ReplayOptions | false;
}

/** What identifies a replayable request: the operation, the spec's identity, the body bytes, an optional key. */
export interface ReplayKey {
  route: string;
  specHash: string;
  /** The request body as received (a string is taken as its UTF-8 bytes). */
  body: string | Uint8Array;
  idempotencyKey?: string | undefined;
}

/**
 * The state one process of rewardkit holds, made once by `serve` or a CLI command and passed to the scoring
 * service: the worker pool (or another executor), per-runtime shared objects (code sandboxes, judge backends,
 * caches), request limits and defaults, the admission queue and the replay cache. Nothing is process-wide, so
 * several runtimes can live in one process (tests do).
 * @example
 * const rt = await Runtime.start({ isolation: true, workers: 2 });
 * const { results } = await scoreRequest(rt, { spec: servedSpec, rollouts });
 * await rt.close();
 */
export class Runtime {
  readonly limits: Readonly<Limits>;
  readonly deadlineMs: number;
  readonly concurrency: number;
  readonly queue: WorkQueue;
  readonly replay: ReplayCache | undefined;
  readonly executor: Executor | undefined;
  private readonly pool: WorkerPool | undefined;
  private readonly poolQueueLimit: number;
  private readonly idempotencyKeys = new Map<string, string>();
  private readonly shared = new Map<string, { value: unknown; close?: () => unknown }>();
  private drainingFlag = false;
  /** Aborted at a drain's deadline: every batch still scoring answers its unfinished items with `timeout`. */
  private readonly stopScoring = new AbortController();

  /**
   * Makes a runtime and, when `isolation` is true and `workers` is not 0, starts its worker pool and waits until
   * every worker is ready.
   */
  static async start(opts: RuntimeOptions & { isolation?: boolean } = {}): Promise<Runtime> {
    const workers = opts.executor ? 0 : (opts.workers ?? (opts.isolation ? poolDefaults.size() : 0));
    if (!opts.isolation || workers <= 0) return new Runtime(opts);
    const pool = createPool({
      size: workers,
      deadlineMs: opts.deadlineMs ?? scoringDefaults.deadlineMs,
      heapMb: opts.heapMb ?? poolDefaults.heapMb,
      queueLimit: (opts.poolQueueLimit ?? poolDefaults.queueLimit) * 2,
      ...(opts.registryModule ? { registryModule: opts.registryModule } : {}),
    });
    await pool.ready();
    return new Runtime(opts, pool);
  }

  /** A runtime without a pool of its own (isolated rewards run inline, or on `opts.executor`). */
  constructor(opts: RuntimeOptions = {}, pool?: WorkerPool) {
    this.pool = pool;
    this.executor = pool ?? opts.executor;
    this.limits = Object.freeze({ ...defaultLimits, ...opts.limits });
    this.deadlineMs = opts.deadlineMs ?? scoringDefaults.deadlineMs;
    const size = this.executor?.stats?.().size;
    this.concurrency = opts.concurrency ?? (size ? Math.max(4, size * 4) : scoringDefaults.concurrency);
    this.queue = new WorkQueue({ maxItems: opts.maxPendingItems ?? serverDefaults.maxPendingItems });
    this.replay = opts.replay === false ? undefined : new ReplayCache(opts.replay ?? serverDefaults.replay);
    this.poolQueueLimit = opts.poolQueueLimit ?? poolDefaults.queueLimit;
  }

  /** The pool this runtime started (closed with it), if any. */
  get workerPool(): WorkerPool | undefined {
    return this.pool;
  }

  /** True once `startDrain` was called: new work is refused with `E_DRAINING`. */
  get draining(): boolean {
    return this.drainingFlag;
  }

  /** Aborts when scoring in flight must end (see `abortScoring`). */
  get stopSignal(): AbortSignal {
    return this.stopScoring.signal;
  }

  /** Ends every batch in flight: unfinished items are answered with `timeout` errors carrying `reason`. */
  abortScoring(reason: string): void {
    this.stopScoring.abort(reason);
  }

  /** Stops admitting work; work already admitted finishes. */
  startDrain(): void {
    this.drainingFlag = true;
  }

  /**
   * Admits `n` rollouts or throws a transient error: `E_DRAINING` while shutting down, `E_OVERLOADED` (with
   * `detail.retryAfterSeconds`) when the queue or the pool's backlog is full. An empty queue admits any size.
   * @example rt.admit(rollouts.length)
   */
  admit(n: number): void {
    this.refuseIfDraining();
    if (!this.queue.admit(n)) this.overloaded(`${this.queue.pendingItems} rollouts pending`);
    const st = this.executor?.stats?.();
    if (st && st.queued >= this.poolQueueLimit) this.overloaded(`${st.queued} items waiting for a worker`);
  }

  /** Throws `E_DRAINING` once a drain has begun. */
  refuseIfDraining(): void {
    if (this.drainingFlag) {
      throw new RewardkitError("E_DRAINING", [
        { path: "", message: "server is shutting down; retry on another replica" },
      ]);
    }
  }

  private overloaded(why: string): never {
    throw new RewardkitError(
      "E_OVERLOADED",
      [{ path: "", message: `over capacity (${why}); retry after the given seconds` }],
      { detail: { retryAfterSeconds: this.queue.retryAfterSeconds() } },
    );
  }

  /**
   * Idempotent replay: an identical request (same route, spec and body bytes, or the same Idempotency-Key)
   * gets the stored response back, and identical requests in flight share one computation (aborted only when
   * every waiting caller has gone). A key reused with another body is `E_IDEMPOTENCY_KEY_REUSED`. Responses
   * that hold a transient error are not stored.
   * @example const { response, how } = await rt.replayThrough(key, signal, (s) => compute(s));
   */
  async replayThrough(
    key: ReplayKey,
    signal: AbortSignal | undefined,
    compute: (signal: AbortSignal) => Promise<StoredResponse>,
  ): Promise<{ response: StoredResponse; how: "computed" | "replayed" | "coalesced" }> {
    if (!this.replay) {
      return { response: await compute(signal ?? new AbortController().signal), how: "computed" };
    }
    const k = ReplayCache.keyOf(key.route, key.specHash, key.body);
    if (key.idempotencyKey) {
      const prev = this.idempotencyKeys.get(key.idempotencyKey);
      if (prev !== undefined && prev !== k) {
        throw new RewardkitError("E_IDEMPOTENCY_KEY_REUSED", [
          { path: "", message: "this Idempotency-Key was used with a different request body" },
        ]);
      }
      this.idempotencyKeys.set(key.idempotencyKey, k);
      if (this.idempotencyKeys.size > serverDefaults.idempotencyKeys)
        this.idempotencyKeys.delete(this.idempotencyKeys.keys().next().value!);
    }
    return this.replay.through(k, signal, compute);
  }

  /**
   * A per-runtime shared object (a code sandbox, a judge backend, a cache), made on first use and closed with
   * the runtime: what would otherwise be a module-level singleton.
   * @example const sandbox = rt.shared("sandbox.local", () => new LocalSandbox());
   */
  sharedObject<T>(key: string, make: () => T, close?: (value: T) => unknown): T {
    const hit = this.shared.get(key);
    if (hit) return hit.value as T;
    const value = make();
    this.shared.set(key, { value, ...(close ? { close: () => close(value) } : {}) });
    return value;
  }

  /** Closes the pool this runtime started and every shared object that has a close hook. */
  async close(): Promise<void> {
    this.drainingFlag = true;
    const closing = [...this.shared.values()].map((s) => s.close?.());
    this.shared.clear();
    await Promise.allSettled(closing);
    await this.pool?.close();
  }
}
