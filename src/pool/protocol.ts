import type { NodeSpec, RewardResult, Rollout } from "../core/types.ts";

/** Main thread → worker: score one rollout with the reward built from `node`. */
export interface TaskMessage {
  id: number;
  node: NodeSpec;
  rollout: Rollout;
  step?: number;
  seed?: number;
}

/** Worker → main thread: the result of one task, or readiness after startup. */
export type WorkerMessage = { type: "ready" } | { type: "result"; id: number; result: RewardResult };

/** Data every worker starts with. */
export interface WorkerData {
  /** Module URL exporting `registry` (a Registry); the built-in registry when absent. */
  registryModule?: string;
  /** The TypeScript worker module, when running from source. */
  entry?: string;
}
