import type { Observation } from "../agents/agent.ts";
import type { StepInfo } from "../envs/env.ts";

/** One environment step as a reward design sees it. */
export interface DesignStep {
  obs: Observation;
  next: Observation;
  action: number;
  /** The environment's own (primary) reward. */
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: StepInfo;
  /** Step index within the episode, from 0. */
  t: number;
}

/**
 * A reward design: turns the environment's reward into the reward an agent trains on. Returns and success
 * are always reported on the environment's own reward, so designs are compared on the task, not on themselves.
 * @example const d = sparse(); d.beginEpisode(); d.reward(step) // step.reward
 */
export interface RewardDesign {
  readonly id: string;
  beginEpisode(): void;
  reward(s: DesignStep): number;
  endEpisode?(): void;
  /** Asynchronous work between episodes (labels from a judge endpoint). */
  flush?(): Promise<void>;
}

/** The environment's reward, unchanged. @example sparse().reward(step) === step.reward */
export function sparse(): RewardDesign {
  return { id: "sparse", beginEpisode() {}, reward: (s) => s.reward };
}

/**
 * A constant bonus every time a state is entered — not potential-based, so it can change the optimal policy
 * (the counter-example to PBRS: a policy may loop on the bonus state instead of finishing).
 * (Ng, Harada & Russell, ICML 1999, §3: shaping that is not a potential difference can change optimal policies)
 * @example stateBonus(["12"], 0.1)
 */
export function stateBonus(keys: readonly string[], bonus: number): RewardDesign {
  const set = new Set(keys);
  return {
    id: "state_bonus",
    beginEpisode() {},
    reward: (s) => s.reward + (set.has(s.next.state) ? bonus : 0),
  };
}

/**
 * Potential-based shaping r + γΦ(s′) − Φ(s) with Φ(terminal) = 0 and Φ(s′) kept on truncation, which leaves
 * the optimal policy unchanged (Ng, Harada & Russell, ICML 1999; rewardkit's `potentialShaping`).
 * @example pbrs((o) => -distance(o.state), 0.99)
 */
export function pbrs(
  potential: (o: Observation, info?: DesignStep["info"]) => number,
  gamma: number,
  scale = 1,
): RewardDesign {
  return {
    id: "pbrs",
    beginEpisode() {},
    reward(s) {
      const phi = potential(s.obs);
      const phiNext = s.terminated ? 0 : potential(s.next, s.info);
      return s.reward + scale * (gamma * phiNext - phi);
    },
  };
}

/** A linear combination r_p + Σ w_i·aux_i(step) of the primary reward and auxiliary rewards (BARFI's r_φ). */
export function weightedAux(
  aux: readonly ((s: DesignStep) => number)[],
  weights: readonly number[],
): RewardDesign {
  return {
    id: "weighted_aux",
    beginEpisode() {},
    reward(s) {
      let r = s.reward;
      for (let i = 0; i < aux.length; i++) r += weights[i]! * aux[i]!(s);
      return r;
    },
  };
}
