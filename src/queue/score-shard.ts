import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import type { IsolatedExecutor, Reward } from "../core/types.ts";
import { parseFieldMap } from "../io/field-map.ts";
import { scoreDataset } from "../io/score-dataset.ts";
import type { ShardJobData, ShardResult } from "./jobs.ts";
import { doneShard, shardOutputPath, shardSummaryPath } from "./shard-output.ts";

/** Thrown when a shard runs past its deadline: the job fails this attempt and BullMQ retries it. */
export class ShardDeadlineError extends Error {
  constructor(index: number, ms: number) {
    super(`shard deadline exceeded: shard ${index} ran longer than ${ms} ms`);
    this.name = "ShardDeadlineError";
  }
}

/**
 * Scores one shard with the same path as `rewardkit score` (`scoreDataset` over the shard's byte range), writes
 * its rows and then its summary with write-then-rename, and skips a shard whose summary is already there, so a
 * redelivered job (at-least-once) never writes a row twice. Past `shardTimeoutMs` the scoring is cancelled
 * (isolated workers are killed) and the attempt fails.
 * @example const r = await scoreShard(job.data, reward, pool);
 */
export async function scoreShard(
  d: ShardJobData,
  reward: Reward,
  executor: IsolatedExecutor | undefined,
  onProgress?: (rows: number) => void,
): Promise<ShardResult> {
  const prior = await doneShard(d.workDir, d.shardKey);
  if (prior) return { index: d.index, shardKey: d.shardKey, summary: prior, skipped: true };
  await mkdir(d.workDir, { recursive: true });
  const s = d.settings;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, s.shardTimeoutMs);
  try {
    const summary = await scoreDataset({
      reward,
      input: d.input,
      range: d.range,
      output: shardOutputPath(d.workDir, d.shardKey),
      map: parseFieldMap(s.map),
      ...(executor ? { executor } : {}),
      ...(s.deadlineMs !== undefined ? { deadlineMs: s.deadlineMs } : {}),
      ...(s.concurrency !== undefined ? { concurrency: s.concurrency } : {}),
      ...(s.step !== undefined ? { step: s.step } : {}),
      signal: controller.signal,
      ...(onProgress ? { onProgress } : {}),
    });
    // Cancelled rows were written as timeouts; a shard cut short must not count as done.
    if (timedOut) throw new ShardDeadlineError(d.index, s.shardTimeoutMs);
    // The rows were fsynced before their rename; the summary is only a marker (lost, the shard is rescored),
    // so it is renamed into place without a second fsync.
    const marker = shardSummaryPath(d.workDir, d.shardKey);
    const tmp = `${marker}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    await writeFile(tmp, JSON.stringify(summary));
    await rename(tmp, marker);
    return { index: d.index, shardKey: d.shardKey, summary, skipped: false };
  } finally {
    clearTimeout(timer);
  }
}
