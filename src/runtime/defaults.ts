import { availableParallelism } from "node:os";

/**
 * Defaults of scoring, one place for every entry point (`rewardkit score`, `serve`, the library): the per-item
 * deadline of isolated rewards and the async items in flight per batch.
 * @example const deadline = spec.execution?.deadline_ms ?? scoringDefaults.deadlineMs;
 */
export const scoringDefaults = Object.freeze({
  deadlineMs: 5000,
  concurrency: 64,
});

/**
 * Defaults of the killable worker pool: min(cores, 4) workers (a pool is started only when a spec needs
 * isolation), 512 MB of heap each, and the pool queue depth beyond which new work is refused.
 * @example createPool({ size: poolDefaults.size() })
 */
export const poolDefaults = Object.freeze({
  size: (): number => Math.min(availableParallelism(), 4),
  heapMb: 512,
  queueLimit: 10_000,
});

/**
 * Defaults of the serving lifecycle: where to listen, how many rollouts may wait before new requests get
 * 503 + Retry-After, how long a SIGTERM drain may last (then unfinished items answer `timeout`), and the replay cache's bounds.
 * @example startServer({ specs, port: serverDefaults.port })
 */
export const serverDefaults = Object.freeze({
  host: "127.0.0.1",
  port: 8000,
  maxPendingItems: 65_536,
  /** Longer than a judge's default total deadline (60 s), so judged items in flight can finish. */
  drainMs: 90_000,
  replay: Object.freeze({ maxEntries: 2048, maxBytes: 64 << 20 }),
  /** Idempotency-Key → request key pairs remembered (oldest forgotten first). */
  idempotencyKeys: 100_000,
});
