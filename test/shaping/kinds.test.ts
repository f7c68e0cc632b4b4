import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import type { RewardContext, RewardResult, Rollout } from "../../src/core/types.ts";
import { seededRandom } from "../../src/credit/rng.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { RunningNorm } from "../../src/shaping/running-norm.ts";
import { scheduleAt } from "../../src/shaping/schedule.ts";
import { asymmetricShape, par, sigmoid } from "../../src/shaping/score-transforms.ts";
import { close } from "../credit/helpers.ts";

const compile = (node: unknown, options?: Record<string, unknown>) =>
  compileNode(node, { registry: defaultRegistry, ...(options ? { options } : {}) });
const run = (node: unknown, r: Rollout, ctx: RewardContext = {}, options?: Record<string, unknown>) =>
  compile(node, options).score(r, ctx) as RewardResult;
const c = (value: number | null) => ({ kind: "const", value });
const withRefs = (refs: unknown): Rollout => ({ completion: "x", meta: { reference_rewards: refs } });

describe("PAR", () => {
  it("averages sigmoid(k·(r − ref)) over the references", () => {
    // (σ(1) + σ(−1))/2 = 0.5 exactly, since σ(x) + σ(−x) = 1
    close(run({ kind: "shape.par", reward: c(1) }, withRefs([0, 2])).score!, 0.5, 1e-15);
    // (σ(2·(2 − 0)) + σ(2·(2 − 1)))/2 = (σ(4) + σ(2))/2
    const want = (1 / (1 + Math.exp(-4)) + 1 / (1 + Math.exp(-2))) / 2;
    close(run({ kind: "shape.par", k: 2, reward: c(2) }, withRefs([0, 1])).score!, want, 1e-15);
    // max_refs: only the first reference counts → σ(1 − 0)
    close(
      run({ kind: "shape.par", max_refs: 1, reward: c(1) }, withRefs([0, 100])).score!,
      sigmoid(1),
      1e-15,
    );
  });
  it("is bounded in (0, 1) and monotone in the reward", () => {
    const rand = seededRandom(77);
    for (let t = 0; t < 200; t++) {
      const refs = Array.from({ length: 1 + Math.floor(rand() * 10) }, () => (rand() - 0.5) * 10);
      const r1 = (rand() - 0.5) * 30;
      const r2 = r1 + rand() * 5 + 1e-3;
      const a = par(r1, refs);
      const b = par(r2, refs);
      assert.ok(a > 0 && a < 1 && b > 0 && b < 1, `${a}, ${b}`);
      assert.ok(b > a, `not monotone: par(${r1}) = ${a} ≥ par(${r2}) = ${b}`);
    }
    // far beyond the references it saturates in floating point but never leaves [0, 1]
    const far = par(1e6, [0]);
    assert.ok(far <= 1 && far >= 0 && par(-1e6, [0]) >= 0);
  });
  it("fails visibly without references; passes null through", () => {
    const r = run({ kind: "shape.par", reward: c(1) }, { completion: "x" });
    assert.equal(r.score, null);
    assert.equal(r.error?.kind, "invalid_input");
    assert.equal(
      run({ kind: "shape.par", reward: c(1) }, withRefs(["a", null])).error?.kind,
      "invalid_input",
    );
    const n = run({ kind: "shape.par", reward: c(null) }, withRefs([0]));
    assert.equal(n.score, null);
    assert.equal(n.error, undefined);
  });
});

describe("centred, tanh, clip, asymmetric", () => {
  it("centred = r − mean(refs)", () => {
    close(run({ kind: "shape.centered", reward: c(1) }, withRefs([0, 1])).score!, 0.5);
  });
  it("tanh, plain and against references", () => {
    close(run({ kind: "shape.tanh", reward: c(1) }, { completion: "" }).score!, Math.tanh(1));
    // (tanh(1 − 1) + tanh(1 − 3))/2
    close(
      run({ kind: "shape.tanh", center: "reference", reward: c(1) }, withRefs([1, 3])).score!,
      (0 + Math.tanh(-2)) / 2,
    );
  });
  it("clip to the reference band mean ± c·std", () => {
    // refs [0, 2]: mean 1, population std 1 → band [0, 2]
    close(run({ kind: "shape.clip", reward: c(5) }, withRefs([0, 2])).score!, 2);
    close(run({ kind: "shape.clip", reward: c(-5) }, withRefs([0, 2])).score!, 0);
    close(run({ kind: "shape.clip", c: 0.5, reward: c(1.2) }, withRefs([0, 2])).score!, 1.2);
  });
  it("TempSamp-R1 asymmetric shaping", () => {
    close(asymmetricShape(0.8), 0.8);
    close(asymmetricShape(1), 0.8 + 0.01 * Math.log(1.2), 1e-15);
    // f(0) = 0.8 − (e^0.8 − 1)/(e − 1) ≈ 0.0868 (the sheet's ≈ 0.087)
    close(asymmetricShape(0), 0.8 - (Math.exp(0.8) - 1) / (Math.E - 1), 1e-15);
    close(run({ kind: "shape.asymmetric", reward: c(0) }, { completion: "" }).score!, 0.0868, 1e-4);
  });
});

describe("running normalisation", () => {
  it("normalises with Welford statistics and counts an identical request once", () => {
    const node = { kind: "shape.running_norm", reward: c(1) };
    const state = new Map();
    const opts = { shapingState: state };
    const a = { completion: "a" };
    // first value: only the mean is subtracted → 0
    close(run(node, a, {}, opts).score!, 0);
    const node3 = { kind: "shape.running_norm", reward: c(3) };
    // values 1, 3: mean 2, unbiased std √2 → (3 − 2)/(√2 + 1e-8)
    const first = run(node3, { completion: "b" }, {}, opts);
    close(first.score!, 1 / (Math.SQRT2 + 1e-8), 1e-12);
    const again = run(node3, { completion: "b" }, {}, opts);
    assert.equal(again.score, first.score);
    assert.equal(again.info?.counted, false);
    assert.equal(again.info?.count, 2);
  });
  it("frozen state never updates (evaluation)", () => {
    const node = {
      kind: "shape.running_norm",
      frozen: true,
      init: { count: 2, mean: 2, m2: 2 },
      reward: c(4),
    };
    const r = compile(node);
    // std = √(2/1) = √2 → (4 − 2)/√2, and repeated calls never move the statistics
    close((r.score({ completion: "a" }, {}) as RewardResult).score!, 2 / (Math.SQRT2 + 1e-8), 1e-12);
    close((r.score({ completion: "b" }, {}) as RewardResult).score!, 2 / (Math.SQRT2 + 1e-8), 1e-12);
    const frozenByOption = compile({ kind: "shape.running_norm", reward: c(4) }, { frozen: true });
    assert.equal((frozenByOption.score({ completion: "a" }, {}) as RewardResult).info?.count, 0);
  });
  it("state class: bounded memory of hashes", () => {
    const s = new RunningNorm(undefined, { capacity: 2 });
    s.observe("a", 1);
    s.observe("b", 2);
    s.observe("c", 3);
    assert.equal(s.observe("c", 3), false);
    assert.equal(s.observe("a", 1), true); // forgotten, counted again
    assert.equal(s.count, 4);
  });
});

describe("length penalty and DAPO overlong", () => {
  it("subtracts coef·(length − free)", () => {
    // 8 chars, free 5, coef 0.1 → 1 − 0.3
    close(
      run(
        { kind: "shape.length_penalty", unit: "chars", free: 5, coef: 0.1, reward: c(1) },
        { completion: "abcdefgh" },
      ).score!,
      0.7,
      1e-12,
    );
    // PAR default: 0.01 per token beyond 300 → 400 tokens: 1 − 1
    close(
      run(
        { kind: "shape.length_penalty", reward: c(1) },
        { completion: "", meta: { completion_tokens: 400 } },
      ).score!,
      0,
      1e-12,
    );
    const noTokens = run({ kind: "shape.length_penalty", reward: c(1) }, { completion: "abc" });
    assert.equal(noTokens.score, null);
    assert.equal(noTokens.error?.kind, "invalid_input");
  });
  it("DAPO overlong composes from the existing length.overlong kind", () => {
    // 8 chars, L_max 10, L_cache 4: expected 6, exceed 2 → −2/4 = −0.5; sum with 1 → 0.5
    const node = {
      kind: "sum",
      terms: [c(1), { kind: "length.overlong", max_length: 10, buffer: 4, unit: "chars" }],
    };
    close(run(node, { completion: "abcdefgh" }).score!, 0.5, 1e-12);
  });
});

describe("step-dependent schedules (ToolRL)", () => {
  const toolrl = {
    kind: "shape.schedule",
    range: {
      lo: {
        points: [
          { step: 0, value: -2 },
          { step: 150, value: -3 },
        ],
      },
      hi: {
        points: [
          { step: 0, value: 2 },
          { step: 150, value: 3 },
        ],
      },
    },
  };
  it("maps [0, 1] onto [min_c(step), max_c(step)]", () => {
    // step 75: lo = −2.5, hi = 2.5 → 0.5 ↦ 0, 1 ↦ 2.5; step 300: hi held at 3
    close(run({ ...toolrl, reward: c(0.5) }, { completion: "" }, { step: 75 }).score!, 0);
    close(run({ ...toolrl, reward: c(1) }, { completion: "" }, { step: 75 }).score!, 2.5);
    close(run({ ...toolrl, reward: c(1) }, { completion: "" }, { step: 300 }).score!, 3);
    close(run({ ...toolrl, reward: c(0) }, { completion: "" }, { step: 0 }).score!, -2);
  });
  it("a missing step is an error unless a default is given", () => {
    const r = run({ ...toolrl, reward: c(1) }, { completion: "" });
    assert.equal(r.score, null);
    assert.equal(r.error?.kind, "invalid_input");
    close(run({ ...toolrl, default_step: 0, reward: c(1) }, { completion: "" }).score!, 2);
  });
  it("factor schedules, held steps, and validation", () => {
    const f = {
      points: [
        { step: 0, value: 1 / 3 },
        { step: 30, value: 1 },
      ],
      interpolate: "step" as const,
    };
    close(scheduleAt(f, 10), 1 / 3);
    close(scheduleAt(f, 30), 1);
    close(
      run({ kind: "shape.schedule", factor: f, reward: c(3) }, { completion: "" }, { step: 29 }).score!,
      1,
    );
    assert.throws(() => compile({ kind: "shape.schedule", reward: c(1) }));
    assert.throws(() => compile({ kind: "shape.schedule", factor: 1, range: toolrl.range, reward: c(1) }));
  });
});
