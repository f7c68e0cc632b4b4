// The reward-design claims the lab reproduces, small and seeded (docs/lab.md cites each paper).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type CellSpec, runCell } from "../../src/lab/cell.ts";
import { maxEntIrl } from "../../src/lab/designs/irl.ts";
import { FOUR_ROOMS, gridDistances, parseGrid } from "../../src/lab/envs/gridworld.ts";
import type { AgentConfig, DesignConfig, EnvConfig } from "../../src/lab/experiment-config.ts";
import { LabRandom } from "../../src/lab/random.ts";
import type { EpisodeStats } from "../../src/lab/runner.ts";
import {
  finiteHorizonPath,
  gridModel,
  optimalActions,
  reachableStates,
  valueIteration,
} from "../../src/lab/tabular-model.ts";

const q = (o: Partial<Extract<AgentConfig, { kind: "q_learning" }>> = {}): AgentConfig => ({
  kind: "q_learning",
  alpha: 0.5,
  gamma: 0.99,
  epsilon: 0.1,
  init: 0,
  ...o,
});

async function seeds(
  env: EnvConfig,
  agent: AgentConfig,
  design: DesignConfig,
  n: number,
  episodes: number,
  from = 1,
) {
  const out: EpisodeStats[][] = [];
  for (let seed = from; seed < from + n; seed++) {
    const cell: CellSpec = { env, agent, design, seed, episodes };
    out.push((await runCell(cell)).stats);
  }
  return out;
}
const successRate = (runs: EpisodeStats[][]) => {
  const all = runs.flat();
  return all.filter((e) => e.success).length / all.length;
};
const meanReturn = (runs: EpisodeStats[][]) => {
  const all = runs.flat();
  return all.reduce((a, e) => a + e.return, 0) / all.length;
};

describe("reproduced reward-design claims", () => {
  test("chain MDP: a count bonus reaches the goal in most seeds where ε-greedy does not (Strens 2000; MBIE-EB)", async () => {
    const env: EnvConfig = { kind: "chain", length: 10, distractor: 0.01, max_steps: 30 };
    const sparse = await seeds(env, q(), { kind: "sparse" }, 10, 200);
    const count = await seeds(env, q(), { kind: "count", mode: "global", beta: 1 }, 10, 200);
    const reached = (runs: EpisodeStats[][]) => runs.filter((r) => r.some((e) => e.success)).length;
    assert.ok(reached(count) >= 8, `count bonus reached the goal in ${reached(count)}/10 seeds`);
    assert.ok(reached(sparse) <= 2, `ε-greedy reached the goal in ${reached(sparse)}/10 seeds`);
  });

  test("PBRS leaves the optimal policy unchanged; a non-potential bonus changes it (Ng, Harada & Russell 1999)", () => {
    const g = parseGrid(FOUR_ROOMS);
    const m = gridModel(g);
    const gamma = 0.99;
    const dist = gridDistances(g, g.goal);
    const phi = (s: number) => -dist[s]! / 20;
    const base = optimalActions(valueIteration(m, gamma), m);
    const shaped = optimalActions(
      valueIteration(
        m,
        gamma,
        (s, a, s2) => m.reward[s * 4 + a]! + gamma * (m.terminal[s2] ? 0 : phi(s2)) - phi(s),
      ),
      m,
    );
    const reach = reachableStates(m).filter((s) => !m.terminal[s]);
    for (const s of reach) assert.deepEqual(shaped[s], base[s], `state ${s}`);
    // A bonus of 0.1 for entering the cell right of the start: looping on it beats finishing.
    const bonusCell = g.start + 1;
    const bonusQ = valueIteration(
      m,
      gamma,
      (s, a, s2) => m.reward[s * 4 + a]! + (s2 === bonusCell ? 0.1 : 0),
    );
    const bonus = optimalActions(bonusQ, m);
    const changed = reach.filter((s) => bonus[s]!.join() !== base[s]!.join());
    assert.ok(changed.includes(g.start), "the start state's optimal action changes under the bonus");
    assert.ok(changed.length > 10, `${changed.length} states change their optimal actions`);
  });

  test("procedurally generated mazes: the product of global and episodic bonuses does at least as well as either (arXiv 2306.03236)", async () => {
    const env: EnvConfig = { kind: "maze", width: 4, height: 4, view: "local", max_steps: 60 };
    const agent = q({ gamma: 0.95 });
    const rate = async (mode: "global" | "episodic" | "product") =>
      successRate(await seeds(env, agent, { kind: "count", mode, beta: 0.1 }, 10, 200));
    const [global, episodic, product] = [await rate("global"), await rate("episodic"), await rate("product")];
    assert.ok(
      product >= global && product >= episodic,
      `product ${product}, global ${global}, episodic ${episodic}`,
    );
  });

  test("maximum-entropy IRL recovers a reward whose optimal policy matches the demonstrator's (Ziebart et al. 2008)", () => {
    const g = parseGrid([
      "#########",
      "#S......#",
      "#.##.##.#",
      "#.......#",
      "#.##.##.#",
      "#......G#",
      "#########",
    ]);
    const m = gridModel(g);
    const dist = gridDistances(g, g.goal);
    const rand = new LabRandom(1);
    const demos: number[][] = [];
    for (let i = 0; i < 10; i++) {
      const path = [g.start];
      let s = g.start;
      while (s !== g.goal) {
        const next = [0, 1, 2, 3].map((a) => m.next[s * 4 + a]!).filter((n) => dist[n] === dist[s]! - 1);
        s = next[rand.int(next.length)]!;
        path.push(s);
      }
      demos.push(path);
    }
    const { reward } = maxEntIrl(m, demos, { iterations: 300 });
    const steps = demos[0]!.length - 1;
    const path = finiteHorizonPath(m, reward, steps);
    assert.equal(path.at(-1), g.goal, "reaches the goal");
    assert.equal(path.length - 1, dist[g.start], "in the demonstrator's (shortest) number of steps");
    for (let i = 1; i < path.length; i++)
      assert.equal(dist[path[i]!], dist[path[i - 1]!]! - 1, "every step is a demonstrator's step");
  });

  test("BARFI: tuned shaping weights beat the designer's untuned ones on the primary reward (arXiv 2310.19007)", async () => {
    const env: EnvConfig = {
      kind: "grid",
      map: ["#########", "#S......#", "#.......#", "#.......#", "#......G#", "#########"],
      slip: 0,
    };
    const aux: ("toward_goal" | "distractor")[] = ["toward_goal", "distractor"];
    const tuned = await runCell({
      env,
      agent: q(),
      design: { kind: "barfi", aux, iterations: 2, inner_episodes: 60, inner_seeds: 2 },
      seed: 1,
      episodes: 60,
    });
    const weights = tuned.report!.weights as number[];
    // Held-out seeds, never seen by the outer search.
    const untunedReturn = meanReturn(
      await seeds(env, q(), { kind: "weighted", aux, weights: [1, 1] }, 6, 60, 101),
    );
    const tunedReturn = meanReturn(await seeds(env, q(), { kind: "weighted", aux, weights }, 6, 60, 101));
    assert.ok(weights[1]! < 1, `the misleading distractor bonus is down-weighted: ${weights}`);
    assert.ok(tunedReturn > untunedReturn + 0.1, `tuned ${tunedReturn} vs untuned ${untunedReturn}`);
  });

  test("key-door: reward-machine shaping speeds up learning (Toro Icarte et al., JAIR 2022)", async () => {
    const env: EnvConfig = { kind: "key_door", slip: 0 };
    const sparse = successRate(await seeds(env, q(), { kind: "sparse" }, 8, 150));
    const shaped = successRate(
      await seeds(env, q(), { kind: "pbrs", potential: "machine", gamma: 0.99, scale: 1 }, 8, 150),
    );
    assert.ok(shaped > sparse + 0.15, `machine-shaped ${shaped} vs sparse ${sparse}`);
  });
});
