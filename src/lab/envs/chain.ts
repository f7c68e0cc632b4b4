import type { DiscreteSpace, Env, StepResult } from "./env.ts";

/** Options of the chain MDP. */
export interface ChainOptions {
  /** Number of states (default 10); the goal is the last one. */
  length?: number;
  /** Reward for pushing left at the start state: a small, easy distractor (default 0.01). */
  distractor?: number;
  /** Reward at the goal, which ends the episode (default 1). */
  goal?: number;
  /** Steps before truncation (default length + 10). */
  maxSteps?: number;
}

/**
 * The chain MDP, a hard-exploration benchmark: states 0..N−1, action 0 moves left, 1 moves right; pushing
 * left at state 0 pays a small distractor reward, reaching N−1 pays the goal reward and ends the episode.
 * Dithering exploration reaches the goal with probability about 2^−(N−1) per episode, so ε-greedy settles
 * on the distractor while count-based bonuses reach the goal (Strens 2000; Osband et al., arXiv 1602.04621).
 * @example const env = chainEnv({ length: 4 }); env.reset(0); env.step(1).observation // 1
 */
export function chainEnv(o: ChainOptions = {}): Env<number, number> {
  const n = o.length ?? 10;
  const distractor = o.distractor ?? 0.01;
  const goal = o.goal ?? 1;
  const maxSteps = o.maxSteps ?? n + 10;
  let s = 0;
  let t = 0;
  const space: DiscreteSpace = { kind: "discrete", n };
  return {
    id: `chain-${n}`,
    observationSpace: space,
    actionSpace: { kind: "discrete", n: 2 },
    maxSteps,
    reset() {
      s = 0;
      t = 0;
      return { observation: s, info: {} };
    },
    step(a: number): StepResult<number> {
      t++;
      let reward = 0;
      if (a === 1) s = Math.min(n - 1, s + 1);
      else if (s === 0) reward = distractor;
      else s -= 1;
      const terminated = s === n - 1;
      if (terminated) reward = goal;
      return {
        observation: s,
        reward,
        terminated,
        truncated: !terminated && t >= maxSteps,
        info: { success: terminated, events: terminated ? ["goal"] : [] },
      };
    },
    stateKey: () => String(s),
  };
}
