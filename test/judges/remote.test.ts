import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import { scoreOne } from "../../src/core/score-batch.ts";
import type { Reward, RewardResult, Rollout } from "../../src/core/types.ts";
import { reducePooled } from "../../src/judges/remote-common.ts";
import { flrScore, spanLogLikelihood } from "../../src/judges/remote-flr.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { type OpenAITestServer, startTestServer } from "../fixtures/openai-test-server.ts";

let srv: OpenAITestServer;
before(async () => {
  srv = await startTestServer();
});
after(async () => {
  await srv.close();
});

function rm(node: Record<string, unknown>, base = srv.url): Reward {
  return compileNode(
    { base_url: base, cache: ":memory:", max_retries: 2, backoff_ms: 1, ...node },
    {
      registry: defaultRegistry,
    },
  );
}
const score = async (r: Reward, x: Rollout): Promise<RewardResult> => await scoreOne(r, x);
let k = 0;
const P = () => `prompt ${++k}`;

describe("vLLM /classify and /pooling", () => {
  test("classify: probs[class_index], last class by default", async () => {
    const x = { prompt: P(), completion: "yes [[score=0.8]]" };
    assert.equal((await score(rm({ kind: "remote.classify" }), x)).score, 0.8);
    // The server returns probs [1 − p, p]: class 0 is 1 − 0.8.
    assert.equal((await score(rm({ kind: "remote.classify", class_index: 0 }), x)).score, 1 - 0.8);
    const body = srv.requests.at(-1)!.body as Record<string, unknown>;
    assert.equal(body.input, `${x.prompt}\nyes [[score=0.8]]`);
  });

  test("classify: a class index outside the answer is an upstream error", async () => {
    const r = await score(rm({ kind: "remote.classify", class_index: 5 }), {
      prompt: P(),
      completion: "[[score=0.1]]",
    });
    assert.equal(r.error?.kind, "upstream");
  });

  test("classify with format: messages sends the chat", async () => {
    await score(rm({ kind: "remote.classify", format: "messages", model: "rm" }), {
      prompt: [{ role: "user", content: "hi" }],
      completion: "hello [[score=0.5]]",
    });
    const body = srv.requests.at(-1)!.body as Record<string, unknown>;
    assert.deepEqual(body, {
      model: "rm",
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: "hello [[score=0.5]]" },
      ],
    });
  });

  test("pooling: last token (sequence reward) and mean over tokens", async () => {
    // Every prefix starts with the directive, so every per-token value is 0.3.
    const node = { kind: "remote.pooling", input: "[[score=0.3]] {{sample.output_text}}" };
    assert.equal((await score(rm(node), { prompt: P(), completion: "a b c" })).score, 0.3);
    assert.equal(
      (await score(rm({ ...node, reduce: "mean" }), { prompt: P(), completion: "a b c" })).score,
      0.3,
    );
  });

  test("reducePooled on the shapes servers return", () => {
    assert.equal(reducePooled(0.7, "last", -1), 0.7);
    assert.equal(reducePooled([1, 2, 6], "mean", -1), 3); // (1 + 2 + 6)/3
    // PRM-style per-token [p_neg, p_pos]: column 1 → [0.9, 0.2], min 0.2
    assert.equal(
      reducePooled(
        [
          [0.1, 0.9],
          [0.8, 0.2],
        ],
        "min",
        1,
      ),
      0.2,
    );
    assert.equal(typeof reducePooled([], "last", -1), "string");
    assert.equal(typeof reducePooled(["x"], "last", -1), "string");
  });
});

describe("OpenRLHF /get_reward and TEI /rerank", () => {
  test("get_reward: rewards[0]; the request follows the serve_rm contract; extra_logs become components", async () => {
    const p = P();
    const r = await score(rm({ kind: "remote.get_reward", url: `${srv.url}/get_reward` }), {
      prompt: p,
      completion: " four [[score=0.9]]",
      reference: "4",
    });
    assert.equal(r.score, 0.9);
    assert.deepEqual(r.components, { dummy_scores: 0.9 });
    assert.deepEqual(srv.requests.at(-1)!.body, {
      query: [`${p} four [[score=0.9]]`],
      prompts: [p],
      labels: ["4"],
    });
  });

  test("get_reward: a malformed answer is an upstream error, not 0", async () => {
    const bad = await startTestServer();
    bad.inject({ type: "status", status: 200, body: '{"rewards": []}' }, { times: 10 });
    const r = await score(rm({ kind: "remote.get_reward" }, bad.url), { prompt: P(), completion: "x" });
    assert.equal(r.score, null);
    assert.equal(r.error?.kind, "upstream");
    await bad.close();
  });

  test("rerank: the score of index 0", async () => {
    const r = await score(rm({ kind: "remote.rerank" }), {
      prompt: P(),
      completion: "relevant [[score=0.66]]",
    });
    assert.equal(r.score, 0.66);
  });

  test("remote models retry resets and truncated bodies like the judges", async () => {
    srv.inject({ type: "reset" }, { path: "/rerank" });
    srv.inject({ type: "truncate" }, { path: "/rerank" });
    const r = await score(rm({ kind: "remote.rerank" }), { prompt: P(), completion: "[[score=0.5]]" });
    assert.equal(r.score, 0.5);
  });
});

describe("FLR (follow-up likelihood as reward)", () => {
  test("spanLogLikelihood and flrScore by hand", () => {
    const lp = { tokens: ["a", " b", " c"], token_logprobs: [null, -0.5, -1.5], text_offset: [0, 1, 3] };
    assert.deepEqual(spanLogLikelihood(lp, 1, 5), { sum: -2, count: 2 }); // −0.5 + −1.5
    assert.equal(typeof spanLogLikelihood(lp, 0, 5), "string", "the first token has no log-probability");
    assert.equal(typeof spanLogLikelihood({}, 0, 1), "string");
    assert.equal(flrScore([-1, -3], [-4]), 2); // (−1 − 3)/2 − (−4)
    assert.equal(flrScore([-1], []), -1);
  });

  test("end to end against a completions endpoint with echo and logprobs", async () => {
    // A language model for which satisfied follow-ups ("Thanks") are likely after a GOOD response and
    // dissatisfied ones ("Wrong") after a bad one: −0.5 when they match, −3 otherwise.
    const lm = await startTestServer({
      logprob: (before, token) => {
        const good = before.includes("GOOD");
        const positive = token.trim() === "Thanks";
        return good === positive ? -0.5 : -3;
      },
    });
    const node = {
      kind: "remote.flr",
      base_url: lm.baseUrl,
      model: "lm",
      positive: ["Thanks"],
      negative: ["Wrong"],
    };
    const good = await score(rm(node, lm.baseUrl), { prompt: "2+2?", completion: "GOOD: 4" });
    // LL⁺ = −0.5, LL⁻ = −3 → FLR = −0.5 − (−3) = 2.5
    assert.equal(good.score, 2.5);
    assert.deepEqual(good.components, { positive: -0.5, negative: -3 });
    const bad = await score(rm(node, lm.baseUrl), { prompt: "2+2?", completion: "5" });
    assert.equal(bad.score, -2.5); // −3 − (−0.5)
    const body = lm.requests.at(-1)!.body as Record<string, unknown>;
    assert.equal(body.echo, true);
    assert.equal(body.logprobs, 0);
    assert.match(String(body.prompt), /^User: 2\+2\?\nAssistant: 5\nUser: (Thanks|Wrong)$/);
    await lm.close();
  });

  test("two-token follow-ups sum their log-probabilities (or average with length_normalize)", async () => {
    const lm = await startTestServer({ logprob: () => -1 });
    const node = { kind: "remote.flr", model: "lm", positive: ["Thanks a lot"], negative: ["No"] };
    const sum = await score(rm(node, lm.baseUrl), { prompt: "q", completion: "a" });
    assert.equal(sum.score, -2); // 3 tokens · −1 − (1 token · −1)
    const avg = await score(rm({ ...node, length_normalize: true }, lm.baseUrl), {
      prompt: "q",
      completion: "a",
    });
    assert.equal(avg.score, 0); // −3/3 − (−1/1)
    await lm.close();
  });
});
