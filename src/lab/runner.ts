import type { Agent, Observation } from "./agents/agent.ts";
import type { RewardDesign } from "./designs/design.ts";
import type { Env } from "./envs/env.ts";
import type { LabMachine } from "./machine.ts";

/** What one episode produced, measured on the environment's own reward. */
export interface EpisodeStats {
  episode: number;
  /** Undiscounted sum of the environment's rewards. */
  return: number;
  success: boolean;
  length: number;
  /** Environment steps so far, this episode included. */
  steps: number;
  /** Sum of the design's training rewards. */
  trainReturn: number;
}

/** Options of `runEpisodes`. */
export interface RunOptions {
  episodes: number;
  /** Seed of the cell; episode e resets the environment with seed·100003 + e. */
  seed: number;
  /** A machine whose state is appended to the table key (product of environment and machine). */
  machine?: LabMachine;
  onEpisode?: (s: EpisodeStats) => void;
}

/** An observation whose feature vector is built only when an agent reads it (tabular agents never do). */
class LazyObservation implements Observation {
  private built: Float64Array | null = null;
  constructor(
    readonly key: string,
    readonly state: string,
    private readonly raw: unknown,
    private readonly size: number,
    readonly u?: number,
  ) {}
  get vec(): Float64Array {
    if (!this.built) {
      if (this.size > 0) {
        this.built = new Float64Array(this.size);
        this.built[this.raw as number] = 1;
      } else this.built = Float64Array.from(this.raw as number[]);
    }
    return this.built;
  }
}

/** The observation an agent sees: the observation key (with the machine state), the state key, and features. */
export function observe(env: Env<unknown, number>, raw: unknown, u?: number): Observation {
  const state = env.stateKey();
  const space = env.observationSpace;
  const base = space.kind === "discrete" ? String(raw) : state;
  const key = u === undefined ? base : `${base}|${u}`;
  return new LazyObservation(key, state, raw, space.kind === "discrete" ? space.n : 0, u);
}

/**
 * Runs `episodes` episodes of `agent` on `env`, training on `design`'s rewards, and returns per-episode
 * statistics on the environment's own reward. Deterministic for a given seed (environment, agent and design
 * seeded by the caller). Asynchronous only for designs that label between episodes.
 * @example const stats = await runEpisodes(chainEnv(), qLearning({ actions: 2 }, 1), sparse(), { episodes: 100, seed: 1 });
 */
export async function runEpisodes(
  env: Env<unknown, number>,
  agent: Agent,
  design: RewardDesign,
  o: RunOptions,
): Promise<EpisodeStats[]> {
  const out: EpisodeStats[] = [];
  let steps = 0;
  const withEvents = agent as Agent & { observeEvents?: (e: readonly string[]) => void };
  for (let e = 0; e < o.episodes; e++) {
    let u = o.machine?.initial;
    const { observation } = env.reset(o.seed * 100003 + e);
    let obs = observe(env, observation, u);
    design.beginEpisode();
    let ret = 0;
    let trainRet = 0;
    let success = false;
    let t = 0;
    for (;;) {
      const action = agent.act(obs);
      const r = env.step(action);
      const events = r.info.events ?? [];
      if (o.machine && u !== undefined) u = o.machine.step(u, events).u;
      const next = observe(env, r.observation, u);
      const step = {
        obs,
        next,
        action,
        reward: r.reward,
        terminated: r.terminated,
        truncated: r.truncated,
        info: r.info,
        t,
      };
      const shaped = design.reward(step);
      withEvents.observeEvents?.(events);
      agent.observe({ obs, action, reward: shaped, next, terminated: r.terminated, truncated: r.truncated });
      ret += r.reward;
      trainRet += shaped;
      success ||= r.info.success === true;
      t++;
      obs = next;
      if (r.terminated || r.truncated) break;
    }
    agent.endEpisode();
    design.endEpisode?.();
    if (design.flush) await design.flush();
    steps += t;
    const s = { episode: e, return: ret, success, length: t, steps, trainReturn: trainRet };
    out.push(s);
    o.onEpisode?.(s);
  }
  return out;
}
