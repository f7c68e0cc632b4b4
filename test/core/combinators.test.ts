import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formula } from "../../src/core/combinators/formula.ts";
import { gate } from "../../src/core/combinators/gate.ts";
import { maxOf, minOf, product } from "../../src/core/combinators/reduce.ts";
import { weighted } from "../../src/core/combinators/sum.ts";
import { clamp, scale, tiers } from "../../src/core/combinators/transform.ts";
import { scoreOne } from "../../src/core/score-batch.ts";
import { defineReward } from "../../src/core/reward.ts";
import type { Reward, RewardResult } from "../../src/core/types.ts";

// Test leaves: a constant, a null ("does not apply"), an error, and an async constant.
const k = (name: string, score: number | null): Reward =>
  defineReward({ kind: "t.const", name, params: { score }, score: () => ({ score }) });
const err = (name: string, kind: "parse" | "timeout" = "parse"): Reward =>
  defineReward({
    kind: "t.err",
    name,
    score: () => ({ score: null, error: { kind, message: `${name} failed` } }),
  });
const later = (name: string, score: number | null): Reward =>
  defineReward({ kind: "t.async", name, score: async () => ({ score }) });
const run = (r: Reward) => scoreOne(r, { completion: "" }) as RewardResult;

describe("weighted sum", () => {
  it("sums weighted terms and logs every term under its name", () => {
    // 1·0.5 + 2·0.25 = 1
    const r = run(
      weighted([
        { reward: k("a", 0.5), weight: 1 },
        { reward: k("b", 0.25), weight: 2 },
      ]),
    );
    assert.equal(r.score, 1);
    assert.deepEqual(r.components, { a: 0.5, b: 0.25 });
  });
  it("a null term is left out, and so is its weight when normalising", () => {
    // (1·1 + 3·null) / |1| = 1, not (1)/(1+3) = 0.25
    const r = run(
      weighted(
        [
          { reward: k("a", 1), weight: 1 },
          { reward: k("b", null), weight: 3 },
        ],
        { normalize: true },
      ),
    );
    assert.equal(r.score, 1);
    assert.equal(r.components?.b, null);
    // with both present: (1·1 + 3·0)/4 = 0.25
    assert.equal(
      run(
        weighted(
          [
            { reward: k("a", 1), weight: 1 },
            { reward: k("b", 0), weight: 3 },
          ],
          { normalize: true },
        ),
      ).score,
      0.25,
    );
  });
  it("all-null gives null, not 0", () => {
    const r = run(weighted([{ reward: k("a", null) }, { reward: k("b", null) }]));
    assert.equal(r.score, null);
    assert.equal(r.error, undefined);
  });
  it("weight 0 logs a metric without changing the score", () => {
    const r = run(weighted([{ reward: k("a", 0.5) }, { reward: k("m", 100), weight: 0 }]));
    assert.equal(r.score, 0.5);
    assert.equal(r.components?.m, 100);
  });
  it("an error in a weighted term makes the score null and is carried with its path", () => {
    const r = run(weighted([{ reward: k("a", 1) }, { reward: err("b") }]));
    assert.equal(r.score, null);
    assert.deepEqual(r.error, { kind: "parse", message: "b failed", path: "b" });
    assert.equal(r.components?.a, 1);
  });
  it("an error in a weight-0 metric does not void the score but is reported", () => {
    const r = run(weighted([{ reward: k("a", 1) }, { reward: err("m"), weight: 0 }]));
    assert.equal(r.score, 1);
    assert.ok((r.info!.metric_errors as Record<string, unknown>).m);
  });
  it("stays synchronous for sync terms and resolves async ones", async () => {
    const sync = weighted([{ reward: k("a", 1) }]).score({ completion: "" }, {});
    assert.ok(!(sync instanceof Promise));
    const mixed = weighted([{ reward: k("a", 1) }, { reward: later("b", 2), weight: 0.5 }]).score(
      { completion: "" },
      {},
    );
    assert.ok(mixed instanceof Promise);
    assert.equal((await mixed).score, 2);
  });
  it("duplicate names get suffixes", () => {
    const r = run(weighted([{ reward: k("a", 1) }, { reward: k("a", 2) }]));
    assert.deepEqual(r.components, { a: 1, "a#2": 2 });
  });
});

describe("product, min, max", () => {
  it("reduce over the terms that apply", () => {
    const terms = [k("a", 0.5), k("b", null), k("c", 0.8)];
    assert.equal(run(product(terms)).score, 0.4);
    assert.equal(run(minOf(terms)).score, 0.5);
    assert.equal(run(maxOf(terms)).score, 0.8);
  });
  it("all-null gives null and an error is carried", () => {
    assert.equal(run(product([k("a", null)])).score, null);
    const r = run(minOf([k("a", 0.1), err("b", "timeout")]));
    assert.equal(r.score, null);
    assert.equal(r.error?.kind, "timeout");
  });
});

describe("gate", () => {
  it("passes the reward when the check reaches the threshold", () => {
    const r = run(gate(k("format", 1), k("correct", 0.7)));
    assert.equal(r.score, 0.7);
    assert.deepEqual(r.components, { format: 1, correct: 0.7 });
  });
  it("zeroes (otherwise) without running the gated reward", () => {
    let ran = false;
    const spy = defineReward({
      kind: "t.spy",
      score: () => {
        ran = true;
        return { score: 1 };
      },
    });
    const r = run(gate(k("format", 0), spy, { otherwise: -1 }));
    assert.equal(r.score, -1);
    assert.equal(ran, false);
  });
  it("scales instead when scale is set", () => {
    assert.equal(run(gate(k("format", 0.5), k("correct", 0.8), { scale: 0.5 })).score, 0.4);
  });
  it("a null check does not apply (pass-through); an error in the check is carried", () => {
    assert.equal(run(gate(k("format", null), k("correct", 0.3))).score, 0.3);
    const r = run(gate(err("format"), k("correct", 1)));
    assert.equal(r.score, null);
    assert.equal(r.error?.path, "format");
  });
  it("an error in the gated reward is carried, not zeroed", () => {
    const r = run(gate(k("format", 1), err("correct")));
    assert.equal(r.score, null);
    assert.equal(r.error?.kind, "parse");
  });
});

describe("transforms", () => {
  it("clamp, scale and tiers map the score, keep null and errors", () => {
    assert.equal(run(clamp(k("x", 3), { min: -1, max: 1 })).score, 1);
    assert.equal(run(clamp(k("x", -3), { min: -1 })).score, -1);
    // DAPO's ±1: 2·1 − 1 = 1 and 2·0 − 1 = −1
    assert.equal(run(scale(k("x", 1), { factor: 2, offset: -1 })).score, 1);
    assert.equal(run(scale(k("x", 0), { factor: 2, offset: -1 })).score, -1);
    assert.equal(run(scale(k("x", null), { factor: 2 })).score, null);
    assert.equal(run(clamp(err("x"), { max: 1 })).error?.kind, "parse");
    const levels = [
      { at: 0.25, value: 0.25 },
      { at: 0.75, value: 1 },
      { at: 0.5, value: 0.5 },
    ];
    // Highest tier reached wins; below every tier gives `below`.
    assert.deepEqual(
      [0, 0.3, 0.5, 0.74, 0.75, 1].map((s) => run(tiers(k("x", s), levels, { below: -0.1 })).score),
      [-0.1, 0.25, 0.5, 0.5, 1, 1],
    );
  });
});

describe("formula", () => {
  it("evaluates calculate_output over named terms", () => {
    // 0.5·1 + 0.5·0.6 = 0.8
    assert.equal(run(formula("0.5 * name + 0.5 * args", { name: k("n", 1), args: k("a", 0.6) })).score, 0.8);
    // min(2, 3)^2 − abs(−1) = 4 − 1 = 3
    assert.equal(run(formula("min(a, b)^2 - abs(-1)", { a: k("a", 2), b: k("b", 3) })).score, 3);
  });
  it("a null term makes the score null; a division by zero is an error", () => {
    assert.equal(run(formula("a + b", { a: k("a", 1), b: k("b", null) })).score, null);
    const r = run(formula("a / b", { a: k("a", 1), b: k("b", 0) }));
    assert.equal(r.score, null);
    assert.equal(r.error?.kind, "runtime");
  });
  it("an unknown variable is a configuration error", () => {
    assert.throws(() => formula("a + c", { a: k("a", 1) }), /unknown variable "c"/);
  });
});

describe("defineReward", () => {
  it("turns a throw into a typed error and a NaN score into an internal error", () => {
    const boom = defineReward({
      kind: "t.boom",
      score: () => {
        throw new Error("x");
      },
    });
    assert.deepEqual(run(boom), { score: null, error: { kind: "internal", message: "x" } });
    const nan = defineReward({ kind: "t.nan", score: () => ({ score: Number.NaN }) });
    assert.equal(run(nan).error?.kind, "internal");
  });
  it("dispatches isolated rewards to the executor, and not again inside a worker", async () => {
    const calls: string[] = [];
    const r = defineReward({ kind: "t.iso", needs: { isolation: true }, score: () => ({ score: 1 }) });
    const executor = {
      run: async (node: { kind: string }) => {
        calls.push(node.kind);
        return { score: 2 };
      },
    };
    assert.equal((await r.score({ completion: "" }, { executor })).score, 2);
    assert.equal((r.score({ completion: "" }, { executor, inWorker: true }) as RewardResult).score, 1);
    assert.deepEqual(calls, ["t.iso"]);
  });
});
