import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { metaGreedy } from "../../src/lab/agents/meta-greedy.ts";
import { Mlp, softmax } from "../../src/lab/agents/mlp.ts";
import { hrmAgent } from "../../src/lab/agents/options.ts";
import { ppo, reinforce } from "../../src/lab/agents/policy-gradient.ts";
import { qLearning, sarsa } from "../../src/lab/agents/tabular.ts";
import { sparse } from "../../src/lab/designs/design.ts";
import { banditEnv } from "../../src/lab/envs/bandit.ts";
import { chainEnv } from "../../src/lab/envs/chain.ts";
import { pointMassEnv } from "../../src/lab/envs/continuous.ts";
import { gridEnv, KEY_DOOR, parseGrid } from "../../src/lab/envs/gridworld.ts";
import { sequenceMachine } from "../../src/lab/machine.ts";
import { LabRandom } from "../../src/lab/random.ts";
import { runEpisodes } from "../../src/lab/runner.ts";

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (±${tol})`);

describe("agents", () => {
  test("Q-learning with α = 1 under random exploration finds Q* of the chain exactly", async () => {
    // Chain of 4, γ = 0.9: Q*(s, right) = γ^(2−s); Q*(s, left) = r_left + γ·V*(s−1 or 0).
    const agent = qLearning({ actions: 2, alpha: 1, gamma: 0.9, epsilon: 1 }, 1);
    await runEpisodes(chainEnv({ length: 4 }), agent, sparse(), { episodes: 400, seed: 1 });
    const q = (s: number) => agent.table.get(String(s));
    close(q(2)[1]!, 1, 1e-12, "Q(2,right)");
    close(q(1)[1]!, 0.9, 1e-12, "Q(1,right)");
    close(q(0)[1]!, 0.81, 1e-12, "Q(0,right)");
    close(q(0)[0]!, 0.01 + 0.9 * 0.81, 1e-12, "Q(0,left)");
    close(q(1)[0]!, 0.9 * 0.81, 1e-12, "Q(1,left)");
    close(q(2)[0]!, 0.9 * 0.9, 1e-12, "Q(2,left)");
  });

  test("SARSA evaluates its own (random) policy: Q(0,left) = (0.01 + γ/2)/(1 − γ/2) on a chain of 2", async () => {
    // With ε = 1 the next action is uniform: Q(0,l) = 0.01 + γ·(Q(0,l) + Q(0,r))/2 and Q(0,r) = 1.
    const agent = sarsa({ actions: 2, alpha: 0.01, gamma: 0.9, epsilon: 1 }, 3);
    await runEpisodes(chainEnv({ length: 2, maxSteps: 1000 }), agent, sparse(), { episodes: 4000, seed: 3 });
    const q = agent.table.get("0");
    close(q[1]!, 1, 0.02, "Q(0,right)");
    close(q[0]!, (0.01 + 0.45) / 0.55, 0.05, "Q(0,left)");
  });

  test("the MLP's backpropagated gradients match finite differences", () => {
    const rand = new LabRandom(4);
    const net = new Mlp([3, 5, 2], rand);
    const x = Float64Array.from([0.3, -0.7, 0.2]);
    const target = Float64Array.from([0.5, -0.25]);
    const loss = () => {
      const y = net.forward(x);
      return 0.5 * ((y[0]! - target[0]!) ** 2 + (y[1]! - target[1]!) ** 2);
    };
    const y = net.forward(x);
    net.backward(Float64Array.from([y[0]! - target[0]!, y[1]! - target[1]!]));
    const grads = (net as unknown as { gw: Float64Array[] }).gw.map((g) => Float64Array.from(g));
    for (let l = 0; l < 2; l++) {
      for (const i of [0, 3, 7]) {
        const w = net.weights[l]!;
        const old = w[i]!;
        w[i] = old + 1e-6;
        const up = loss();
        w[i] = old - 1e-6;
        const down = loss();
        w[i] = old;
        close(grads[l]![i]!, (up - down) / 2e-6, 1e-6, `dL/dW${l}[${i}]`);
      }
    }
    const p = softmax([1, 2, 3]);
    close(p[2]!, Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), 1e-15, "softmax");
  });

  test("REINFORCE and PPO learn the point-mass task (same seed, same curve)", async () => {
    for (const make of [
      (s: number) => reinforce({ actions: 3, inputs: 2 }, s),
      (s: number) => ppo({ actions: 3, inputs: 2, horizon: 512 }, s),
    ]) {
      const stats = await runEpisodes(pointMassEnv(), make(2), sparse(), { episodes: 120, seed: 2 });
      const last = stats.slice(-20);
      assert.ok(
        last.filter((e) => e.success).length >= 18,
        `${make(0).id}: ${last.filter((e) => e.success).length}/20`,
      );
      const again = await runEpisodes(pointMassEnv(), make(2), sparse(), { episodes: 120, seed: 2 });
      assert.deepEqual(again, stats);
    }
  });

  test("HRM learns key → door → goal with one option per machine edge", async () => {
    const m = sequenceMachine(["key", "door", "goal"]);
    const stats = await runEpisodes(gridEnv(parseGrid(KEY_DOOR)), hrmAgent(m, { actions: 4 }, 1), sparse(), {
      episodes: 150,
      seed: 1,
      machine: m,
    });
    assert.ok(stats.slice(-30).filter((e) => e.success).length >= 27);
  });

  test("a purely greedy agent with memory and a learned prior explores across bandit tasks", async () => {
    const env = banditEnv({ arms: 5, horizon: 20 });
    const meta = metaGreedy({ actions: 5 }, 1);
    const stats = await runEpisodes(env, meta, sparse(), { episodes: 100, seed: 1 });
    const q = await runEpisodes(env, qLearning({ actions: 5, gamma: 0.9 }, 1), sparse(), {
      episodes: 100,
      seed: 1,
    });
    const mean = (xs: { return: number }[]) => xs.reduce((a, e) => a + e.return, 0) / xs.length;
    // The best arm pays 0.9 per pull; finding it in a few pulls gets close to 18 per episode; a memoryless
    // learner facing a new best arm each task earns about the task's average arm (0.26 × 20 ≈ 5).
    assert.ok(mean(stats.slice(-50)) > 13, `meta-greedy ${mean(stats.slice(-50))}`);
    assert.ok(mean(q.slice(-50)) < 8, `q-learning ${mean(q.slice(-50))}`);
    // Its prior is the mean first-pull success: (0.9 + 4 × 0.1) / 5 = 0.26 in expectation.
    close(meta.priorMean(), 0.26, 0.08, "learned prior mean");
  });
});
