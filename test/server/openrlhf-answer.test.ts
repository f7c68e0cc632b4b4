// The OpenRLHF answer as OpenRLHF reads it: every number a float in the JSON text (`1.0`, not `1`), and every
// component key of the spec in every answer, an empty batch included.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scoreOne } from "../../src/core/score-batch.ts";
import { createApp } from "../../src/server/app.ts";
import { componentKeys, openrlhfJson, toOpenRLHF } from "../../src/server/openrlhf.ts";
import { spec } from "./helpers.ts";

const post = async (a: ReturnType<typeof createApp>["app"], path: string, body: unknown) => {
  const res = await a.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
};

/** Every number token of a JSON text (outside strings). */
function numberTokens(text: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  for (const m of text.matchAll(re)) if (m[0][0] !== '"') out.push(m[0]);
  return out;
}

const correctness = spec(`
name: correctness
reward: {kind: text.exact, name: correct}
`);
const nested = spec(`
name: nested
reward:
  kind: sum
  terms:
    - {kind: text.exact, name: correct}
    - kind: gate
      name: gated
      check: {kind: format.tags, name: format}
      reward: {kind: text.exact, name: correct}
    - kind: formula
      name: mix
      expr: "0.5 * a + 0.5 * b"
      terms:
        a: {kind: text.exact}
        b: {kind: format.tags}
    - kind: max
      terms: [{kind: text.exact, name: x}, {kind: text.exact, name: x}]
`);
const parts = spec(`
name: parts
reward: {kind: sum, terms: [{kind: test.parts, name: p}, {kind: text.exact, name: correct}]}
`);
const leaf = spec(`
name: leaf
reward: {kind: test.parts}
`);

describe("OpenRLHF answer: float-typed numbers", () => {
  it("a batch of 0s and 1s is written as 1.0 and 0.0 in rewards, scores and every extra_logs series", async () => {
    const { app } = createApp({ specs: [correctness, nested] });
    const r = await post(app, "/get_reward", {
      query: ["<answer>4</answer>", "<answer>5</answer>"],
      prompts: ["", ""],
      labels: ["4", "4"],
    });
    assert.equal(r.status, 200);
    assert.equal(
      r.text,
      '{"rewards":[1.0,0.0],"scores":[1.0,0.0],"extra_logs":{"rewardkit/error":[0.0,0.0],"rewardkit/not_applicable":[0.0,0.0]}}',
    );
    for (const t of numberTokens(r.text)) assert.match(t, /[.eE]/, `integer token ${t}`);
    const n = await post(app, "/get_reward/nested", { query: ["<answer>4</answer>"], labels: ["4"] });
    assert.ok(numberTokens(n.text).length > 10);
    for (const t of numberTokens(n.text)) assert.match(t, /[.eE]/, `integer token ${t}`);
  });
  it("keeps non-integers, negatives and exponents exact (JSON round trip equals the numbers)", () => {
    const xs = [0, 1, -1, 0.5, -2.25, 1e21, 1e-7, 123456789, -0];
    const text = openrlhfJson({ rewards: xs, scores: xs, extra_logs: { k: xs } });
    for (const t of numberTokens(text)) assert.match(t, /[.eE]/, `integer token ${t}`);
    assert.deepEqual(
      JSON.parse(text).rewards,
      xs.map((x) => (Object.is(x, -0) ? 0 : x)),
    );
  });
});

describe("OpenRLHF answer: every component key, empty batches included", () => {
  it("componentKeys of a tree equal the components scoring reports when every term applies", () => {
    const rollout = { completion: "<think>t</think><answer>4</answer>", reference: "4" };
    for (const s of [correctness, nested, parts]) {
      const r = scoreOne(s.reward, rollout) as { components?: Record<string, unknown> };
      const seen = Object.keys(r.components ?? {}).filter((k) => !k.startsWith("part_"));
      assert.deepEqual(componentKeys(s.reward).sort(), seen.sort(), s.spec.name);
    }
    assert.deepEqual(componentKeys(nested.reward).sort(), [
      "a",
      "b",
      "correct",
      "format",
      "gated",
      "gated.correct",
      "mix",
      "x",
      "x#2",
    ]);
  });
  it("an empty batch lists the spec's component keys with empty series", async () => {
    const { app } = createApp({ specs: [nested] });
    const r = await post(app, "/get_reward", { query: [], prompts: [], labels: [] });
    const body = JSON.parse(r.text);
    assert.deepEqual(body.rewards, []);
    assert.deepEqual(
      Object.keys(body.extra_logs).sort(),
      [...componentKeys(nested.reward), "rewardkit/error", "rewardkit/not_applicable"].sort(),
    );
    for (const v of Object.values(body.extra_logs)) assert.deepEqual(v, []);
  });
  it("a component a leaf reported once is listed in later answers, empty or failed ones included", async () => {
    const { app } = createApp({ specs: [leaf] });
    const before = JSON.parse((await post(app, "/get_reward", { query: [] })).text);
    assert.deepEqual(Object.keys(before.extra_logs), ["rewardkit/error", "rewardkit/not_applicable"]);
    const one = JSON.parse((await post(app, "/get_reward", { query: ["x"], prompts: [""] })).text);
    assert.deepEqual(one.extra_logs.part_a, [1]);
    assert.deepEqual(one.rewards, [0.5]);
    const after = JSON.parse((await post(app, "/get_reward", { query: [] })).text);
    assert.deepEqual(Object.keys(after.extra_logs).sort(), [
      "part_a",
      "part_b",
      "rewardkit/error",
      "rewardkit/not_applicable",
    ]);
  });
  it("a failed item keeps every key: the component takes fill and rewardkit/error is 1", () => {
    const out = toOpenRLHF([{ score: null, error: { kind: "timeout", message: "x" } }], 0, [
      "correct",
      "format",
    ]);
    assert.deepEqual(out.extra_logs, {
      correct: [0],
      format: [0],
      "rewardkit/error": [1],
      "rewardkit/not_applicable": [0],
    });
  });
});
