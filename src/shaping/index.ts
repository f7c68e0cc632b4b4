/**
 * Reward shaping: potential-based shaping and score-level transforms (also available as `shape.*` spec kinds).
 * @example import { par, shapeTrajectory } from "./src/shaping/index.ts"; par(0.7, [0.2, 0.5]);
 */
export * from "./kinds.ts";
export * from "./potential.ts";
export * from "./reference-rewards.ts";
export * from "./running-norm.ts";
export * from "./schedule.ts";
export * from "./score-transforms.ts";
export * from "./wrap.ts";
