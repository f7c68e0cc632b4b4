import { argmaxTieRandom, LabRandom } from "../random.ts";
import type { Agent, Observation, Transition } from "./agent.ts";

/** Options of the tabular agents. */
export interface TabularOptions {
  actions: number;
  /** Step size α (default 0.1). */
  alpha?: number;
  /** Discount γ (default 0.99). */
  gamma?: number;
  /** Exploration rate ε of ε-greedy (default 0.1). */
  epsilon?: number;
  /** Initial action value (default 0; optimism > 0 explores). */
  init?: number;
}

/** A Q-table over string state keys, created on first visit. */
export class QTable {
  private readonly q = new Map<string, Float64Array>();
  constructor(
    readonly actions: number,
    private readonly init = 0,
  ) {}
  get(key: string): Float64Array {
    let row = this.q.get(key);
    if (!row) {
      row = new Float64Array(this.actions).fill(this.init);
      this.q.set(key, row);
    }
    return row;
  }
  /** Number of states seen. */
  get size(): number {
    return this.q.size;
  }
}

function epsilonGreedy(row: Float64Array, epsilon: number, rand: LabRandom): number {
  return rand.next() < epsilon ? rand.int(row.length) : argmaxTieRandom(row, rand);
}

/**
 * Tabular Q-learning with ε-greedy exploration: Q(s,a) += α[r + γ·max_a′ Q(s′,a′)·(1 − terminated) − Q(s,a)];
 * a truncated episode bootstraps from s′ (a time limit is not a terminal state).
 * (Watkins & Dayan 1992; Sutton & Barto 2018, §6.5)
 * @example const agent = qLearning({ actions: 4, epsilon: 0.1 }, 7);
 */
export function qLearning(o: TabularOptions, seed: number): Agent & { table: QTable } {
  const rand = new LabRandom(seed);
  const table = new QTable(o.actions, o.init ?? 0);
  const alpha = o.alpha ?? 0.1;
  const gamma = o.gamma ?? 0.99;
  const eps = o.epsilon ?? 0.1;
  return {
    id: "q_learning",
    table,
    act: (obs) => epsilonGreedy(table.get(obs.key), eps, rand),
    greedy: (obs) => argmaxTieRandom(table.get(obs.key), rand),
    observe(t: Transition) {
      const row = table.get(t.obs.key);
      let target = t.reward;
      if (!t.terminated) {
        const next = table.get(t.next.key);
        let m = next[0]!;
        for (let i = 1; i < next.length; i++) m = Math.max(m, next[i]!);
        target += gamma * m;
      }
      row[t.action]! += alpha * (target - row[t.action]!);
    },
    endEpisode() {},
  };
}

/**
 * Tabular SARSA: Q(s,a) += α[r + γ·Q(s′,a′) − Q(s,a)] with a′ the action the ε-greedy policy then takes
 * (on-policy); the update of a step waits for the next action.
 * (Rummery & Niranjan 1994; Sutton & Barto 2018, §6.4)
 * @example const agent = sarsa({ actions: 4 }, 7);
 */
export function sarsa(o: TabularOptions, seed: number): Agent & { table: QTable } {
  const rand = new LabRandom(seed);
  const table = new QTable(o.actions, o.init ?? 0);
  const alpha = o.alpha ?? 0.1;
  const gamma = o.gamma ?? 0.99;
  const eps = o.epsilon ?? 0.1;
  let pending: Transition | null = null;
  const update = (t: Transition, nextValue: number) => {
    const row = table.get(t.obs.key);
    row[t.action]! += alpha * (t.reward + gamma * nextValue - row[t.action]!);
  };
  return {
    id: "sarsa",
    table,
    act(obs: Observation) {
      const a = epsilonGreedy(table.get(obs.key), eps, rand);
      if (pending) {
        update(pending, table.get(obs.key)[a]!);
        pending = null;
      }
      return a;
    },
    greedy: (obs) => argmaxTieRandom(table.get(obs.key), rand),
    observe(t: Transition) {
      if (t.terminated) update(t, 0);
      else if (t.truncated) {
        // Bootstrap a time limit from the greedy value: no next action will be taken in this episode.
        const next = table.get(t.next.key);
        update(t, Math.max(...next));
      } else pending = t;
    },
    endEpisode() {
      pending = null;
    },
  };
}
