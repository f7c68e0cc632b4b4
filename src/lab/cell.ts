import { RewardkitError } from "../core/errors.ts";
import { defaultRegistry } from "../builtins.ts";
import { compileSpec } from "../spec/spec.ts";
import type { Agent, Observation } from "./agents/agent.ts";
import { metaGreedy } from "./agents/meta-greedy.ts";
import { hrmAgent } from "./agents/options.ts";
import { ppo, reinforce } from "./agents/policy-gradient.ts";
import { qLearning, sarsa } from "./agents/tabular.ts";
import { barfiTune } from "./designs/barfi.ts";
import { countBonus } from "./designs/count-bonus.ts";
import {
  type DesignStep,
  pbrs,
  type RewardDesign,
  sparse,
  stateBonus,
  weightedAux,
} from "./designs/design.ts";
import { maxEntIrl } from "./designs/irl.ts";
import { noveltyDesign } from "./designs/novelty.ts";
import { oniDesign } from "./designs/oni.ts";
import { perceptualPotential } from "./designs/perceptual.ts";
import { learnPreferenceReward } from "./designs/preferences.ts";
import { banditEnv } from "./envs/bandit.ts";
import { chainEnv } from "./envs/chain.ts";
import { pointMassEnv } from "./envs/continuous.ts";
import type { Env } from "./envs/env.ts";
import {
  FOUR_ROOMS,
  type GridLayout,
  gridDistances,
  gridEnv,
  KEY_DOOR,
  mazeLayout,
  parseGrid,
} from "./envs/gridworld.ts";
import { toolUseEnv } from "./envs/tool-use.ts";
import type { AgentConfig, DesignConfig, EnvConfig } from "./experiment-config.ts";
import { type LabMachine, machinePotentials, sequenceMachine } from "./machine.ts";
import { LabRandom } from "./random.ts";
import { type EpisodeStats, runEpisodes } from "./runner.ts";
import { finiteHorizonPlan, gridModel, reachableStates, type TabularModel } from "./tabular-model.ts";

type GridEnv = ReturnType<typeof gridEnv>;

/** A built environment with what designs may need: its layout (gridworlds) and its reward machine. */
export interface BuiltEnv {
  env: Env<unknown, number>;
  grid?: GridEnv;
  machine?: LabMachine;
  /** Φ(s) of the "progress" and "distance" potentials, in [0, 1] (1 at the goal), the range of V* for a goal reward of 1. */
  distance?: (o: Observation) => number;
}

/** Builds an environment from its config. */
export function buildEnv(c: EnvConfig): BuiltEnv {
  const gridWith = (
    layout: GridLayout | ((seed: number) => GridLayout),
    maxSteps?: number,
    slip = 0,
    id?: string,
    view: "global" | "local" = "global",
  ): BuiltEnv => {
    const grid = gridEnv(layout, { slip, view, ...(maxSteps ? { maxSteps } : {}), ...(id ? { id } : {}) });
    let cachedFor: GridLayout | null = null;
    let dist: Int32Array = new Int32Array(0);
    let maxD = 1;
    const distance = (o: Observation) => {
      const g = grid.layout();
      if (g !== cachedFor) {
        cachedFor = g;
        dist = gridDistances(g, g.goal);
        maxD = Math.max(1, ...dist);
      }
      const pos = Number.parseInt(o.state, 10);
      const d = dist[pos]!;
      return d < 0 ? 0 : 1 - d / maxD;
    };
    return { env: grid, grid, distance };
  };
  switch (c.kind) {
    case "chain": {
      const env = chainEnv({
        length: c.length,
        distractor: c.distractor,
        ...(c.max_steps ? { maxSteps: c.max_steps } : {}),
      });
      return { env, distance: (o) => Number.parseInt(o.state, 10) / (c.length - 1) };
    }
    case "bandit":
      return { env: banditEnv({ arms: c.arms, horizon: c.horizon, ...(c.probs ? { probs: c.probs } : {}) }) };
    case "four_rooms":
      return gridWith(parseGrid(FOUR_ROOMS), c.max_steps, c.slip, "four_rooms");
    case "grid":
      return gridWith(parseGrid(c.map), c.max_steps, c.slip);
    case "key_door": {
      const built = gridWith(parseGrid(KEY_DOOR), c.max_steps, c.slip, "key_door");
      return { ...built, machine: sequenceMachine(["key", "door", "goal"]) };
    }
    case "maze":
      return gridWith((seed) => mazeLayout(c.width, c.height, seed), c.max_steps, 0, "maze", c.view);
    case "point_mass": {
      const env = pointMassEnv({ maxSteps: c.max_steps });
      return { env, distance: (o) => 1 - Math.abs(o.vec[0]! - 0.8) / 1.8 };
    }
    case "tool_use": {
      const { reward } = compileSpec({ name: "tool-use", reward: c.reward }, { registry: defaultRegistry });
      const env = toolUseEnv({ reward, maxSteps: c.max_steps });
      return {
        env,
        machine: sequenceMachine(["weather", "convert", "goal"]),
        distance: (o) =>
          Number.parseInt(o.state, 10) === 2 ? 0 : Number.parseInt(o.state, 10) === 1 ? -0.5 : -1,
      };
    }
  }
}

function inputs(env: Env<unknown, number>): number {
  return env.observationSpace.kind === "discrete" ? env.observationSpace.n : env.observationSpace.low.length;
}

/** Builds an agent from its config for an environment. */
export function buildAgent(c: AgentConfig, built: BuiltEnv, seed: number): Agent {
  const { env } = built;
  if (env.actionSpace.kind !== "discrete")
    throw new RangeError("the lab's agents act in discrete action spaces");
  const actions = env.actionSpace.n;
  switch (c.kind) {
    case "q_learning":
      return qLearning({ actions, alpha: c.alpha, gamma: c.gamma, epsilon: c.epsilon, init: c.init }, seed);
    case "sarsa":
      return sarsa({ actions, alpha: c.alpha, gamma: c.gamma, epsilon: c.epsilon, init: c.init }, seed);
    case "reinforce":
      return reinforce(
        { actions, inputs: inputs(env), lr: c.lr, gamma: c.gamma, hidden: c.hidden, entropy: c.entropy },
        seed,
      );
    case "ppo":
      return ppo(
        {
          actions,
          inputs: inputs(env),
          lr: c.lr,
          gamma: c.gamma,
          hidden: c.hidden,
          entropy: c.entropy,
          horizon: c.horizon,
          epochs: c.epochs,
          clip: c.clip,
          lambda: c.lambda,
        },
        seed,
      );
    case "hrm":
      if (!built.machine)
        throw new RewardkitError("E_SPEC_INVALID", [
          {
            path: "agents[].kind",
            message: `hrm needs an environment with a reward machine (key_door, tool_use), not ${env.id}`,
          },
        ]);
      return hrmAgent(built.machine, { actions, alpha: c.alpha, gamma: c.gamma, epsilon: c.epsilon }, seed);
    case "meta_greedy":
      return metaGreedy({ actions, priorStrength: c.prior_strength }, seed);
  }
}

/** Shortest paths from start to goal on a grid (random tie-breaking), as state sequences. */
function demonstrations(g: GridLayout, n: number, rand: LabRandom): number[][] {
  const dist = gridDistances(g, g.goal);
  const model = gridModel(g);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const path = [g.start];
    let s = g.start;
    while (s !== g.goal && path.length < g.width * g.height) {
      const options: number[] = [];
      for (let a = 0; a < 4; a++) {
        const n2 = model.next[s * 4 + a]!;
        if (dist[n2] === dist[s]! - 1) options.push(n2);
      }
      if (!options.length) break;
      s = options[rand.int(options.length)]!;
      path.push(s);
    }
    out.push(path);
  }
  return out;
}

function needGrid(built: BuiltEnv, what: string): GridLayout {
  if (!built.grid)
    throw new RewardkitError("E_SPEC_INVALID", [
      { path: "designs[].kind", message: `${what} needs a gridworld environment, not ${built.env.id}` },
    ]);
  return built.grid.layout();
}

/** What a design needs to train: the design, and facts to report (e.g. BARFI's tuned weights). */
export interface BuiltDesign {
  design: RewardDesign;
  report?: Record<string, unknown>;
}

/** Builds a reward design from its config, fitting learned designs (IRL, preferences, BARFI) first. */
export async function buildDesign(
  c: DesignConfig,
  built: BuiltEnv,
  agentConfig: AgentConfig,
  seed: number,
  episodes: number,
): Promise<BuiltDesign> {
  const rand = new LabRandom(seed ^ 0x2545f491);
  const potential = (kind: string, gamma: number): ((o: Observation) => number) => {
    if (kind === "distance" || kind === "progress") {
      if (!built.distance)
        throw new RewardkitError("E_SPEC_INVALID", [
          { path: "designs[].potential", message: `no ${kind} potential for ${built.env.id}` },
        ]);
      return built.distance;
    }
    if (kind === "machine") {
      if (!built.machine)
        throw new RewardkitError("E_SPEC_INVALID", [
          { path: "designs[].potential", message: `${built.env.id} has no reward machine` },
        ]);
      const phi = machinePotentials(built.machine, gamma);
      return (o) => phi[o.u ?? 0]!;
    }
    const g = needGrid(built, "the perceptual potential");
    const coords = (s: number, key = 0) => [(s % g.width) / g.width, Math.floor(s / g.width) / g.height, key];
    const demos = demonstrations(g, 5, rand).map((d) => d.map((s) => coords(s)));
    const phi = perceptualPotential(demos, 4);
    return (o) =>
      phi({
        key: o.key,
        state: o.state,
        vec: Float64Array.from(coords(Number.parseInt(o.state, 10), o.state.includes("k") ? 1 : 0)),
      });
  };
  switch (c.kind) {
    case "sparse":
      return { design: sparse() };
    case "pbrs":
      return { design: pbrs(potential(c.potential, c.gamma), c.gamma, c.scale) };
    case "state_bonus":
      return { design: stateBonus(c.states, c.bonus) };
    case "count":
      return { design: countBonus(c.mode, c.beta) };
    case "novelty":
      return {
        design: noveltyDesign({ inputs: inputsOf(built), beta: c.beta, k: c.k, latent: c.latent }, seed),
      };
    case "oni":
      return {
        design: oniDesign({
          baseUrl: c.base_url,
          model: c.model,
          cExt: c.c_ext,
          cLlm: c.c_llm,
          beta: c.beta,
        }),
      };
    case "irl": {
      const g = needGrid(built, "irl");
      const model = gridModel(g);
      const demos = demonstrations(g, c.demos, rand);
      const { reward } = maxEntIrl(model, demos, { iterations: c.iterations });
      const horizon = Math.max(...demos.map((d) => d.length - 1));
      return {
        design: learnedDesign("irl", model, reward, c.use, c.gamma, horizon),
        report: { states: model.states, demos: c.demos },
      };
    }
    case "preferences": {
      const g = needGrid(built, "preferences");
      const model = gridModel(g);
      const walk = () => {
        const path = [g.start];
        let s = g.start;
        for (let t = 0; t < 4 * model.states && !model.terminal[s]; t++) {
          s = model.next[s * 4 + rand.int(4)]!;
          path.push(s);
        }
        return path;
      };
      const value = (p: number[]) =>
        (model.terminal[p[p.length - 1]!] ? c.gamma ** (p.length - 1) : 0) - 0.001 * p.length;
      const demos = demonstrations(g, 10, rand);
      const oneHot = (s: number) => {
        const f = new Float64Array(model.states);
        f[s] = 1;
        return f;
      };
      const prefs = Array.from({ length: c.pairs }, (_, i) => {
        const a = i % 3 === 0 ? demos[i % demos.length]! : walk();
        const b = walk();
        const va = value(a);
        const vb = value(b);
        return { a: a.map(oneHot), b: b.map(oneHot), label: va > vb ? 1 : va < vb ? 0 : 0.5 };
      });
      const w = learnPreferenceReward(prefs, { dim: model.states, seed });
      const horizon = Math.max(...demos.map((d) => d.length - 1));
      return {
        design: learnedDesign("preferences", model, w, c.use, c.gamma, horizon),
        report: { pairs: prefs.length },
      };
    }
    case "weighted":
    case "barfi": {
      const distance = potential("distance", 0.99);
      const g = needGrid(built, "barfi");
      const far = (() => {
        const dist = gridDistances(g, g.goal);
        let best = g.start;
        for (let s = 0; s < dist.length; s++) if (dist[s]! > dist[best]!) best = s;
        return String(best);
      })();
      const auxes = c.aux.map((name) => {
        if (name === "toward_goal")
          return (s: DesignStep) => 0.99 * (s.terminated ? 0 : distance(s.next)) - distance(s.obs);
        if (name === "away_from_goal")
          return (s: DesignStep) => -(0.99 * (s.terminated ? 0 : distance(s.next)) - distance(s.obs));
        return (s: DesignStep) => (s.next.state === far ? 0.2 : 0);
      });
      if (c.kind === "weighted") {
        if (c.weights.length !== c.aux.length)
          throw new RewardkitError("E_SPEC_INVALID", [
            {
              path: "designs[].weights",
              message: `need ${c.aux.length} weights, one per aux reward, got ${c.weights.length}`,
            },
          ]);
        return { design: weightedAux(auxes, c.weights) };
      }
      const inner = async (weights: number[]) => {
        let total = 0;
        for (let k = 0; k < c.inner_seeds; k++) {
          const innerSeed = seed * 1000 + 17 + k;
          const e = buildEnv(innerEnvConfigOf(built));
          const agent = buildAgent(agentConfig, e, innerSeed);
          const stats = await runEpisodes(e.env, agent, weightedAux(auxes, weights), {
            episodes: c.inner_episodes,
            seed: innerSeed,
            machine: e.machine,
          });
          total += stats.reduce((a, s) => a + s.return, 0) / stats.length;
        }
        return total / c.inner_seeds;
      };
      const init = c.init ?? c.aux.map(() => 1);
      const tuned = await barfiTune(inner, { init, iterations: c.iterations });
      return {
        design: weightedAux(auxes, tuned.weights),
        report: { init, weights: tuned.weights, trials: tuned.trials.length, episodes },
      };
    }
  }
}

const envConfigs = new WeakMap<BuiltEnv, EnvConfig>();
function innerEnvConfigOf(b: BuiltEnv): EnvConfig {
  const c = envConfigs.get(b);
  if (!c) throw new Error("environment config not recorded");
  return c;
}

function inputsOf(b: BuiltEnv): number {
  return inputs(b.env);
}

/**
 * A design from a learned per-state reward: `reward` trains on it directly (the state entered); `potential`
 * plans with it (backward induction over the demonstrations' horizon) and uses the resulting values, rescaled
 * to [0, 1] over the reachable states (the range of V* for a goal reward of 1), as a shaping potential on top
 * of the environment's reward. The learned
 * reward then guides without being able to change the optimal policy, and without the local maxima of the raw
 * reward, which tabular learners otherwise circle (seen here: 0% success on four rooms).
 */
function learnedDesign(
  id: string,
  model: TabularModel,
  reward: ArrayLike<number>,
  use: "potential" | "reward",
  gamma: number,
  horizon: number,
): RewardDesign {
  if (use === "reward")
    return { id, beginEpisode() {}, reward: (s) => reward[Number.parseInt(s.next.state, 10)] ?? 0 };
  const { value } = finiteHorizonPlan(model, reward, horizon);
  const reach = reachableStates(model).filter((s) => !model.terminal[s]);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of reach) [lo, hi] = [Math.min(lo, value[s]!), Math.max(hi, value[s]!)];
  const span = hi - lo || 1;
  return { ...pbrs((o) => Math.max(0, (value[Number.parseInt(o.state, 10)]! - lo) / span), gamma), id };
}

/** One cell of an experiment: environment, agent and design configs and a seed. */
export interface CellSpec {
  env: EnvConfig;
  agent: AgentConfig;
  design: DesignConfig;
  seed: number;
  episodes: number;
}

/**
 * Runs one cell: builds a fresh environment, agent and design from the seed and trains for `episodes`.
 * Deterministic per seed.
 * @example await runCell({ env: { kind: "chain", length: 10, distractor: 0.01 }, agent, design, seed: 1, episodes: 100 })
 */
export async function runCell(
  cell: CellSpec,
): Promise<{ stats: EpisodeStats[]; report?: Record<string, unknown> }> {
  const built = buildEnv(cell.env);
  envConfigs.set(built, cell.env);
  const agent = buildAgent(cell.agent, built, cell.seed);
  const { design, report } = await buildDesign(cell.design, built, cell.agent, cell.seed, cell.episodes);
  const stats = await runEpisodes(built.env, agent, design, {
    episodes: cell.episodes,
    seed: cell.seed,
    machine: built.machine,
  });
  return report ? { stats, report } : { stats };
}
