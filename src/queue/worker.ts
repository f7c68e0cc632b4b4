import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import { treeNeeds } from "../core/reward.ts";
import { defaultRegistry } from "../builtins.ts";
import { onUpstreamThrottle } from "../judges/backend.ts";
import { setSharedCache } from "../judges/cache.ts";
import { RedisJudgeCache } from "../judges/redis-cache.ts";
import { loadSpecFile } from "../runtime/spec-file.ts";
import { createPool, type WorkerPool } from "../pool/index.ts";
import type { Registry } from "../spec/registry.ts";
import type { CompiledSpec } from "../spec/spec.ts";
import { defaultPrefix, defaultQueueName, type QueueTarget, redisOptions } from "./connection.ts";
import { type MergeJobData, type RunResult, type ShardJobData, type ShardResult, specHash } from "./jobs.ts";
import { mergeRun, type SettledShard } from "./merge-run.ts";
import { scoreShard } from "./score-shard.ts";

/** Options of `startQueueWorker`. */
export interface QueueWorkerOptions extends QueueTarget {
  /** Shards processed at once by this process (default 1). */
  shards?: number;
  /** Threads of the killable pool for isolated (CPU-heavy) kinds (default: available cores). */
  poolSize?: number;
  /** Lock on an active shard (ms); a worker that stops renewing it (killed, frozen) loses the shard. */
  lockDurationMs?: number;
  /** How often stalled shards (lock lapsed) are looked for and sent back to wait (ms). */
  stalledIntervalMs?: number;
  /** How many times a shard may stall before it fails (default 3). */
  maxStalledCount?: number;
  /** BullMQ's global rate limiter: at most `max` shards started per `durationMs`, across all workers. */
  limiter?: { max: number; durationMs: number };
  /** Share judge answers with every other worker and replica through the queue's Redis (default true). */
  sharedJudgeCache?: boolean;
  /** Lines about shards started, done and failed (default: stderr). */
  log?: (line: string) => void;
}

/** A running queue worker. */
export interface QueueWorker {
  worker: Worker;
  /** Stops taking shards, waits for those in flight, closes the pool and connections. */
  close(): Promise<void>;
}

/**
 * Starts a worker that scores shards and merges finished runs from the queue. Each shard goes through the same
 * scoring path as `rewardkit score`; kinds that need isolation run in the killable worker pool; a shard whose
 * lock lapses (worker killed) is redelivered by BullMQ's stalled-job check; a shard that throws is retried
 * with backoff up to the run's attempts, then fails without blocking the others.
 * @example const w = await startQueueWorker({ url: "redis://127.0.0.1:6379" }); ... await w.close();
 */
export async function startQueueWorker(o: QueueWorkerOptions): Promise<QueueWorker> {
  const connection = redisOptions(o.url);
  const name = o.name ?? defaultQueueName;
  const prefix = o.prefix ?? defaultPrefix;
  const log = o.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const registries = new Map<string, Promise<Registry>>();
  const specs = new Map<string, CompiledSpec>();
  const pools = new Map<string, WorkerPool>();
  const lookup = new Queue(name, { connection, prefix });
  lookup.on("error", () => {});

  const registryFor = (module?: string): Promise<Registry> => {
    if (!module) return Promise.resolve(defaultRegistry);
    let r = registries.get(module);
    if (!r) {
      const url = /^[a-z]+:/.test(module) ? module : pathToFileURL(module).href;
      r = import(url).then((m: { registry?: Registry }) => {
        if (!m.registry) throw new UnrecoverableError(`registry module ${module} exports no \`registry\``);
        return m.registry;
      });
      registries.set(module, r);
    }
    return r;
  };

  const specFor = async (d: ShardJobData): Promise<CompiledSpec> => {
    const id = `${d.registryModule ?? ""}\0${d.spec}\0${d.specHash}`;
    let c = specs.get(id);
    if (!c) {
      c = loadSpecFile(d.spec, await registryFor(d.registryModule));
      if (specHash(c) !== d.specHash)
        throw new UnrecoverableError(`spec ${d.spec} changed since the run was submitted`);
      specs.set(id, c);
    }
    return c;
  };

  const poolFor = async (c: CompiledSpec, module?: string): Promise<WorkerPool | undefined> => {
    if (!treeNeeds(c.reward).isolation) return undefined;
    const id = module ?? "";
    let p = pools.get(id);
    if (!p) {
      p = createPool({
        size: o.poolSize ?? availableParallelism(),
        ...(module ? { registryModule: module } : {}),
      });
      pools.set(id, p);
      await p.ready();
    }
    return p;
  };

  const processShard = async (job: Job<ShardJobData>): Promise<ShardResult> => {
    const d = job.data;
    const c = await specFor(d);
    const pool = await poolFor(c, d.registryModule);
    log(`shard ${d.index} started (attempt ${job.attemptsMade + 1})`);
    const r = await scoreShard(d, c.reward, pool, (rows) => {
      job.updateProgress(rows).catch(() => {});
    });
    log(`shard ${d.index} ${r.skipped ? "already done" : "scored"} (${r.summary.rows} rows)`);
    return r;
  };

  const processMerge = async (job: Job<MergeJobData>): Promise<RunResult> => {
    const values = await job.getChildrenValues<ShardResult>();
    const failures = await job.getIgnoredChildrenFailures();
    const settled: SettledShard[] = Object.values(values).map((result) => ({ result }));
    for (const [key, reason] of Object.entries(failures)) {
      const id = key.slice(key.lastIndexOf(":") + 1);
      const child = await lookup.getJob(id);
      if (!child) throw new Error(`failed shard job ${id} is gone from the queue`);
      settled.push({ data: child.data as ShardJobData, failure: reason });
    }
    if (settled.length !== job.data.shards)
      throw new Error(`run ${job.data.run}: ${settled.length} of ${job.data.shards} shards settled`);
    const r = await mergeRun(job.data, settled);
    log(`run ${r.run} merged: ${r.summary.rows} rows, ${r.failed.length} failed shard(s)`);
    return r;
  };

  const worker = new Worker(
    name,
    async (job: Job) => {
      if (job.name === "shard") return processShard(job as Job<ShardJobData>);
      if (job.name === "merge") return processMerge(job as Job<MergeJobData>);
      throw new UnrecoverableError(`unknown job type ${job.name}`);
    },
    {
      connection,
      prefix,
      concurrency: o.shards ?? 1,
      ...(o.lockDurationMs !== undefined ? { lockDuration: o.lockDurationMs } : {}),
      ...(o.stalledIntervalMs !== undefined ? { stalledInterval: o.stalledIntervalMs } : {}),
      maxStalledCount: o.maxStalledCount ?? 3,
      // BullMQ only honours a throttle (`rateLimit`) when a limiter is configured: without a user limit, one
      // that never binds (a million shards a second).
      limiter: o.limiter
        ? { max: o.limiter.max, duration: o.limiter.durationMs }
        : { max: 1_000_000, duration: 1000 },
    },
  );
  // A judge answering 429 slows every worker of the queue through BullMQ's global limiter, not just this one.
  const offThrottle = onUpstreamThrottle((ms) => {
    worker.rateLimit(ms).then(
      () => log(`judge throttled (HTTP 429): no new shards for ${ms} ms on any worker`),
      () => {},
    );
  });
  let judgeCache: RedisJudgeCache | undefined;
  if (o.sharedJudgeCache !== false) {
    judgeCache = new RedisJudgeCache(o.url);
    setSharedCache(judgeCache);
  }
  // Connection errors are retried by ioredis; report them instead of crashing.
  let lastError = "";
  worker.on("error", (e) => {
    if (e.message !== lastError) log(`queue connection: ${e.message}`);
    lastError = e.message;
  });
  worker.on("failed", (job, e) => {
    if (job) log(`${job.name} ${job.id} attempt ${job.attemptsMade} failed: ${e.message}`);
  });
  await worker.waitUntilReady();
  return {
    worker,
    async close() {
      offThrottle();
      await worker.close();
      if (judgeCache) {
        setSharedCache(null);
        await judgeCache.close();
      }
      await lookup.close();
      for (const p of pools.values()) await p.close();
    },
  };
}
