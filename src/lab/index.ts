/**
 * The reward lab: Gymnasium-shaped environments, agents and reward designs, and an experiment runner that
 * compares designs across seeds with learning curves (docs/lab.md).
 * @example
 * import { chainEnv, qLearning, countBonus, runEpisodes } from "rewardkit/lab";
 * const stats = await runEpisodes(chainEnv(), qLearning({ actions: 2, alpha: 0.5 }, 1), countBonus("global", 1), { episodes: 200, seed: 1 });
 */
export type { Agent, Observation, Transition } from "./agents/agent.ts";
export { type MetaGreedyOptions, metaGreedy } from "./agents/meta-greedy.ts";
export { Mlp, softmax } from "./agents/mlp.ts";
export { type HrmOptions, hrmAgent } from "./agents/options.ts";
export { type PolicyGradientOptions, type PpoOptions, ppo, reinforce } from "./agents/policy-gradient.ts";
export { QTable, qLearning, sarsa, type TabularOptions } from "./agents/tabular.ts";
export { AmftController, type AmftOptions, type ImitationTask, runAmftTask } from "./designs/amft.ts";
export { type BarfiOptions, type BarfiTrial, barfiTune } from "./designs/barfi.ts";
export { type Evaluated, type MapElitesOptions, mapElites } from "./designs/behaviour-search.ts";
export { type CountMode, countBonus } from "./designs/count-bonus.ts";
export {
  type DesignStep,
  pbrs,
  type RewardDesign,
  sparse,
  stateBonus,
  weightedAux,
} from "./designs/design.ts";
export { type MaxEntIrlOptions, maxEntIrl } from "./designs/irl.ts";
export { knnNovelty, LinearAutoencoder, noveltyDesign } from "./designs/novelty.ts";
export { type OniOptions, oniDesign } from "./designs/oni.ts";
export { perceptualPotential, segmentDemonstration } from "./designs/perceptual.ts";
export { learnPreferenceReward, type TrajectoryPreference } from "./designs/preferences.ts";
export { type BanditOptions, banditEnv } from "./envs/bandit.ts";
export { type ChainOptions, chainEnv } from "./envs/chain.ts";
export { type PointMassOptions, pointMassEnv } from "./envs/continuous.ts";
export {
  type BoxSpace,
  checkEnv,
  contains,
  type DiscreteSpace,
  type Env,
  type EnvIssue,
  type Space,
  type StepInfo,
  type StepResult,
} from "./envs/env.ts";
export {
  FOUR_ROOMS,
  type GridLayout,
  type GridOptions,
  gridDistances,
  gridEnv,
  KEY_DOOR,
  mazeLayout,
  parseGrid,
} from "./envs/gridworld.ts";
export { TOOL_USE_ACTIONS, type ToolUseOptions, toolUseEnv } from "./envs/tool-use.ts";
export { type CellSpec, runCell } from "./cell.ts";
export { type Experiment, experimentSchema } from "./experiment-config.ts";
export { type ExperimentResult, parseExperiment, runExperiment } from "./experiment.ts";
export { type LabMachine, machinePotentials, sequenceMachine } from "./machine.ts";
export { curvesPng, curvesSvg, type CurveSeries, encodePng } from "./plot.ts";
export { argmaxTieRandom, LabRandom } from "./random.ts";
export { type EpisodeStats, type RunOptions, runEpisodes } from "./runner.ts";
export { type DesignSummary, learningCurve, meanCi, summarize } from "./summary.ts";
export {
  finiteHorizonPath,
  finiteHorizonPlan,
  gridModel,
  optimalActions,
  reachableStates,
  type TabularModel,
  valueIteration,
} from "./tabular-model.ts";
