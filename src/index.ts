/**
 * rewardkit: the reward layer for reinforcement learning.
 * @example
 * import { compileSpec, defaultRegistry, scoreBatch } from "rewardkit";
 * const { reward } = compileSpec({ name: "demo", reward: { kind: "text.exact" } }, { registry: defaultRegistry });
 * const results = await scoreBatch(reward, [{ completion: "<answer>4</answer>", reference: "4" }]);
 */
export { defaultRegistry } from "./builtins.ts";
export * from "./core/index.ts";
export * from "./spec/index.ts";
