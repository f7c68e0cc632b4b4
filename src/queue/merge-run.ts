import { readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { ScoreSummary } from "../core/summary.ts";
import type { ErrorKind, Reward, RewardResult } from "../core/types.ts";
import { AtomicFile, writeFileAtomic } from "../io/atomic.ts";
import { scoreDataset } from "../io/score-dataset.ts";
import type { FailedShard, MergeJobData, RunResult, ShardJobData, ShardResult } from "./jobs.ts";
import { shardOutputPath, shardSummaryPath } from "./shard-output.ts";
import { mergeSummaries } from "./summary-merge.ts";

/** A settled shard, as the parent job sees it: its result, or its data and why it failed. */
export type SettledShard = { result: ShardResult } | { data: ShardJobData; failure: string };

const indexOf = (s: SettledShard) => ("result" in s ? s.result.index : s.data.index);

/** A reward that answers the same error for every row: the rows of a shard that failed all its attempts. */
function failedShardReward(kind: ErrorKind, message: string): Reward {
  const result: RewardResult = { score: null, error: { kind, message } };
  return {
    id: "queue.shard_failed@1",
    kind: "queue.shard_failed",
    name: "shard_failed",
    spec: { kind: "queue.shard_failed" },
    needs: {},
    score: () => result,
  };
}

/**
 * Merges a run: concatenates the shard outputs in shard order into the output file (write-then-rename), so the
 * rows are the same, in the same order, as a single-process `rewardkit score`. Rows of a shard that failed
 * every attempt are written with `score: null` and an error naming the shard (nothing is lost), and the
 * per-shard summaries are merged. Shard outputs are deleted once the merged file is committed, unless kept.
 * @example const result = await mergeRun(job.data, settled);
 */
export async function mergeRun(d: MergeJobData, settled: SettledShard[]): Promise<RunResult> {
  // A merge redelivered after its shard files were cleaned up answers from the record it left.
  const record = join(d.workDir, `${d.run}.run.json`);
  try {
    return JSON.parse(await readFile(record, "utf8")) as RunResult;
  } catch {
    // not merged yet
  }
  const shards = [...settled].sort((a, b) => indexOf(a) - indexOf(b));
  const failed: FailedShard[] = [];
  const summaries: ScoreSummary[] = [];
  const out = d.out ? await AtomicFile.open(d.out) : undefined;
  const failedOutputs: string[] = [];
  try {
    for (const s of shards) {
      if ("result" in s) {
        summaries.push(s.result.summary);
        if (out) await out.writeBytes(await readFile(shardOutputPath(d.workDir, s.result.shardKey)));
        continue;
      }
      const reason = s.failure;
      failed.push({ index: s.data.index, reason });
      const kind: ErrorKind = reason.startsWith("shard deadline") ? "timeout" : "internal";
      // The same row serialisation as a scored shard, with the shard's failure as every row's error.
      const path = `${shardOutputPath(d.workDir, s.data.shardKey)}.failed`;
      summaries.push(
        await scoreDataset({
          reward: failedShardReward(kind, `shard ${s.data.index} failed: ${reason}`),
          input: s.data.input,
          range: s.data.range,
          output: path,
        }),
      );
      failedOutputs.push(path);
      if (out) await out.writeBytes(await readFile(path));
    }
    await out?.commit();
  } catch (e) {
    await out?.abort();
    throw e;
  }
  const result: RunResult = {
    run: d.run,
    summary: mergeSummaries(summaries),
    shards: d.shards,
    failed,
    ...(d.out ? { out: d.out } : {}),
  };
  await writeFileAtomic(record, JSON.stringify(result));
  if (!d.keepShards) {
    const gone = (p: string) => unlink(p).catch(() => {});
    for (const s of shards) {
      const key = "result" in s ? s.result.shardKey : s.data.shardKey;
      await gone(shardOutputPath(d.workDir, key));
      await gone(shardSummaryPath(d.workDir, key));
    }
    for (const p of failedOutputs) await gone(p);
  }
  return result;
}
