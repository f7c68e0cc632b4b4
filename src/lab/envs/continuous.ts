import type { Env, StepResult } from "./env.ts";

/** Options of the point-mass task. */
export interface PointMassOptions {
  /** Goal position (default 0.8) and its half-width (default 0.1). */
  goal?: number;
  tolerance?: number;
  /** Steps before truncation (default 200). */
  maxSteps?: number;
}

/**
 * A small continuous-control task: a point mass on [−1, 1] with velocity, pushed by a force in {−1, 0, +1}
 * (x′ = x + v′·dt, v′ = 0.95·v + 0.1·a·dt·10, walls stop it). Reward −0.01 per step and +1 on reaching the
 * goal band, which ends the episode. Observation: [x, v] in a box. Its PBRS heuristic is −|x − goal|.
 * @example const env = pointMassEnv(); env.reset(0).observation // [-0.5, 0]
 */
export function pointMassEnv(o: PointMassOptions = {}): Env<number[], number> {
  const goal = o.goal ?? 0.8;
  const tol = o.tolerance ?? 0.1;
  const maxSteps = o.maxSteps ?? 200;
  const dt = 0.1;
  let x = -0.5;
  let v = 0;
  let t = 0;
  return {
    id: "point-mass",
    observationSpace: { kind: "box", low: [-1, -2], high: [1, 2] },
    actionSpace: { kind: "discrete", n: 3 },
    maxSteps,
    reset() {
      x = -0.5;
      v = 0;
      t = 0;
      return { observation: [x, v], info: {} };
    },
    step(a: number): StepResult<number[]> {
      t++;
      v = Math.max(-2, Math.min(2, 0.95 * v + (a - 1) * dt));
      x += v * dt;
      if (x < -1 || x > 1) {
        x = Math.max(-1, Math.min(1, x));
        v = 0;
      }
      const terminated = Math.abs(x - goal) <= tol;
      return {
        observation: [x, v],
        reward: terminated ? 1 : -0.01,
        terminated,
        truncated: !terminated && t >= maxSteps,
        info: { success: terminated, events: terminated ? ["goal"] : [] },
      };
    },
    stateKey: () => `${Math.round(x * 20)}:${Math.round(v * 10)}`,
  };
}
