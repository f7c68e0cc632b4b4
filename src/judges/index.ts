// Public API of src/judges.
export {
  Backend,
  type BackendConfig,
  type BackendStats,
  type CallOptions,
  type CallResult,
  onUpstreamThrottle,
  type Price,
  type Usage,
} from "./backend.ts";
export {
  closeCaches,
  defaultCachePath,
  MemoryCache,
  openCache,
  type ResponseCache,
  type SharedCacheStore,
  type SharedClaim,
  SqliteCache,
  setSharedCache,
  sharedCache,
} from "./cache.ts";
export { RedisJudgeCache, type RedisJudgeCacheOptions } from "./redis-cache.ts";
export { type ChatAnswer, chatComplete, type ChatRequest } from "./chat.ts";
export {
  allBackends,
  type EndpointParams,
  getBackend,
  type NamedBackend,
  registerBackend,
  resetBackends,
} from "./endpoint.ts";
export type { JudgeParams } from "./judge-common.ts";
export { judgeLabel } from "./judge-label.ts";
export { judgePairwise } from "./judge-pairwise.ts";
export { type Criterion, judgeRubric } from "./judge-rubric.ts";
export { judgeScore } from "./judge-score.ts";
export { judgeSteps } from "./judge-steps.ts";
export { judgeKinds } from "./kinds.ts";
export { AbortedError, Limiter, type Limits } from "./limiter.ts";
export {
  formatMasterKeyReport,
  MASTER_KEYS,
  type MasterKeyFinding,
  type MasterKeyProbeOptions,
  type MasterKeyReport,
  probeMasterKeys,
} from "./master-keys.ts";
export type { RemoteParams } from "./remote-common.ts";
export { flrScore, remoteFlr } from "./remote-flr.ts";
export { remoteGetReward } from "./remote-get-reward.ts";
export { remoteRerank } from "./remote-rerank.ts";
export { remoteClassify, remotePooling } from "./remote-vllm.ts";
export { type RetryPolicy, withRetry } from "./retry.ts";
export { render, renderMessages } from "./template.ts";
export { UpstreamError } from "./upstream-error.ts";
export {
  type LabelVerdict,
  parseLabel,
  parsePreference,
  parseScore,
  type Preference,
  type PreferenceVerdict,
  type ScoreVerdict,
} from "./verdict.ts";
