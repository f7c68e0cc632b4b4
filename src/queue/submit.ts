import { resolve } from "node:path";
import { FlowProducer, Queue } from "bullmq";
import { Redis } from "ioredis";
import { RewardkitError } from "../core/errors.ts";
import { cacheKey } from "../judges/cache.ts";
import type { CompiledSpec } from "../spec/spec.ts";
import { defaultPrefix, defaultQueueName, type QueueTarget, redisOptions } from "./connection.ts";
import {
  type MergeJobData,
  type RunResult,
  type ScoringSettings,
  type ShardJobData,
  shardKeyOf,
  specHash,
} from "./jobs.ts";
import { planShards } from "./shards.ts";

/** Options of `submitRun`. */
export interface SubmitOptions extends QueueTarget {
  input: string;
  /** Spec file path, and the spec compiled from it (validated before anything is queued). */
  specPath: string;
  spec: CompiledSpec;
  /** Lines per shard. */
  shardSize: number;
  out?: string;
  /** Per-shard outputs (default `<out or input>.shards/`); must be on storage every worker can reach. */
  workDir?: string;
  registryModule?: string;
  settings: ScoringSettings;
  /** Attempts per shard before it is reported failed (default 3). */
  attempts?: number;
  /** First retry delay (ms), doubled each attempt (default 1000). */
  backoffMs?: number;
  keepShards?: boolean;
}

/** A submitted run. */
export interface SubmittedRun {
  run: string;
  /** The id of the parent (merge) job. */
  jobId: string;
  shards: number;
}

/** Redis sorted set of submitted runs (score = submit time), read by `queue status`. */
export const runsKey = (t: QueueTarget) =>
  `${t.prefix ?? defaultPrefix}:${t.name ?? defaultQueueName}:rewardkit-runs`;

/** The parent job id of a run. */
export const runJobId = (run: string) => `run-${run}`;

/**
 * Cuts a JSONL dataset into shards and enqueues them as a BullMQ flow: one job per shard, each with a
 * deterministic id (hash of the shard's bytes, position, spec hash and settings), under a parent job that
 * merges them. Submitting the same run again adds nothing (same ids), so it is safe to retry.
 * @example const { run } = await submitRun({ url, input: "in.jsonl", specPath, spec, shardSize: 5000, out: "out.jsonl", settings });
 */
export async function submitRun(o: SubmitOptions): Promise<SubmittedRun> {
  if (/\.(parquet|pq)$/i.test(o.input))
    throw new RewardkitError("E_FLAG_INVALID", [
      { path: "--in", message: "sharded runs read JSONL; convert Parquet input first" },
    ]);
  if (o.out && /\.(parquet|pq)$/i.test(o.out))
    throw new RewardkitError("E_FLAG_INVALID", [
      { path: "--out", message: "sharded runs write JSONL (the shards are concatenated)" },
    ]);
  const connection = redisOptions(o.url);
  const name = o.name ?? defaultQueueName;
  const prefix = o.prefix ?? defaultPrefix;
  const input = resolve(o.input);
  const out = o.out ? resolve(o.out) : undefined;
  const workDir = resolve(o.workDir ?? `${out ?? input}.shards`);
  const sHash = specHash(o.spec);
  const shards = await planShards(input, o.shardSize);
  const keys = shards.map((s) => shardKeyOf(s.contentHash, s.firstLine, sHash, o.settings));
  const keepShards = o.keepShards ?? false;
  const run = cacheKey({ input, keys, out: out ?? null, workDir, keepShards }).slice(0, 32);
  const attempts = o.attempts ?? 3;
  const parent: MergeJobData = {
    type: "merge",
    run,
    input,
    shards: shards.length,
    workDir,
    keepShards,
    ...(out ? { out } : {}),
  };
  const children = shards.map((s, i) => {
    const data: ShardJobData = {
      type: "shard",
      run,
      index: s.index,
      input,
      range: { start: s.start, end: s.end, firstLine: s.firstLine },
      lines: s.lines,
      spec: resolve(o.specPath),
      specHash: sHash,
      shardKey: keys[i]!,
      workDir,
      settings: o.settings,
      ...(o.registryModule ? { registryModule: o.registryModule } : {}),
    };
    return {
      name: "shard",
      queueName: name,
      data,
      opts: {
        jobId: `shard-${cacheKey({ run, key: keys[i] }).slice(0, 32)}`,
        attempts,
        backoff: { type: "exponential", delay: o.backoffMs ?? 1000 },
        ignoreDependencyOnFailure: true,
      },
    };
  });
  const flows = new FlowProducer({ connection, prefix });
  const queue = new Queue(name, { connection, prefix });
  const redis = new Redis(connection);
  try {
    const jobId = runJobId(run);
    // A run already queued (or done) is left as it is: resubmitting is a no-op.
    const existing = await queue.getJobState(jobId);
    if (existing === "unknown")
      await flows.add({ name: "merge", queueName: name, data: parent, opts: { jobId }, children });
    await redis.zadd(runsKey(o), "NX", Date.now(), run);
    return { run, jobId, shards: shards.length };
  } finally {
    await flows.close();
    await queue.close();
    redis.disconnect();
  }
}

/** Done, failed and pending shards of a run, and the run's state. */
export interface RunStatus {
  run: string;
  state: string;
  shards: number;
  done: number;
  failed: number;
  pending: number;
  /** Failed shards with their reason. */
  failures: { index: number; reason: string }[];
  result?: RunResult;
}

/**
 * Reads the progress of a run from the queue: shards done, failed after all attempts, and pending.
 * @example const s = await runStatus({ url }, run); // { done: 12, failed: 0, pending: 8, ... }
 */
export async function runStatus(t: QueueTarget, run: string): Promise<RunStatus | undefined> {
  const queue = openQueue(t);
  try {
    return await statusIn(queue, run);
  } finally {
    await queue.close();
  }
}

function openQueue(t: QueueTarget): Queue {
  const queue = new Queue(t.name ?? defaultQueueName, {
    connection: redisOptions(t.url),
    prefix: t.prefix ?? defaultPrefix,
  });
  queue.on("error", () => {});
  return queue;
}

async function statusIn(queue: Queue, run: string): Promise<RunStatus | undefined> {
  {
    const job = await queue.getJob(runJobId(run));
    if (!job) return undefined;
    const data = job.data as MergeJobData;
    const state = await job.getState();
    const c = await job.getDependenciesCount();
    const failures: RunStatus["failures"] = [];
    for (const [key, reason] of Object.entries(await job.getIgnoredChildrenFailures())) {
      const child = await queue.getJob(key.slice(key.lastIndexOf(":") + 1));
      failures.push({ index: (child?.data as ShardJobData | undefined)?.index ?? -1, reason });
    }
    failures.sort((a, b) => a.index - b.index);
    const failed = c.ignored ?? 0;
    const done = c.processed ?? 0;
    return {
      run,
      state,
      shards: data.shards,
      done,
      failed,
      pending: Math.max(0, data.shards - done - failed),
      failures,
      ...(state === "completed" ? { result: job.returnvalue as RunResult } : {}),
    };
  }
}

/** Runs known to the queue, newest first. */
export async function listRuns(t: QueueTarget, limit = 20): Promise<string[]> {
  const redis = new Redis(redisOptions(t.url));
  try {
    return await redis.zrevrange(runsKey(t), 0, limit - 1);
  } finally {
    redis.disconnect();
  }
}

/**
 * Waits until a run's parent job has merged (or failed), polling its state and reporting progress; survives
 * a Redis restart (ioredis reconnects and the poll resumes).
 * @example const result = await waitForRun({ url }, run, (s) => bar(s));
 */
export async function waitForRun(
  t: QueueTarget,
  run: string,
  onStatus?: (s: RunStatus) => void,
  pollMs = 250,
): Promise<RunResult> {
  const queue = openQueue(t);
  try {
    for (;;) {
      const s = await statusIn(queue, run).catch(() => undefined);
      if (s) {
        onStatus?.(s);
        if (s.state === "completed" && s.result) return s.result;
        if (s.state === "failed") throw new Error(`run ${run} failed to merge`);
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  } finally {
    await queue.close();
  }
}

/**
 * A one-line progress bar of a run: `[#####-----] 12/20 done, 1 failed, 7 pending`.
 * @example formatRunStatus(status) // "run 3f9a…  [##########] 20/20 done, 0 failed, 0 pending (completed)"
 */
export function formatRunStatus(s: RunStatus, width = 30): string {
  const full = s.shards ? Math.round(((s.done + s.failed) / s.shards) * width) : width;
  const bar = "#".repeat(full) + "-".repeat(width - full);
  const head = `run ${s.run}  [${bar}] ${s.done}/${s.shards} done, ${s.failed} failed, ${s.pending} pending (${s.state})`;
  return [head, ...s.failures.map((f) => `  shard ${f.index} failed: ${f.reason}`)].join("\n");
}
