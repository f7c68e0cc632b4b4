// Public API of the core: data model, rewards, combinators, evaluation.
export { formula } from "./combinators/formula.ts";
export { type GateOptions, gate } from "./combinators/gate.ts";
export { maxOf, minOf, product } from "./combinators/reduce.ts";
export { type Term, type WeightedOptions, weighted } from "./combinators/sum.ts";
export {
  clamp,
  scale,
  type Tier,
  type TransformFn,
  type TransformOutput,
  tiers,
  transform,
} from "./combinators/transform.ts";
export {
  type ErrorCode,
  type ErrorDetail,
  formatPath,
  type Issue,
  isTransient,
  parsePath,
  RewardkitError,
} from "./errors.ts";
export { finiteResult } from "./finite.ts";
export { parseRollout, parseRollouts, type RolloutLimits } from "./rollout.ts";
export { type BatchOptions, scoreBatch, scoreOne } from "./score-batch.ts";
export { evalFormula, parseFormula } from "./formula-parse.ts";
export { fail, ok, RewardFailure } from "./result.ts";
export { defineReward, describeReward, type RewardDefinition, treeNeeds } from "./reward.ts";
export { formatSummary, type ScoreSummary, SummaryBuilder } from "./summary.ts";
export { allAssistantText, completionText, completionToolCalls, promptText, referenceAt } from "./text.ts";
export type {
  ContentPart,
  ErrorKind,
  IsolatedExecutor,
  MaybePromise,
  Message,
  NodeSpec,
  Reward,
  RewardContext,
  RewardError,
  RewardNeeds,
  RewardResult,
  Rollout,
  Step,
  ToolCall,
} from "./types.ts";
