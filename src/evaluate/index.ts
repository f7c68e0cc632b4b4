// Public API of src/evaluate.
export { type AccuracyReport, pairwiseAccuracy, type ScoredPair } from "./accuracy.ts";
export { bestOfN, type TiesPrompt, type TiesReport, tiesScore, type TieVariant } from "./best-of-n.ts";
export {
  type CalibrationBin,
  type CalibrationReport,
  expectedCalibrationError,
  pairConfidence,
} from "./calibration.ts";
export { type ConsistencyReport, contrastConsistency, type ContrastScores } from "./consistency.ts";
export { lengthBias, type LengthBiasReport } from "./length-bias.ts";
export { probeDimensions, type ProbeExample, type ProbeOptions, type ProbeReport } from "./probes.ts";
export {
  type EvalOptions,
  type EvalReport,
  evaluatePreferences,
  headline,
  reportMarkdown,
  writeReport,
} from "./report.ts";
export { type FusionEntry, type FusionOptions, rewardFusion } from "./reward-fusion.ts";
export {
  REWARDBENCH_EXAMPLE_COUNTS,
  REWARDBENCH_PRIOR_SETS,
  REWARDBENCH_SECTIONS,
} from "./rewardbench-sections.ts";
export { type ResponseScorer, scorerFor } from "./scorer.ts";
export { type TieAccuracyReport, tieCalibratedAccuracy, type TiePair } from "./tie-accuracy.ts";
