/**
 * Credit assignment: group advantage estimators, step- and turn-level credit, and data selection by reward spread.
 * @example import { grpo, fixedGroups } from "./src/credit/index.ts"; grpo(scores, fixedGroups(scores.length, 16));
 */
export {
  type AdvantageOptions,
  advantageOptionsSchema,
  advantagesFromRequest,
  type AdvantagesRequest,
  advantagesRequestSchema,
  type AdvantagesResponse,
  computeAdvantages,
  type EstimatorName,
  ESTIMATORS,
} from "./api.ts";
export { perStepGroupAdvantages, stepGains } from "./dense-grpo.ts";
export { dynamicSamplingFilter, type SignalReport } from "./dynamic-sampling.ts";
export { gae, type GaeOptions, type GaeSequence } from "./gae.ts";
export { type GdpoOptions, normalizeThenSum } from "./gdpo.ts";
export { fixedGroups, groupBy, type Groups } from "./groups.ts";
export { drGrpo, grpo, grpoConstants, type GrpoConvention, type GrpoOptions } from "./grpo.ts";
export { withGroundTruth } from "./off-policy.ts";
export { oprlAdvantages, type OprlOptions } from "./oprl.ts";
export {
  clipProcessRewards,
  deltaProcessRewards,
  minFormReturns,
  minFormStepRewards,
  type ProcessShapingOptions,
  shapeProcessRewards,
} from "./process-rewards.ts";
export {
  hopLabel,
  progressBackward,
  progressForward,
  progressIncremental,
  progressToStepRewards,
} from "./progress.ts";
export {
  reinforcePlusPlus,
  reinforcePlusPlusBaseline,
  reinforcePlusPlusTokens,
  type ReinforcePPOptions,
  type TokenSequence,
} from "./reinforce-pp.ts";
export { rloo } from "./rloo.ts";
export { difficultyWeights, varianceAwareSelect } from "./sampling.ts";
export { attenuationWeights, segmentalReward, segmentalSample } from "./segmental.ts";
export { maskedWhiten, meanStd, type StdKind, type WhitenOptions } from "./stats.ts";
export { discountedReturns, processGrpo } from "./step-returns.ts";
export { branchCredit, noiseAwareWeights } from "./timestep-weights.ts";
export { nthrReweight, thrReweight } from "./token-reweight.ts";
export { turnLevelRewards } from "./turn-level.ts";
