// Lab throughput: environment steps per second of a full training loop (agent + design + runner) against a
// bare loop that only steps the same environment with random actions, measured in the same run; and the
// cost of one forward+backward pass of the small MLP the policy-gradient agents use.
// Run: npx tsx bench/lab.ts
import { Mlp } from "../src/lab/agents/mlp.ts";
import { ppo } from "../src/lab/agents/policy-gradient.ts";
import { qLearning } from "../src/lab/agents/tabular.ts";
import { countBonus } from "../src/lab/designs/count-bonus.ts";
import { sparse } from "../src/lab/designs/design.ts";
import { pointMassEnv } from "../src/lab/envs/continuous.ts";
import type { Env } from "../src/lab/envs/env.ts";
import { FOUR_ROOMS, gridEnv, parseGrid } from "../src/lab/envs/gridworld.ts";
import { LabRandom } from "../src/lab/random.ts";
import { runEpisodes } from "../src/lab/runner.ts";

function bareSteps(env: Env<unknown, number>, steps: number): number {
  const rand = new LabRandom(1);
  const n = (env.actionSpace as { n: number }).n;
  const t0 = performance.now();
  let done = 0;
  let ep = 0;
  env.reset(ep);
  while (done < steps) {
    const r = env.step(rand.int(n));
    done++;
    if (r.terminated || r.truncated) env.reset(++ep);
  }
  return (steps / (performance.now() - t0)) * 1000;
}

async function trainedSteps(make: () => Promise<number>): Promise<number> {
  const t0 = performance.now();
  const steps = await make();
  return (steps / (performance.now() - t0)) * 1000;
}

const grid = () => gridEnv(parseGrid(FOUR_ROOMS));
const bareGrid = bareSteps(grid(), 400_000);
const qGrid = await trainedSteps(async () => {
  const stats = await runEpisodes(
    grid(),
    qLearning({ actions: 4, alpha: 0.5 }, 1),
    countBonus("product", 0.1),
    { episodes: 400, seed: 1 },
  );
  return stats.at(-1)!.steps;
});
const barePm = bareSteps(pointMassEnv(), 200_000);
const ppoPm = await trainedSteps(async () => {
  const stats = await runEpisodes(pointMassEnv(), ppo({ actions: 3, inputs: 2, horizon: 512 }, 1), sparse(), {
    episodes: 60,
    seed: 1,
  });
  return stats.at(-1)!.steps;
});

const net = new Mlp([2, 32, 3], new LabRandom(1));
const x = Float64Array.from([0.1, -0.2]);
const d = Float64Array.from([0.1, 0.2, -0.3]);
const reps = 200_000;
const t0 = performance.now();
for (let i = 0; i < reps; i++) {
  net.forward(x);
  net.backward(d);
}
const mlpUs = ((performance.now() - t0) * 1000) / reps;

const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
console.log(`four rooms, bare env loop:              ${fmt(bareGrid)} steps/s`);
console.log(
  `four rooms, Q-learning + product bonus: ${fmt(qGrid)} steps/s  (${(qGrid / bareGrid).toFixed(3)}× bare)`,
);
console.log(`point mass, bare env loop:              ${fmt(barePm)} steps/s`);
console.log(
  `point mass, PPO (2-32-3 nets, 4 epochs): ${fmt(ppoPm)} steps/s  (${(ppoPm / barePm).toFixed(4)}× bare)`,
);
console.log(`MLP 2-32-3 forward + backward:          ${mlpUs.toFixed(2)} µs`);
