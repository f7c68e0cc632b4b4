import type { ScoreSummary } from "../core/summary.ts";
import type { ByteRange } from "../io/jsonl.ts";
import { cacheKey } from "../judges/cache.ts";
import type { CompiledSpec } from "../spec/spec.ts";

/** How rows of a shard are scored: the same knobs as a single-process `rewardkit score`. */
export interface ScoringSettings {
  /** Field mapping, as given to `--map`. */
  map?: string;
  deadlineMs?: number;
  concurrency?: number;
  step?: number;
  /** A shard running longer than this is abandoned (its isolated workers killed) and retried. */
  shardTimeoutMs: number;
}

/** The data of one shard job. */
export interface ShardJobData {
  type: "shard";
  run: string;
  index: number;
  /** Absolute path of the JSONL dataset (on storage every worker can read). */
  input: string;
  range: ByteRange;
  lines: number;
  /** Absolute path of the spec file, and the hash it had when the run was submitted. */
  spec: string;
  specHash: string;
  /** Names the shard's output: hash of its bytes, where it starts, and the spec hash. */
  shardKey: string;
  /** Directory of per-shard outputs (written with write-then-rename). */
  workDir: string;
  registryModule?: string;
  settings: ScoringSettings;
}

/** The data of a run's parent job, which merges the shards once they are all settled. */
export interface MergeJobData {
  type: "merge";
  run: string;
  input: string;
  shards: number;
  workDir: string;
  /** Absolute output path, or none (summary only). */
  out?: string;
  /** Keep per-shard outputs after the merge (default: delete them once the merged file is committed). */
  keepShards: boolean;
}

/** What a finished shard job returns. */
export interface ShardResult {
  index: number;
  shardKey: string;
  summary: ScoreSummary;
  /** True when the output was already on disk from an earlier delivery. */
  skipped: boolean;
}

/** A shard that failed after its attempts. */
export interface FailedShard {
  index: number;
  reason: string;
}

/** What a run's parent job returns. */
export interface RunResult {
  run: string;
  summary: ScoreSummary;
  shards: number;
  failed: FailedShard[];
  out?: string;
}

/**
 * The identity of a compiled spec: SHA-256 of its canonical JSON (the spec and the compiled reward tree).
 * @example specHash(loadSpecFile("spec.yaml")) // "9c1e…"
 */
export function specHash(c: CompiledSpec): string {
  return cacheKey({ spec: c.spec, reward: c.reward.spec });
}

/** The key of a shard's output: hash of (shard bytes, first line, spec hash, scoring settings). */
export function shardKeyOf(contentHash: string, firstLine: number, spec: string, s: ScoringSettings): string {
  const { shardTimeoutMs: _t, ...rest } = s;
  return cacheKey({ contentHash, firstLine, spec, settings: rest });
}
