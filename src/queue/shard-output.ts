import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ScoreSummary } from "../core/summary.ts";

/** Where a shard's scored rows go inside the work directory. */
export function shardOutputPath(workDir: string, shardKey: string): string {
  return join(workDir, `${shardKey}.jsonl`);
}

/** The shard's summary; written (atomically) after its rows, so its presence means the shard is done. */
export function shardSummaryPath(workDir: string, shardKey: string): string {
  return join(workDir, `${shardKey}.summary.json`);
}

/** The summary of a shard already done, or undefined. */
export async function doneShard(workDir: string, shardKey: string): Promise<ScoreSummary | undefined> {
  try {
    return JSON.parse(await readFile(shardSummaryPath(workDir, shardKey), "utf8")) as ScoreSummary;
  } catch {
    return undefined;
  }
}
