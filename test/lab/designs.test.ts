import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Observation } from "../../src/lab/agents/agent.ts";
import { AmftController, runAmftTask } from "../../src/lab/designs/amft.ts";
import { barfiTune } from "../../src/lab/designs/barfi.ts";
import { mapElites } from "../../src/lab/designs/behaviour-search.ts";
import { countBonus } from "../../src/lab/designs/count-bonus.ts";
import { type DesignStep, pbrs, stateBonus } from "../../src/lab/designs/design.ts";
import { knnNovelty, LinearAutoencoder, noveltyDesign } from "../../src/lab/designs/novelty.ts";
import { oniDesign } from "../../src/lab/designs/oni.ts";
import { perceptualPotential, segmentDemonstration } from "../../src/lab/designs/perceptual.ts";
import { learnPreferenceReward } from "../../src/lab/designs/preferences.ts";
import { machinePotentials, sequenceMachine } from "../../src/lab/machine.ts";
import { startTestServer } from "../fixtures/openai-test-server.ts";

const obs = (state: string, vec: number[] = [0]): Observation => ({
  key: state,
  state,
  vec: Float64Array.from(vec),
});
const step = (from: string, to: string, o: Partial<DesignStep> = {}): DesignStep => ({
  obs: obs(from),
  next: obs(to),
  action: 0,
  reward: 0,
  terminated: false,
  truncated: false,
  info: {},
  t: 0,
  ...o,
});
const close = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

describe("reward designs", () => {
  test("count bonuses: global 1/√N, episodic 1/√N_e reset per episode, their product, first visit", () => {
    const g = countBonus("global", 1);
    const e = countBonus("episodic", 1);
    const p = countBonus("product", 1);
    const f = countBonus("first_visit", 1);
    for (const d of [g, e, p, f]) d.beginEpisode();
    const visit = () => [g, e, p, f].map((d) => d.reward(step("a", "b")));
    assert.deepEqual(visit(), [1, 1, 1, 1]);
    const second = visit();
    close(second[0]!, 1 / Math.SQRT2, 1e-15);
    close(second[1]!, 1 / Math.SQRT2, 1e-15);
    close(second[2]!, 0.5, 1e-15);
    assert.equal(second[3], 0);
    for (const d of [g, e, p, f]) d.beginEpisode();
    const third = visit();
    // New episode: global N = 3, episodic N_e = 1.
    close(third[0]!, 1 / Math.sqrt(3), 1e-15);
    assert.equal(third[1], 1);
    close(third[2]!, 1 / Math.sqrt(3), 1e-15);
    assert.equal(third[3], 1);
  });

  test("PBRS: r + γΦ(s′) − Φ(s), Φ(terminal) = 0, Φ(s′) kept on truncation", () => {
    const phi = (o: Observation) => Number(o.state) / 10;
    const d = pbrs(phi, 0.9);
    close(d.reward(step("2", "5", { reward: 1 })), 1 + 0.9 * 0.5 - 0.2, 1e-15);
    close(d.reward(step("2", "5", { terminated: true })), -0.2, 1e-15);
    close(d.reward(step("2", "5", { truncated: true })), 0.9 * 0.5 - 0.2, 1e-15);
    assert.equal(stateBonus(["5"], 0.3).reward(step("2", "5")), 0.3);
  });

  test("machine potentials by value iteration: V = [γ², γ, 1, 0] for a three-edge sequence", () => {
    const v = machinePotentials(sequenceMachine(["a", "b", "c"]), 0.9);
    assert.deepEqual(
      Array.from(v).map((x) => +x.toFixed(12)),
      [0.81, 0.9, 1, 0],
    );
  });

  test("novelty: k-NN mean distance; the autoencoder's loss falls; repeated behaviour earns less", () => {
    close(
      knnNovelty(
        [0, 0],
        [
          [3, 4],
          [6, 8],
          [0, 1],
        ],
        2,
      ),
      3,
      1e-12,
    );
    assert.equal(knnNovelty([0, 0], [], 15), 0);
    const ae = new LinearAutoencoder(4, 2, 1, 0.05);
    const xs = [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
    ];
    const first = ae.train(xs[0]!) + ae.train(xs[1]!);
    for (let i = 0; i < 300; i++) for (const x of xs) ae.train(x);
    const last = ae.train(xs[0]!) + ae.train(xs[1]!);
    assert.ok(last < first / 5, `${last} vs ${first}`);
    const d = noveltyDesign({ inputs: 4, beta: 1 }, 1);
    const end = (v: number[]) => d.reward({ ...step("x", "y", { terminated: true }), next: obs("y", v) });
    end([1, 0, 0, 0]);
    const again = end([1, 0, 0, 0]);
    const other = end([0, 0, 0, 1]);
    assert.ok(other > again, `new ${other} vs repeated ${again}`);
    assert.equal(d.archiveSize(), 3);
  });

  test("segmentation minimises within-segment variance (checked against every split)", () => {
    const xs = [[0], [0.1], [0.2], [5], [5.2], [9], [9.1], [8.9]];
    const got = segmentDemonstration(xs, 3);
    const sse = (a: number, b: number) => {
      const seg = xs.slice(a, b).map((x) => x[0]!);
      const m = seg.reduce((s, x) => s + x, 0) / seg.length;
      return seg.reduce((s, x) => s + (x - m) ** 2, 0);
    };
    let best = Number.POSITIVE_INFINITY;
    let bestSplit: number[] = [];
    for (let i = 1; i < xs.length; i++)
      for (let j = i + 1; j < xs.length; j++) {
        const c = sse(0, i) + sse(i, j) + sse(j, xs.length);
        if (c < best) [best, bestSplit] = [c, [0, i, j]];
      }
    assert.deepEqual(got, bestSplit);
    assert.deepEqual(got, [0, 3, 5]);
    const phi = perceptualPotential([xs], 3);
    assert.equal(phi(obs("s", [0.05])), 1 / 3);
    assert.equal(phi(obs("s", [9])), 1);
    assert.throws(() => segmentDemonstration(xs, 9), /cannot split/);
  });

  test("Bradley-Terry preferences recover the ranking of states from trajectory comparisons", () => {
    const oneHot = (i: number) => Float64Array.from([0, 1, 2].map((k) => (k === i ? 1 : 0)));
    // True reward: state 2 > 1 > 0. Trajectories of one state each, labelled by the true reward.
    const prefs = [];
    for (let r = 0; r < 20; r++)
      for (const [a, b] of [
        [2, 1],
        [1, 0],
        [2, 0],
      ])
        prefs.push({ a: [oneHot(a!)], b: [oneHot(b!)], label: 1 });
    const w = learnPreferenceReward(prefs, { dim: 3, epochs: 30 });
    assert.ok(w[2]! > w[1]! && w[1]! > w[0]!, `${Array.from(w)}`);
  });

  test("ONI: unseen messages score 0 and are labelled between episodes; N(msg)^−β decays; failures are counted", async () => {
    const srv = await startTestServer({
      chat: (b) => (JSON.stringify(b.messages).includes("key") ? "FOO" : "BAR"),
    });
    try {
      const d = oniDesign({ baseUrl: srv.baseUrl, cExt: 10, cLlm: 0.4, beta: 3 });
      const ev = (e: string, reward = 0) => step("a", "b", { reward, info: { events: [e] } });
      assert.equal(d.reward(ev("key")), 0);
      assert.equal(d.reward(ev("wall", 1)), 10);
      await d.flush!();
      assert.equal(d.labels.get("You see: key."), 1);
      assert.equal(d.labels.get("You see: wall."), 0);
      // Second sighting of the key message: 0.4 × 1 × 2^−3.
      close(d.reward(ev("key")), 0.4 / 8, 1e-15);
      srv.inject({ type: "status", status: 503 }, { times: 5 });
      d.reward(ev("door"));
      await d.flush!();
      assert.equal(d.errors(), 1);
      assert.equal(d.labels.has("You see: door."), false);
    } finally {
      await srv.close();
    }
  });

  test("AMFT controller: μ ← clip(μ − η_meta·g_meta + η_H(H* − H)) with g_meta = −lr⟨∇L_val, ∇L_SFT − ∇L_RL⟩", () => {
    const c = new AmftController({ mu0: 0.5, etaMeta: 0.1, etaH: 0.01, lrPolicy: 2 });
    // ⟨[1, 2], [3 − 1, 0 − 1]⟩ = 2 − 2 = 0 → g = 0; entropy term 0.01 × (1 − 0.5) = 0.005.
    close(c.update([1, 2], [3, 0], [1, 1], 1, 0.5), 0.505, 1e-15);
    // Imitation aligned with validation: ⟨[1, 0], [2, 0]⟩ = 2 → g = −4 → μ = 0.505 + 0.4 = 0.905.
    close(c.update([1, 0], [2, 0], [0, 0], 0, 0), 0.905, 1e-12);
    close(c.update([1, 0], [2, 0], [0, 0], 0, 0), 0.95, 1e-15);
    // Imitation against validation: ⟨[1, 0], [−1, 0]⟩ = −1 → g = 2 → μ = 0.95 − 0.2 = 0.75.
    close(c.update([1, 0], [-1, 0], [0, 0], 0, 0), 0.75, 1e-12);
    // Numerical check that g_meta is ∂L_val(θ′)/∂μ for L_val(θ) = ½‖θ − t‖², one step from θ.
    const theta = [0.3, -0.2];
    const t = [1, 1];
    const gVal = theta.map((x, i) => x - t[i]!);
    const gSft = [0.5, -1];
    const gRl = [-0.25, 0.75];
    // With a small policy step, ∇L_val at θ′ ≈ at θ, so the first-order g_meta matches the finite difference.
    const small = new AmftController({ lrPolicy: 1e-4 });
    const lvSmall = (mu: number) =>
      0.5 * theta.reduce((s, x, i) => s + (x - 1e-4 * ((1 - mu) * gRl[i]! + mu * gSft[i]!) - t[i]!) ** 2, 0);
    close(small.metaGradient(gVal, gSft, gRl), (lvSmall(0.5 + 1e-3) - lvSmall(0.5 - 1e-3)) / 2e-3, 1e-8);
  });

  test("AMFT lowers imitation when the demonstrations are partly wrong and beats pure imitation", () => {
    const C = 10;
    const A = 3;
    const reward = Array.from({ length: C }, (_, c) =>
      Array.from({ length: A }, (_, a) => (a === c % A ? 1 : 0)),
    );
    // The demonstrator is right on 6 contexts and wrong on 4.
    const demo = Array.from({ length: C }, (_, c) => (c < 6 ? c % A : (c + 1) % A));
    const task = { contexts: C, actions: A, reward, demo };
    const sft = runAmftTask(task, { mode: "fixed", mu: 1, steps: 300 });
    const amft = runAmftTask(task, { mode: "amft", steps: 300, controller: { etaMeta: 200 } });
    // (η_meta = 1e-4, the reference default, is tuned to LLM gradient scales; these tabular gradients are ~1/C.)
    assert.ok(amft.mu.at(-1)! < 0.5, `final μ ${amft.mu.at(-1)}`);
    assert.ok(
      amft.reward.at(-1)! > sft.reward.at(-1)! + 0.2,
      `${amft.reward.at(-1)} vs ${sft.reward.at(-1)}`,
    );
    // Pure imitation converges to the demonstrator's 60%.
    close(sft.reward.at(-1)!, 0.6, 0.02);
  });

  test("BARFI's outer search keeps the weights that maximise the primary objective", async () => {
    // A known inner response: J(φ) = 1 − (φ0 − 1)² − (φ1 + 0.5)², best at (1, −0.5).
    const { weights, primary } = await barfiTune((w) => 1 - (w[0]! - 1) ** 2 - (w[1]! + 0.5) ** 2, {
      init: [0, 1],
      iterations: 12,
    });
    close(weights[0]!, 1, 1e-9);
    close(weights[1]!, -0.5, 1e-9);
    close(primary, 1, 1e-12);
  });

  test("MAP-Elites covers more behaviours than random search with the same budget", () => {
    // Genomes: 12 moves on a 9×9 open grid from the centre; behaviour = final cell.
    const moves = [
      [0, -1],
      [1, 0],
      [0, 1],
      [-1, 0],
    ];
    const evaluate = (g: number[]) => {
      let x = 4;
      let y = 4;
      for (const m of g) {
        x = Math.min(8, Math.max(0, x + moves[m]![0]!));
        y = Math.min(8, Math.max(0, y + moves[m]![1]!));
      }
      return { descriptor: [x, y], quality: -g.length };
    };
    const random = (r: { int(n: number): number }) => Array.from({ length: 12 }, () => r.int(4));
    const mutate = (g: number[], r: { int(n: number): number }) =>
      g.map((m) => (r.int(4) === 0 ? r.int(4) : m));
    const qd = mapElites({ random, mutate, evaluate, budget: 600, initial: 50, seed: 1 });
    const rs = mapElites({
      random,
      mutate: (_g, r) => random(r),
      evaluate,
      budget: 600,
      initial: 50,
      seed: 1,
    });
    assert.ok(qd.coverage.at(-1)! > rs.coverage.at(-1)!, `${qd.coverage.at(-1)} vs ${rs.coverage.at(-1)}`);
    assert.equal(qd.archive.size, qd.coverage.at(-1));
  });
});
