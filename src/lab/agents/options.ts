import type { LabMachine } from "../machine.ts";
import { argmaxTieRandom, LabRandom } from "../random.ts";
import type { Agent, Observation, Transition } from "./agent.ts";
import { QTable } from "./tabular.ts";

/** Options of the hierarchical reward-machine agent. */
export interface HrmOptions {
  actions: number;
  alpha?: number;
  gamma?: number;
  epsilon?: number;
}

/**
 * Hierarchical RL over a reward machine's edges (HRM): one option per edge, whose policy is learned by
 * Q-learning on a pseudo-reward of 1 when its edge's event fires (0 otherwise), all options learning from
 * every transition (intra-option, off-policy); the option in force is the outgoing edge of the current machine
 * state (a meta-controller choosing among several edges picks the one with the highest value). The agent
 * needs each transition's events, passed by the runner in `Observation.key` suffix-free form through
 * `observeEvents`. (Toro Icarte et al., JAIR 2022, §5.2; options: Sutton, Precup & Singh 1999)
 * @example const agent = hrmAgent(sequenceMachine(["key", "door", "goal"]), { actions: 4 }, 1);
 */
export function hrmAgent(
  machine: LabMachine,
  o: HrmOptions,
  seed: number,
): Agent & { observeEvents(events: readonly string[]): void } {
  const rand = new LabRandom(seed);
  const alpha = o.alpha ?? 0.2;
  const gamma = o.gamma ?? 0.95;
  const eps = o.epsilon ?? 0.1;
  const tables = machine.edges.map(() => new QTable(o.actions, 0));
  let u = machine.initial;
  let events: readonly string[] = [];
  const option = (state: number, obs: Observation) => {
    const out = machine.edges.map((e, i) => ({ e, i })).filter(({ e }) => e.from === state);
    if (out.length <= 1) return out[0]?.i ?? 0;
    let best = out[0]!.i;
    let bestV = Number.NEGATIVE_INFINITY;
    for (const { i } of out) {
      const v = Math.max(...tables[i]!.get(obs.key));
      if (v > bestV) [best, bestV] = [i, v];
    }
    return best;
  };
  return {
    id: "hrm",
    observeEvents(ev) {
      events = ev;
    },
    act(obs) {
      const q = tables[option(u, obs)]!.get(obs.key);
      return rand.next() < eps ? rand.int(o.actions) : argmaxTieRandom(q, rand);
    },
    greedy: (obs) => argmaxTieRandom(tables[option(u, obs)]!.get(obs.key), rand),
    observe(t: Transition) {
      machine.edges.forEach((e, i) => {
        const fired = events.includes(e.event);
        const row = tables[i]!.get(t.obs.key);
        let target = fired ? 1 : 0;
        if (!fired && !t.terminated) {
          const next = tables[i]!.get(t.next.key);
          target += gamma * Math.max(...next);
        }
        row[t.action]! += alpha * (target - row[t.action]!);
      });
      u = machine.step(u, events).u;
      events = [];
    },
    endEpisode() {
      u = machine.initial;
    },
  };
}
