/**
 * Credit assignment: group advantage estimators, step- and turn-level credit, and data selection by reward spread.
 * @example import { grpo, fixedGroups } from "./src/credit/index.ts"; grpo(scores, fixedGroups(scores.length, 16));
 */
export * from "./api.ts";
export * from "./dense-grpo.ts";
export * from "./dynamic-sampling.ts";
export * from "./gae.ts";
export * from "./gdpo.ts";
export * from "./groups.ts";
export * from "./grpo.ts";
export * from "./off-policy.ts";
export * from "./oprl.ts";
export * from "./process-rewards.ts";
export * from "./progress.ts";
export * from "./reinforce-pp.ts";
export * from "./rloo.ts";
export * from "./rng.ts";
export * from "./sampling.ts";
export * from "./segmental.ts";
export * from "./stats.ts";
export * from "./step-returns.ts";
export * from "./timestep-weights.ts";
export * from "./token-reweight.ts";
export * from "./turn-level.ts";
