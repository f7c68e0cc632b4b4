// Public API of src/models.
export { combineScores, type EnsembleCombine, RewardEnsemble } from "./ensemble.ts";
export {
  featureConfig,
  type FeatureConfig,
  featureConfigSchema,
  featureDim,
  type FeatureInput,
  featurize,
} from "./features.ts";
export { modelKinds } from "./kinds.ts";
export {
  MODEL_TYPES,
  modelFileSchema,
  type ModelScore,
  type ModelType,
  RewardModel,
  type RewardModelFile,
} from "./model.ts";
export type { ObjectiveOptions } from "./objectives.ts";
export { fitPalUser } from "./pal-few-shot.ts";
export { loadModel, saveModel } from "./persist.ts";
export {
  type ContrastItem,
  parsePreferenceJsonl,
  parsePreferenceRecord,
  type PreferenceData,
  type PreferencePair,
  type ProbeItem,
} from "./preference-data.ts";
export type { SparseVec } from "./sparse.ts";
export { TEXT_STAT_NAMES, textStats } from "./text-stats.ts";
export { type EpochMetrics, type TrainOptions, trainPreferenceModel, type TrainResult } from "./train.ts";
