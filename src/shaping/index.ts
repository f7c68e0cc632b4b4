/**
 * Reward shaping: potential-based shaping and score-level transforms (also available as `shape.*` spec kinds).
 * @example import { par, shapeTrajectory } from "./src/shaping/index.ts"; par(0.7, [0.2, 0.5]);
 */
export { shapingKinds } from "./kinds.ts";
export { potentialShaping, shapeTrajectory } from "./potential.ts";
export { referenceRewards } from "./reference-rewards.ts";
export { rolloutKey, RunningNorm, type RunningSnapshot } from "./running-norm.ts";
export { type Schedule, scheduleAt, scheduleSchema } from "./schedule.ts";
export { asymmetricShape, centred, clipToReferences, par, sigmoid, tanhShape } from "./score-transforms.ts";
export { type ShapeFn, shapeNode } from "./wrap.ts";
