/** A finite set of actions or observations 0..n−1. */
export interface DiscreteSpace {
  kind: "discrete";
  n: number;
}

/** A box of real vectors with per-dimension bounds. */
export interface BoxSpace {
  kind: "box";
  low: number[];
  high: number[];
}

export type Space = DiscreteSpace | BoxSpace;

/** What `step` returns, as in Gymnasium: `terminated` is a real end, `truncated` a time limit. */
export interface StepResult<O> {
  observation: O;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: StepInfo;
}

/** Per-step facts: `events` are the propositions true after the step (for reward machines and subgoals). */
export interface StepInfo {
  events?: string[];
  success?: boolean;
  [key: string]: unknown;
}

/**
 * A Gymnasium-shaped environment: `reset(seed)` then `step(action)` until terminated or truncated.
 * Observations of discrete-state environments are integers; `stateKey` names the underlying state for
 * count bonuses and tabular agents.
 * (Gymnasium Env API, Towers et al. 2024)
 * @example const env = chainEnv(); env.reset(1); env.step(1) // { observation: 1, reward: 0, ... }
 */
export interface Env<O = number | number[], A = number> {
  readonly id: string;
  readonly observationSpace: Space;
  readonly actionSpace: Space;
  /** Largest number of steps before `truncated` is set. */
  readonly maxSteps: number;
  reset(seed: number): { observation: O; info: StepInfo };
  step(action: A): StepResult<O>;
  /** A string key of the current full state (position plus inventory), for counts and tables. */
  stateKey(): string;
}

/** Whether `x` lies in `space`. */
export function contains(space: Space, x: unknown): boolean {
  if (space.kind === "discrete") return Number.isInteger(x) && (x as number) >= 0 && (x as number) < space.n;
  if (!Array.isArray(x) || x.length !== space.low.length) return false;
  return x.every((v, i) => typeof v === "number" && v >= space.low[i]! - 1e-9 && v <= space.high[i]! + 1e-9);
}

/** One finding of `checkEnv`. */
export interface EnvIssue {
  check: string;
  message: string;
}

/**
 * Conformance checks in the spirit of Gymnasium's `check_env`: observations inside the observation space,
 * finite rewards, booleans for the end flags, `truncated` by `maxSteps` at the latest, and the same seed
 * giving the same trajectory under the same actions. Returns the problems found (empty = conforms).
 * @example checkEnv(() => chainEnv()) // []
 */
export function checkEnv(
  make: () => Env<unknown, number>,
  o: { seed?: number; episodes?: number } = {},
): EnvIssue[] {
  const issues: EnvIssue[] = [];
  const seed = o.seed ?? 0;
  const run = (): string[] => {
    const env = make();
    const log: string[] = [];
    if (env.actionSpace.kind !== "discrete") {
      issues.push({ check: "action_space", message: "checkEnv drives discrete action spaces only" });
      return log;
    }
    let actSeed = seed * 7919 + 1;
    for (let ep = 0; ep < (o.episodes ?? 3); ep++) {
      const { observation } = env.reset(seed + ep);
      if (!contains(env.observationSpace, observation))
        issues.push({ check: "reset_observation", message: `reset returned ${JSON.stringify(observation)}` });
      log.push(JSON.stringify(observation));
      for (let t = 0; t < env.maxSteps + 1; t++) {
        actSeed = (actSeed * 1103515245 + 12345) % 2147483648;
        const a = actSeed % env.actionSpace.n;
        const r = env.step(a);
        log.push(JSON.stringify([r.observation, r.reward, r.terminated, r.truncated]));
        if (!contains(env.observationSpace, r.observation))
          issues.push({
            check: "step_observation",
            message: `step returned ${JSON.stringify(r.observation)}`,
          });
        if (!Number.isFinite(r.reward)) issues.push({ check: "reward", message: `reward ${r.reward}` });
        if (typeof r.terminated !== "boolean" || typeof r.truncated !== "boolean")
          issues.push({ check: "flags", message: "terminated and truncated must be booleans" });
        if (r.terminated || r.truncated) break;
        if (t === env.maxSteps - 1)
          issues.push({ check: "truncation", message: `no end after maxSteps=${env.maxSteps} steps` });
      }
    }
    return log;
  };
  const a = run();
  const b = run();
  if (a.join("\n") !== b.join("\n"))
    issues.push({ check: "determinism", message: "the same seed and actions gave different trajectories" });
  return issues;
}
