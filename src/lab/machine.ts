/**
 * The reward-machine view the lab needs: states 0..n−1, an initial and terminal states, and a transition on
 * the events of a step. A subgoal sequence is the common case (key → door → goal).
 * (Reward machines: Toro Icarte et al., ICML 2018 / JAIR 2022)
 */
export interface LabMachine {
  readonly states: number;
  readonly initial: number;
  /** Edges u → u′ labelled by the event that fires them, with their reward. */
  readonly edges: readonly { from: number; to: number; event: string; reward: number }[];
  isTerminal(u: number): boolean;
  /** The next state and reward after a step whose true events are `events` (no matching edge: stay, 0). */
  step(u: number, events: readonly string[]): { u: number; reward: number };
}

/**
 * A machine that advances through `events` in order; the last edge pays `reward` (default 1) and ends in the
 * terminal state. CALM-style subgoals in sequence compile to this (arXiv 2409.12798).
 * @example const m = sequenceMachine(["key", "door", "goal"]); m.step(0, ["key"]) // { u: 1, reward: 0 }
 */
export function sequenceMachine(events: readonly string[], reward = 1): LabMachine {
  const edges = events.map((event, i) => ({
    from: i,
    to: i + 1,
    event,
    reward: i === events.length - 1 ? reward : 0,
  }));
  return {
    states: events.length + 1,
    initial: 0,
    edges,
    isTerminal: (u) => u === events.length,
    step(u, ev) {
      const e = edges[u];
      if (e && ev.includes(e.event)) return { u: e.to, reward: e.reward };
      return { u, reward: 0 };
    },
  };
}

/**
 * Potentials of the machine's states by value iteration over its graph, V(u) = max_{u→u′} [r(u,u′) + γV(u′)]
 * with V(terminal) = 0, returned as Φ(u) = V(u) so that progress toward acceptance raises the potential
 * (Toro Icarte et al.'s automated shaping computes the same V and uses its negation with the opposite
 * difference; the shaped rewards agree). Unreachable acceptance gives Φ = 0.
 * @example machinePotentials(sequenceMachine(["a", "b"]), 0.9) // [0.9, 1, 0]
 */
export function machinePotentials(m: LabMachine, gamma: number): Float64Array {
  const v = new Float64Array(m.states);
  for (let iter = 0; iter < 10_000; iter++) {
    let delta = 0;
    for (let u = 0; u < m.states; u++) {
      if (m.isTerminal(u)) continue;
      let best = 0;
      for (const e of m.edges) if (e.from === u) best = Math.max(best, e.reward + gamma * v[e.to]!);
      delta = Math.max(delta, Math.abs(best - v[u]!));
      v[u] = best;
    }
    if (delta < 1e-10) break;
  }
  return v;
}
