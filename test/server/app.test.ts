// In-process tests of the HTTP app (hono `app.request`): contracts, bad-input classes 1, 2, 5, 6, 7 of the
// reliability matrix, idempotent replay, and NaN handling. Socket-level cases are in socket.test.ts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defineReward } from "../../src/core/reward.ts";
import { createApp } from "../../src/server/app.ts";
import type { CompiledSpec } from "../../src/spec/spec.ts";
import { sideEffects } from "./fixtures/kinds.ts";
import { demoSpec, spec } from "./helpers.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

const demo = demoSpec();
const counting = spec(`
name: counting
reward: {kind: test.counter, name: counted}
`);
const nan = spec(`
name: nan
reward: {kind: test.nan_component}
`);

function app(limits = {}) {
  return createApp({ specs: [demo, counting, nan], limits }).app;
}
async function call(
  a: ReturnType<typeof app>,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const res = await a.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

const good = "<think>2+2 is 4</think><answer>4</answer>";

describe("POST /v1/score", () => {
  it("returns results aligned with the input, components included", async () => {
    const r = await call(app(), "/v1/score", {
      rollouts: [
        { completion: good, reference: "4" },
        { completion: "<answer>5</answer>", reference: "4" },
      ],
    });
    assert.equal(r.status, 200);
    const body = r.json();
    assert.equal(body.spec, "demo");
    // sum: correct·1 + format·0.5 → 1 + 0.5 = 1.5; second: 0 + 0 (no <think>) = 0.
    assert.equal(body.results[0].score, 1.5);
    assert.deepEqual(body.results[0].components, { correct: 1, format: 1 });
    assert.equal(body.results[1].score, 0);
    assert.deepEqual(body.results[1].components, { correct: 0, format: 0 });
  });

  it("answers an empty list with an empty list", async () => {
    const r = await call(app(), "/v1/score", { rollouts: [] });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json(), { spec: "demo", results: [] });
  });

  it("serves several specs by name and 404s an unknown one", async () => {
    const a = app();
    const r = await call(a, "/v1/score", { spec: "counting", rollouts: [{ completion: "x" }] });
    assert.equal(r.json().spec, "counting");
    const bad = await call(a, "/v1/score", { spec: "nope", rollouts: [] });
    assert.equal(bad.status, 404);
    assert.match(bad.json().error.message, /no spec named "nope" \(served: demo, counting, nan\)/);
  });

  it("never serialises a NaN reward component as null: the item becomes a typed error", async () => {
    const r = await call(app(), "/v1/score", { spec: "nan", rollouts: [{ completion: "x" }] });
    const res = r.json().results[0];
    assert.equal(res.score, null);
    assert.equal(res.error.kind, "internal");
    assert.match(res.error.message, /non-finite component "broken" \(NaN\)/);
    assert.ok(!r.text.includes('"broken":null'));
  });
});

describe("bad input class 1: size limits name the limit", () => {
  it("413 max_rollouts", async () => {
    const r = await call(app({ max_rollouts: 3 }), "/v1/score", {
      rollouts: Array(4).fill({ completion: "a" }),
    });
    assert.equal(r.status, 413);
    assert.equal(r.json().error.limit, "max_rollouts");
    assert.equal(r.json().error.max, 3);
    assert.equal(r.json().error.actual, 4);
  });
  it("422 max_completion_chars with the item path (chat contents are summed)", async () => {
    const a = app({ max_completion_chars: 10 });
    const r = await call(a, "/v1/score", {
      rollouts: [
        { completion: "short" },
        {
          completion: [
            { role: "assistant", content: "123456" },
            { role: "assistant", content: [{ type: "text", text: "12345" }] },
          ],
        },
      ],
    });
    assert.equal(r.status, 422);
    const e = r.json().error;
    // 6 + 5 = 11 characters > 10.
    assert.deepEqual(
      [e.limit, e.max, e.actual, e.path],
      ["max_completion_chars", 10, 11, "rollouts[1].completion"],
    );
  });
  it("422 max_steps", async () => {
    const r = await call(app({ max_steps: 2 }), "/v1/score", {
      rollouts: [{ completion: "a", steps: [{}, {}, {}] }],
    });
    assert.equal(r.status, 422);
    assert.equal(r.json().error.limit, "max_steps");
  });
  it("413 max_body_bytes from Content-Length, before reading", async () => {
    const body = JSON.stringify({ rollouts: [{ completion: "x".repeat(2000) }] });
    const r = await call(app({ max_body_bytes: 1000 }), "/v1/score", body);
    assert.equal(r.status, 413);
    assert.equal(r.json().error.limit, "max_body_bytes");
  });
  it("413 max_json_depth, found without recursion even at depth 10⁵", async () => {
    const deep = `{"rollouts":[{"completion":"a","reference":${"[".repeat(100_000)}${"]".repeat(100_000)}}]}`;
    const r = await call(app({ max_body_bytes: 1 << 20 }), "/v1/score", deep);
    assert.equal(r.status, 413);
    const e = r.json().error;
    assert.equal(e.limit, "max_json_depth");
    // Scanning stops one past the limit: 64 + 1 = 65.
    assert.equal(e.actual, 65);
  });
  it("an empty completion is scored, not refused", async () => {
    const r = await call(app(), "/v1/score", { rollouts: [{ completion: "", reference: "4" }] });
    assert.equal(r.status, 200);
    assert.equal(r.json().results[0].score, 0);
  });
});

describe("bad input class 5: JSON", () => {
  it("NaN and -Infinity tokens → 400 naming the path", async () => {
    const a = app();
    let r = await call(
      a,
      "/v1/score",
      '{"rollouts":[{"completion":"a"},{"completion":"b","meta":{"x":[1,NaN]}}]}',
    );
    assert.equal(r.status, 400);
    assert.equal(r.json().error.code, "E_NON_FINITE");
    assert.equal(r.json().error.path, "rollouts[1].meta.x[1]");
    r = await call(a, "/v1/score", '{"rollouts":[{"completion":"a","reference":-Infinity}]}');
    assert.equal(r.json().error.path, "rollouts[0].reference");
    assert.match(r.json().error.message, /-Infinity is not JSON/);
  });
  it("a NaN inside a string is text, not a token", async () => {
    const r = await call(
      app(),
      "/v1/score",
      '{"rollouts":[{"completion":"<answer>NaN</answer>","reference":"NaN"}]}',
    );
    assert.equal(r.status, 200);
    assert.equal(r.json().results[0].components.correct, 1);
  });
  it("wrong types → 400 with every path", async () => {
    const r = await call(app(), "/v1/score", {
      rollouts: [{ completion: 5 }, { prompt: 3, completion: [{ content: "x" }] }, "str"],
    });
    assert.equal(r.status, 400);
    const paths = r.json().error.issues.map((i: { path: string }) => i.path);
    assert.deepEqual(paths, [
      "rollouts[0].completion",
      "rollouts[1].completion[0].role",
      "rollouts[1].prompt",
      "rollouts[2]",
    ]);
  });
  it("__proto__ keys → 400 with the path", async () => {
    const r = await call(
      app(),
      "/v1/score",
      '{"rollouts":[{"completion":"a","meta":{"__proto__":{"x":1}}}]}',
    );
    assert.equal(r.status, 400);
    assert.equal(r.json().error.path, "rollouts[0].meta.__proto__");
  });
  it("an escaped __proto__ key (\\u005f_proto__) is refused too: JSON.parse makes it the same own key", async () => {
    const r = await call(
      app(),
      "/v1/score",
      '{"rollouts":[{"completion":"a","meta":{"\\u005f_proto__":{"x":1}}}]}',
    );
    assert.equal(r.status, 400);
    assert.equal(r.json().error.path, "rollouts[0].meta.__proto__");
  });
  it("tolerant parse: duplicate keys keep the last, big ints become doubles, lone surrogates round-trip", async () => {
    const r = await call(
      app(),
      "/v1/score",
      '{"rollouts":[{"completion":"<answer>1</answer>","completion":"<answer>4</answer>","reference":"4","meta":{"n":12345678901234567890,"s":"\\ud800"}}]}',
    );
    assert.equal(r.status, 200);
    assert.equal(r.json().results[0].components.correct, 1);
  });
  it("malformed JSON → 400 E_JSON; a non-object body → 400", async () => {
    assert.equal((await call(app(), "/v1/score", '{"rollouts": [')).json().error.code, "E_JSON");
    assert.equal((await call(app(), "/v1/score", "[1,2]")).status, 400);
  });
  it("OpenAI content-part arrays are read as text", async () => {
    const r = await call(app(), "/v1/score", {
      rollouts: [
        {
          completion: [{ role: "assistant", content: [{ type: "output_text", text: good }] }],
          reference: "4",
        },
      ],
    });
    assert.equal(r.json().results[0].score, 1.5);
  });
});

describe("bad input classes 2, 6, 7 over HTTP", () => {
  it("class 2: degenerate repetition is scanned linearly (no quadratic blow-up)", async () => {
    const a = app();
    const rollouts = [
      { completion: "<answer>".repeat(20_000), reference: "4" },
      { completion: `<answer>${" ".repeat(4000)}x`, reference: "4" },
      { completion: "\\boxed{".repeat(10_000), reference: "4" },
      { completion: "{".repeat(10_000), reference: "4" },
      { completion: good, reference: "4" },
    ];
    const t0 = performance.now();
    const r = await call(a, "/v1/score", { rollouts });
    const ms = performance.now() - t0;
    assert.equal(r.status, 200);
    assert.ok(ms < NO_HANG_MS, `took ${ms} ms for 5 items`);
    const res = r.json().results;
    for (let i = 0; i < 4; i++) assert.equal(res[i].components.correct, 0);
    assert.equal(res[4].score, 1.5, "the good item is unaffected");
  });
  it("class 6: fullwidth digits match after NFKC; a homoglyph tag is not a tag", async () => {
    const r = await call(app(), "/v1/score", {
      rollouts: [
        { completion: "<think>t</think><answer>１２</answer>", reference: "12" },
        { completion: "<think>t</think><\u0430nswer>12</\u0430nswer>", reference: "12" },
        { completion: "\uFEFF<think>t</think><answer>12</answer>\r\n", reference: "12" },
      ],
    });
    const res = r.json().results;
    assert.equal(res[0].components.correct, 1);
    assert.equal(res[1].components.correct, 0);
    assert.equal(res[1].components.format, 0);
    assert.equal(res[2].score, 1.5);
  });
  it("class 7: repeated blocks, empty answer and text after the answer fail the format term", async () => {
    const r = await call(app(), "/v1/score", {
      rollouts: [
        { completion: "<think>a</think><think>b</think><answer>4</answer>", reference: "4" },
        { completion: "<think>a</think><answer></answer>", reference: "4" },
        { completion: "<think>a</think><answer>4</answer> and more text", reference: "4" },
      ],
    });
    const res = r.json().results;
    assert.deepEqual(
      res.map((x: { components: { format: number } }) => x.components.format),
      [0, 0, 0],
    );
  });
});

describe("idempotency (fault case 4)", () => {
  it("5 identical retries give identical bytes and one side effect", async () => {
    const a = app();
    const body = { spec: "counting", rollouts: [{ completion: "a" }, { completion: "b" }] };
    const before = sideEffects.count;
    const texts = [];
    for (let i = 0; i < 5; i++) texts.push((await call(a, "/v1/score", body)).text);
    assert.equal(new Set(texts).size, 1);
    // Two rollouts scored once: 2 calls, not 10.
    assert.equal(sideEffects.count - before, 2);
  });
  it("5 concurrent identical requests share one computation", async () => {
    const a = app();
    const body = {
      spec: "counting",
      rollouts: [{ completion: "c" }, { completion: "d" }, { completion: "e" }],
    };
    const before = sideEffects.count;
    const rs = await Promise.all(Array.from({ length: 5 }, () => call(a, "/v1/score", body)));
    assert.equal(new Set(rs.map((r) => r.text)).size, 1);
    assert.equal(sideEffects.count - before, 3);
    assert.deepEqual(rs.map((r) => r.headers.get("x-rewardkit-replay")).sort(), [
      "coalesced",
      "coalesced",
      "coalesced",
      "coalesced",
      "computed",
    ]);
  });
  it("an Idempotency-Key reused with another body → 422", async () => {
    const a = app();
    const h = { "idempotency-key": "k1" };
    assert.equal((await call(a, "/v1/score", { rollouts: [{ completion: "a" }] }, h)).status, 200);
    const r = await call(a, "/v1/score", { rollouts: [{ completion: "b" }] }, h);
    assert.equal(r.status, 422);
    assert.equal(r.json().error.code, "E_IDEMPOTENCY_KEY_REUSED");
  });
});

describe("POST /get_reward (OpenRLHF)", () => {
  const prompt = "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n";
  it("recovers the response from the templated query and returns rewards, scores, extra_logs", async () => {
    const r = await call(app(), "/get_reward", {
      query: [
        `${prompt}${good}<|im_end|>`,
        `${prompt}<answer>5</answer><|im_end|><|endoftext|><|endoftext|>`,
      ],
      prompts: [prompt, prompt],
      labels: ["4", "4"],
    });
    assert.equal(r.status, 200);
    // First: correct 1 + 0.5·format 1 = 1.5 (the trailing <|im_end|> was stripped, so strict_end holds).
    assert.deepEqual(r.json(), {
      rewards: [1.5, 0],
      scores: [1, 0],
      extra_logs: {
        correct: [1, 0],
        format: [1, 0],
        "rewardkit/error": [0, 0],
        "rewardkit/not_applicable": [0, 0],
      },
    });
  });
  it("accepts empty lists (extra URLs of a split batch get them), listing every component key", async () => {
    const r = await call(app(), "/get_reward", { query: [], prompts: [], labels: [] });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json(), {
      rewards: [],
      scores: [],
      extra_logs: { correct: [], format: [], "rewardkit/error": [], "rewardkit/not_applicable": [] },
    });
  });
  it("selects a spec by path or query string", async () => {
    const a = app();
    const r1 = await call(a, "/get_reward/counting", { query: ["q"], prompts: ["q"], labels: [""] });
    const r2 = await call(a, "/get_reward?spec=counting", { query: ["q"], prompts: ["q"], labels: [""] });
    assert.deepEqual(r1.json().rewards, [1]);
    assert.deepEqual(r2.json().rewards, [1]);
  });
  it("rejects mismatched lengths and non-string queries with the path", async () => {
    const a = app();
    let r = await call(a, "/get_reward", { query: ["a", "b"], prompts: ["a"], labels: ["x", "y"] });
    assert.equal(r.status, 400);
    assert.equal(r.json().error.path, "prompts");
    r = await call(a, "/get_reward", { query: [1], prompts: ["a"], labels: ["x"] });
    assert.equal(r.json().error.path, "query[0]");
  });
  it("flags errors and non-applicable results in extra_logs instead of hiding them", async () => {
    const r = await call(app(), "/get_reward/nan", { query: ["a"], prompts: [""], labels: [""] });
    assert.deepEqual(r.json().rewards, [0]);
    assert.deepEqual(r.json().extra_logs["rewardkit/error"], [1]);
  });
});

describe("GET /healthz, /metrics, /v1/advantages", () => {
  it("healthz lists specs; metrics has requests, latency, per-kind duration and errors by kind", async () => {
    const created = createApp({ specs: [demo, nan] });
    const a = created.app;
    const h = await a.request("/healthz");
    assert.equal(h.status, 200);
    assert.deepEqual(((await h.json()) as { specs: string[] }).specs, ["demo", "nan"]);
    await call(a, "/v1/score", { rollouts: [{ completion: good, reference: "4" }] });
    await call(a, "/v1/score", { spec: "nan", rollouts: [{ completion: "x" }] });
    await call(a, "/v1/score", "{bad");
    const m = await (await a.request("/metrics")).text();
    assert.match(m, /rewardkit_http_requests_total\{route="\/v1\/score",status="200"\} 2/);
    assert.match(m, /rewardkit_http_requests_total\{route="\/v1\/score",status="400"\} 1/);
    assert.match(m, /rewardkit_http_request_duration_seconds_count\{route="\/v1\/score"\} 3/);
    assert.match(m, /rewardkit_reward_duration_seconds_count\{kind="text.exact"\} 1/);
    assert.match(m, /rewardkit_reward_errors_total\{spec="nan",kind="internal"\} 1/);
    assert.match(m, /rewardkit_queue_items 0/);
    created.startDrain();
    assert.equal((await a.request("/healthz")).status, 503);
    assert.equal((await call(a, "/v1/score", { rollouts: [] })).status, 503);
  });
});

describe("POST /v1/advantages", () => {
  it("computes GRPO advantages per group; bad bodies are 422 with paths", async () => {
    const a = app();
    const r = await call(a, "/v1/advantages", { estimator: "grpo", rewards: [1, 0], group_size: 2 });
    assert.equal(r.status, 200);
    // verl convention: mean 0.5, unbiased std √0.5 ≈ 0.7071 → ±0.5/0.7071 = ±0.7071 (eps 1e-6 negligible).
    const adv = r.json().advantages;
    assert.ok(Math.abs(adv[0] - Math.SQRT1_2) < 1e-5 && Math.abs(adv[1] + Math.SQRT1_2) < 1e-5, String(adv));
    const bad = await call(a, "/v1/advantages", { rewards: [1, 0], groups: ["a"] });
    assert.equal(bad.status, 422);
    assert.equal(bad.json().error.issues[0].path, "groups");
    const nan = await call(a, "/v1/advantages", '{"rewards":[1,NaN]}');
    assert.equal(nan.status, 400);
    assert.equal(nan.json().error.path, "rewards[1]");
  });
  it("is admitted like scoring: while the queue is full it answers 503 E_OVERLOADED, then computes", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const hold = {
      spec: { name: "hold", reward: { kind: "hold" } },
      reward: defineReward({
        kind: "hold",
        score: async () => {
          await held;
          return { score: 1 };
        },
      }),
    } as unknown as CompiledSpec;
    const { app: a, runtime } = createApp({ specs: [hold], maxPendingItems: 1, replay: false });
    const first = call(a, "/v1/score", { rollouts: [{ completion: "a" }] });
    while (runtime.queue.pendingItems === 0) await new Promise((r) => setImmediate(r));
    const body = { estimator: "grpo", rewards: [1, 0], group_size: 2 };
    const refused = await call(a, "/v1/advantages", body);
    assert.equal(refused.status, 503);
    assert.equal(refused.json().error.code, "E_OVERLOADED");
    release();
    assert.equal((await first).status, 200);
    assert.equal((await call(a, "/v1/advantages", body)).status, 200);
  });
});
