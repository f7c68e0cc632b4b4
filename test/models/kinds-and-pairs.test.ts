import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { pairsFromGroups } from "../../src/models/pairs/from-groups.ts";
import { pairsFromTree } from "../../src/models/pairs/from-tree.ts";
import { temporalSelfRewardingPairs } from "../../src/models/pairs/temporal-self-rewarding.ts";
import { combineScores } from "../../src/models/ensemble.ts";
import { trainPreferenceModel } from "../../src/models/train.ts";
import { generatePairs, makeWorld } from "./synthetic.ts";

const w = makeWorld(1);
const { pairs } = generatePairs(w, { n: 1500, seed: 2 });
const m1 = trainPreferenceModel(pairs, {
  epochs: 2,
  seed: 1,
  features: { bits: 10, word_ngrams: [1] },
}).model;
const m2 = trainPreferenceModel(pairs, {
  epochs: 2,
  seed: 2,
  features: { bits: 11, word_ngrams: [1] },
}).model;
const files: Record<string, string> = {
  "m1.json": JSON.stringify(m1.toJSON()),
  "m2.json": JSON.stringify(m2.toJSON()),
};
const load = (f: string) => {
  const t = files[f];
  if (t === undefined) throw new Error(`no such file ${f}`);
  return t;
};

test("model.bt scores through ctx.load and inline weights alike", async () => {
  const r = compileNode({ kind: "model.bt", model: "m1.json" }, { registry: defaultRegistry, load });
  const inline = compileNode({ kind: "model.bt", model: m1.toJSON() }, { registry: defaultRegistry });
  const rollout = { prompt: "", completion: "tok1 tok2 tok3" };
  const a = await r.score(rollout, {});
  const b = await inline.score(rollout, {});
  assert.equal(a.score, m1.scoreText({ text: "tok1 tok2 tok3" }).score);
  assert.equal(a.score, b.score);
  const sig = await compileNode(
    { kind: "model.bt", model: "m1.json", output: "sigmoid" },
    { registry: defaultRegistry, load },
  ).score(rollout, {});
  assert.ok(Math.abs(sig.score! - 1 / (1 + Math.exp(-a.score!))) < 1e-12);
});

test("model.bt reports configuration problems at compile time", () => {
  assert.throws(
    () => compileNode({ kind: "model.bt", model: "missing.json" }, { registry: defaultRegistry, load }),
    /missing\.json/,
  );
  assert.throws(
    () => compileNode({ kind: "model.bt", model: "m1.json" }, { registry: defaultRegistry }),
    /no file loader/,
  );
  assert.throws(
    () =>
      compileNode({ kind: "model.bt", model: "m1.json", head: "nope" }, { registry: defaultRegistry, load }),
    /no head "nope"/,
  );
});

test("model.bt: a PAL model with unknown_user error fails loudly, not with 0", async () => {
  const two = makeWorld(5, 100, 2);
  const up = generatePairs(two, { n: 600, seed: 3, usersPerPopulation: 2 }).pairs;
  const pal = trainPreferenceModel(up, { type: "pal", epochs: 1, features: { bits: 10 } }).model;
  const r = compileNode(
    { kind: "model.bt", model: pal.toJSON(), unknown_user: "error" },
    { registry: defaultRegistry },
  );
  const res = await r.score({ completion: "tok1", meta: { user: "stranger" } }, {});
  assert.equal(res.score, null);
  assert.equal(res.error?.kind, "invalid_input");
  const known = await r.score({ completion: "tok1", meta: { user: "p0u0" } }, {});
  assert.equal(typeof known.score, "number");
});

test("model.ensemble z-normalises members and combines them", async () => {
  const r = compileNode(
    { kind: "model.ensemble", models: ["m1.json", "m2.json"], combine: "mean" },
    { registry: defaultRegistry, load },
  );
  const res = await r.score({ completion: "tok4 tok9" }, {});
  const z1 = (m1.scoreText({ text: "tok4 tok9" }).score - m1.scoreStats!.mean) / m1.scoreStats!.std;
  const z2 = (m2.scoreText({ text: "tok4 tok9" }).score - m2.scoreStats!.mean) / m2.scoreStats!.std;
  assert.ok(Math.abs(res.score! - (z1 + z2) / 2) < 1e-12);
  assert.equal(combineScores([3, 1, 2], "median"), 2);
  assert.equal(combineScores([3, 1, 2, 10], "median"), 2.5);
  assert.equal(combineScores([3, 1, 2], "min"), 1);
});

test("pairs from scored groups: best-worst, all pairs with margins, ties", () => {
  const g = [
    {
      prompt: "q",
      responses: [
        { text: "a", score: 1 },
        { text: "b", score: 0.2 },
        { text: "c", score: 0.2 },
        { text: "d", score: Number.NaN },
      ],
    },
  ];
  const bw = pairsFromGroups(g);
  assert.equal(bw.length, 1);
  assert.deepEqual([bw[0]!.chosen[0], bw[0]!.rejected[0], bw[0]!.margin], ["a", "c", 0.8]);
  const all = pairsFromGroups(g, { mode: "all" });
  // a>b, a>c; b=c gives no pair without ties.
  assert.deepEqual(
    all.map((p) => `${p.chosen[0]}>${p.rejected[0]}`),
    ["a>b", "a>c"],
  );
  assert.equal(pairsFromGroups(g, { mode: "all", ties: true }).filter((p) => p.tie).length, 1);
  assert.equal(pairsFromGroups(g, { mode: "all", minMargin: 0.9 }).length, 0);
});

test("pairs from a response prefix tree", () => {
  const tree = {
    text: "The answer ",
    children: [
      {
        text: "is ",
        children: [
          { text: "4", score: 1 },
          { text: "5", score: 0 },
        ],
      },
      { text: "might be 4", score: 0.5 },
    ],
  };
  const all = pairsFromTree("2+2?", tree);
  assert.deepEqual(all.map((p) => `${p.chosen[0]} > ${p.rejected[0]}`).sort(), [
    "The answer is 4 > The answer is 5",
    "The answer is 4 > The answer might be 4",
    "The answer might be 4 > The answer is 5",
  ]);
  // Siblings: the two leaves under "is " share the longest prefix.
  const sib = pairsFromTree("2+2?", tree, { rule: "siblings" });
  assert.deepEqual(
    sib.map((p) => `${p.chosen[0]} > ${p.rejected[0]}`),
    ["The answer is 4 > The answer is 5"],
  );
});

test("Temporal Self-Rewarding: anchored rejection and future-guided chosen", () => {
  const r = temporalSelfRewardingPairs([
    {
      prompt: "p1",
      initial: [
        { text: "old-bad", score: 1 },
        { text: "old-ok", score: 5 },
      ],
      current: [{ text: "cur", score: 6 }],
      future: [{ text: "fut", score: 8 }],
    },
    {
      prompt: "p2",
      initial: [{ text: "old", score: 2 }],
      current: [{ text: "cur", score: 7 }],
      future: [{ text: "fut", score: 6 }],
    },
    { prompt: "p3", initial: [{ text: "old", score: 9 }], current: [{ text: "cur", score: 3 }] },
    { prompt: "p4", initial: [], current: [{ text: "cur", score: 3 }] },
  ]);
  assert.deepEqual(
    r.pairs.map((p) => [p.prompt, p.chosen[0], p.rejected[0], p.chosenFrom, p.margin]),
    [
      ["p1", "fut", "old-bad", "future", 7],
      ["p2", "cur", "old", "current", 5],
    ],
  );
  assert.deepEqual(
    r.skipped.map((s) => s.prompt),
    ["p3", "p4"],
  );
});
