import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { defaultRegistry } from "../../builtins.ts";
import { RewardkitError } from "../../core/errors.ts";
import type { RunResult } from "../../queue/jobs.ts";
import { formatRunStatus, submitRun, waitForRun } from "../../queue/submit.ts";
import type { Registry } from "../../spec/registry.ts";
import { loadSpecFile } from "../../runtime/spec-file.ts";
import type { ScoreFlags } from "./score.ts";

/** The flags `rewardkit score` takes for a sharded run on a queue. */
export interface QueuedScoreFlags extends ScoreFlags {
  queue: string;
  queueName?: string;
  shardSize?: number;
  workDir?: string;
  attempts?: number;
  shardTimeoutMs?: number;
  keepShards?: boolean;
  detach?: boolean;
  registryModule?: string;
}

/**
 * `rewardkit score --queue`: validates the spec, enqueues one job per shard, and (unless `--detach`) waits for
 * workers to score and merge them, printing progress on stderr.
 * @example await runQueuedScore({ spec: "s.yaml", in: "in.jsonl", out: "out.jsonl", queue: "redis://127.0.0.1:6379" })
 */
export async function runQueuedScore(f: QueuedScoreFlags): Promise<RunResult | undefined> {
  if (!existsSync(f.in))
    throw new RewardkitError("E_FLAG_INVALID", [{ path: "--in", message: `no such file: ${f.in}` }]);
  let registry: Registry = defaultRegistry;
  if (f.registryModule) {
    const url = /^[a-z]+:/.test(f.registryModule) ? f.registryModule : pathToFileURL(f.registryModule).href;
    const m = (await import(url)) as { registry?: Registry };
    if (!m.registry)
      throw new RewardkitError("E_FLAG_INVALID", [
        { path: "--registry-module", message: "module exports no `registry`" },
      ]);
    registry = m.registry;
  }
  const spec = loadSpecFile(f.spec, registry);
  const deadlineMs = f.deadlineMs ?? spec.spec.execution?.deadline_ms;
  const target = { url: f.queue, ...(f.queueName ? { name: f.queueName } : {}) };
  const submitted = await submitRun({
    ...target,
    input: f.in,
    specPath: f.spec,
    spec,
    shardSize: f.shardSize ?? 5000,
    ...(f.out ? { out: f.out } : {}),
    ...(f.workDir ? { workDir: f.workDir } : {}),
    ...(f.registryModule ? { registryModule: f.registryModule } : {}),
    ...(f.attempts ? { attempts: f.attempts } : {}),
    ...(f.keepShards ? { keepShards: true } : {}),
    settings: {
      ...(f.map ? { map: f.map } : {}),
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
      ...(f.concurrency !== undefined ? { concurrency: f.concurrency } : {}),
      ...(f.step !== undefined ? { step: f.step } : {}),
      shardTimeoutMs: f.shardTimeoutMs ?? 600_000,
    },
  });
  process.stderr.write(`run ${submitted.run}: ${submitted.shards} shard(s) queued\n`);
  if (f.detach) return undefined;
  let last = "";
  const tty = !!process.stderr.isTTY;
  const result = await waitForRun(target, submitted.run, (s) => {
    const line = formatRunStatus(s).split("\n")[0]!;
    if (line === last) return;
    last = line;
    if (tty) process.stderr.write(`\r${line}\x1b[K`);
  });
  if (tty) process.stderr.write("\n");
  for (const x of result.failed) process.stderr.write(`shard ${x.index} failed: ${x.reason}\n`);
  return result;
}
