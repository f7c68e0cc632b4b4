/**
 * rewardkit: the reward layer for reinforcement learning.
 * @example
 * import { compileSpec, defaultRegistry, scoreBatch } from "rewardkit";
 * const { reward } = compileSpec({ name: "demo", reward: { kind: "text.exact" } }, { registry: defaultRegistry });
 * const results = await scoreBatch(reward, [{ completion: "<answer>4</answer>", reference: "4" }]);
 */
export { defaultRegistry } from "./builtins.ts";
export {
  allAssistantText,
  type BatchOptions,
  clamp,
  completionText,
  completionToolCalls,
  type ContentPart,
  defineReward,
  describeReward,
  type ErrorCode,
  type ErrorDetail,
  type ErrorKind,
  evalFormula,
  fail,
  finiteResult,
  formatPath,
  formatSummary,
  formula,
  gate,
  type GateOptions,
  type IsolatedExecutor,
  type Issue,
  isTransient,
  maxOf,
  type MaybePromise,
  type Message,
  minOf,
  type NodeSpec,
  ok,
  parseFormula,
  parsePath,
  parseRollout,
  parseRollouts,
  product,
  promptText,
  referenceAt,
  type Reward,
  type RewardContext,
  type RewardDefinition,
  type RewardError,
  RewardFailure,
  RewardkitError,
  type RewardNeeds,
  type RewardResult,
  type Rollout,
  type RolloutLimits,
  scale,
  scoreBatch,
  scoreOne,
  type ScoreSummary,
  type Step,
  SummaryBuilder,
  type Term,
  type Tier,
  tiers,
  type ToolCall,
  transform,
  type TransformFn,
  type TransformOutput,
  treeNeeds,
  weighted,
  type WeightedOptions,
} from "./core/index.ts";
export {
  type BuildContext,
  type ChildShape,
  type CompiledSpec,
  compileNode,
  type CompileOptions,
  compileSpec,
  defineSpec,
  type ExampleOutcome,
  hasNestedQuantifier,
  type KindDefinition,
  leafKind,
  type LeafKind,
  lintSpec,
  type LintWarning,
  parseSpecText,
  Registry,
  type RewardSpec,
  runExamples,
  type SpecExample,
  specJsonSchema,
} from "./spec/index.ts";

export {
  advantagesFromRows,
  Runtime,
  type RuntimeOptions,
  type ScoreOutcome,
  type ScoreRequest,
  scoreRequest,
  serveSpecs,
} from "./runtime/index.ts";

// Temporal objectives (LTLf, reward machines, subgoals) and reward-guided search.
export { LtlfAutomaton, type Verdict } from "./temporal/automaton.ts";
export { type Formula, FormulaTable, formatFormula } from "./temporal/formula.ts";
export { compareLexicographic, lexicographicScalar } from "./temporal/lexicographic.ts";
export { toNnf } from "./temporal/nnf.ts";
export { type LtlfSyntax, parseLtlf } from "./temporal/parse.ts";
export { endOfTrace, progress } from "./temporal/progress.ts";
export {
  ltlfToRewardMachine,
  parseRewardMachine,
  productMachine,
  RewardMachine,
} from "./temporal/reward-machine.ts";
export { EmptyTraceError, holds } from "./temporal/semantics.ts";
export { segmentOptions, subgoalMachine } from "./temporal/subgoals.ts";
export { beamSearch } from "./search/beam.ts";
export { bestOfN } from "./search/best-of-n.ts";
export { completionsGenerator, functionGenerator, type Generator } from "./search/generator.ts";
export { hierarchicalSearch } from "./search/hierarchical.ts";
export { rewardObjective, type SearchResult } from "./search/objective.ts";
export { proposeSpec } from "./search/propose-spec.ts";
export { softBackup, softTreeSearch } from "./search/soft-tree.ts";
