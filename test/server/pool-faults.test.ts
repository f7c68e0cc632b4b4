// Fault cases 1 (worker hang, OOM, crash) and 7 (determinism across worker counts and restarts), and bad-input
// classes 3 (spec regex) and 4 (math bombs), over HTTP on a real socket with the killable worker pool.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RunningServer } from "../../src/server/serve.ts";
import { fixtureRegistryModule, listen, post, spec } from "./helpers.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

const behave = spec(`
name: behave
reward: {kind: test.behave}
`);
// The same kind with a deadline no real work reaches: running out of memory under memory pressure on a loaded
// machine can take long, and it must end as `resource`, never race the deadline.
const behaveNoDeadline = spec(`
name: behave_long
execution: {deadline_ms: 600000}
reward: {kind: test.behave}
`);

describe("fault case 1: hang, OOM and crash in workers", () => {
  let srv: RunningServer;
  before(async () => {
    srv = await listen({
      specs: [behave, behaveNoDeadline],
      workers: 2,
      heapMb: 48,
      // Only "hang" meets this deadline: it spins until the worker is killed.
      deadlineMs: 2000,
      registryModule: fixtureRegistryModule,
      replay: false,
    });
  });
  after(() => srv.drain(100));

  it("gives each bad item a typed error, respawns, and completes the rest of the batch", async () => {
    const before = srv.pool!.stats().restarts;
    const [hung, broken] = await Promise.all([
      post(srv.url, "/v1/score", {
        spec: "behave",
        rollouts: [{ completion: "ab" }, { completion: "hang" }, { completion: "b" }],
      }),
      post(srv.url, "/v1/score", {
        spec: "behave_long",
        rollouts: [{ completion: "ab" }, { completion: "oom" }, { completion: "crash" }, { completion: "b" }],
      }),
    ]);
    assert.equal(hung.status, 200);
    assert.equal(broken.status, 200);
    const h = JSON.parse(hung.text).results;
    const b = JSON.parse(broken.text).results;
    // "ab": (97 + 98) % 97 = 1 → 1/96; "b": 98 % 97 = 1 → 1/96.
    for (const r of [h[0], h[2], b[0], b[3]]) assert.equal(r.score, 1 / 96);
    assert.equal(h[1].score, null);
    assert.equal(h[1].error.kind, "timeout");
    assert.equal(b[1].score, null);
    assert.equal(b[1].error.kind, "resource");
    assert.equal(b[2].score, null);
    assert.equal(b[2].error.kind, "internal");
    await srv.pool!.ready();
    const st = srv.pool!.stats();
    assert.equal(st.alive, 2, "pool size restored");
    assert.equal(st.restarts - before, 3);
    const m = await (await fetch(`${srv.url}/metrics`)).text();
    assert.match(m, /rewardkit_reward_errors_total\{spec="behave",kind="timeout"\} 1/);
    assert.match(m, /rewardkit_pool_workers 2/);
  });
});

describe("fault case 7: determinism across worker counts and restarts", () => {
  const rollouts = Array.from({ length: 24 }, (_, i) => ({ completion: `sample ${i} ${"x".repeat(i)}` }));
  it("scores the same bytes with 1 and 2 workers, and again after a worker restart", async () => {
    const texts: string[] = [];
    for (const workers of [1, 2]) {
      const srv = await listen({
        specs: [behave, behaveNoDeadline],
        workers,
        registryModule: fixtureRegistryModule,
        replay: false,
        deadlineMs: 2000,
      });
      try {
        texts.push((await post(srv.url, "/v1/score", { spec: "behave_long", rollouts })).text);
        if (workers === 2) {
          await post(srv.url, "/v1/score", { spec: "behave", rollouts: [{ completion: "hang" }] });
          await srv.pool!.ready();
          assert.ok(srv.pool!.stats().restarts >= 1);
          texts.push((await post(srv.url, "/v1/score", { spec: "behave_long", rollouts })).text);
        }
      } finally {
        await srv.drain(100);
      }
    }
    assert.equal(texts.length, 3);
    assert.equal(new Set(texts).size, 1);
  });
});

describe("bad input classes 3 and 4 through the pool", () => {
  let srv: RunningServer;
  const regex = spec(`
name: regex
execution: {deadline_ms: 1500}
reward:
  kind: sum
  terms:
    - {kind: format.regex, name: linear, pattern: "(a+)+$"}
    - {kind: format.regex, name: backtracking, pattern: "(a|a)+$", engine: backtracking}
`);
  const math = spec(`
name: math
execution: {deadline_ms: 60000}
reward: {kind: math.equivalent}
`);
  before(async () => {
    srv = await listen({ specs: [regex, math], workers: 2, replay: false });
  });
  after(() => srv.drain(100));

  it("class 3: (a+)+$ runs linearly inline; (a|a)+$ with backtracking (2^40 steps) is stopped at the deadline", async () => {
    const t0 = performance.now();
    const r = await post(srv.url, "/v1/score", {
      spec: "regex",
      rollouts: [{ completion: `${"a".repeat(40)}!` }, { completion: "aaa" }],
    });
    const ms = performance.now() - t0;
    const res = JSON.parse(r.text).results;
    assert.equal(res[0].score, null);
    assert.equal(res[0].error.kind, "timeout");
    assert.equal(res[0].components.linear, 0);
    assert.equal(res[1].score, 2);
    assert.ok(ms < NO_HANG_MS, `took ${ms} ms`);
  });

  it("class 4: math bombs end as timeout or resource errors; good items score; the pool is restored", async () => {
    const r = await post(srv.url, "/v1/score", {
      spec: "math",
      rollouts: [
        { completion: "\\boxed{4}", reference: "4" },
        { completion: "\\boxed{5^{5^{5^{5^5}}}}", reference: "1" },
        { completion: "\\boxed{10^{10^{10}}}", reference: "1" },
        { completion: "\\boxed{3^{20000000}}", reference: "1" },
        { completion: "\\boxed{\\log(\\log(\\log(\\log(\\log(\\log(10^{10^{10}}))))))}", reference: "1" },
        { completion: "\\boxed{\\frac{1}{2}}", reference: "0.5" },
      ],
    });
    assert.equal(r.status, 200);
    const res = JSON.parse(r.text).results;
    assert.equal(res[0].score, 1);
    assert.equal(res[5].score, 1);
    for (let i = 1; i <= 4; i++) {
      const x = res[i];
      // A bomb is either refused by the verifier's caps (0 or a typed error) or stopped by the deadline.
      assert.ok(x.score === 0 || ["timeout", "resource", "parse"].includes(x.error?.kind), JSON.stringify(x));
    }
    await srv.pool!.ready();
    assert.equal(srv.pool!.stats().alive, 2);
  });
});
