// Sharded offline scoring on a BullMQ queue in Redis (see docs/scale.md).
export { defaultPrefix, defaultQueueName, type QueueTarget, redisOptions } from "./connection.ts";
export type {
  FailedShard,
  MergeJobData,
  RunResult,
  ScoringSettings,
  ShardJobData,
  ShardResult,
} from "./jobs.ts";
export { shardKeyOf, specHash } from "./jobs.ts";
export { mergeRun, type SettledShard } from "./merge-run.ts";
export { ShardDeadlineError, scoreShard } from "./score-shard.ts";
export { planShards, type Shard } from "./shards.ts";
export {
  formatRunStatus,
  listRuns,
  type RunStatus,
  runStatus,
  type SubmitOptions,
  type SubmittedRun,
  submitRun,
  waitForRun,
} from "./submit.ts";
export { mergeSummaries } from "./summary-merge.ts";
export { type QueueWorker, type QueueWorkerOptions, startQueueWorker } from "./worker.ts";
