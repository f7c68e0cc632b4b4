// Server behaviour around the edges of a request: the drain deadline answers unfinished items with typed
// `timeout` results (the answer is written), one access-log entry per request (refusals with their reason),
// clients that leave are counted as `disconnected`, and Retry-After follows queued work over throughput.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AccessLogEntry } from "../../src/server/app.ts";
import { serverDefaults } from "../../src/runtime/defaults.ts";
import { WorkQueue } from "../../src/runtime/work-queue.ts";
import { endpointParams } from "../../src/judges/endpoint.ts";
import { fixtureRegistryModule, listen, post, spec } from "./helpers.ts";

const hung = spec(`
name: hung
reward: {kind: test.sleep, ms: 600000}
`);
const behave = spec(`
name: behave
execution: {deadline_ms: 600000}
reward: {kind: test.behave}
`);

/** Resolves once `f()` is true, checking on every macrotask turn (event-based, no fixed sleep). */
async function until(f: () => boolean): Promise<void> {
  while (!f()) await new Promise((r) => setTimeout(r, 10));
}

describe("drain deadline", () => {
  it("a request still scoring at the deadline is answered: unfinished items are typed timeouts", async () => {
    const srv = await listen({ specs: [hung] });
    const pending = post(srv.url, "/v1/score", { rollouts: [{ completion: "a" }, { completion: "b" }] });
    await until(() => srv.app.inflight() === 1);
    await srv.drain(50);
    const r = await pending;
    assert.equal(r.status, 200);
    const res = JSON.parse(r.text).results;
    assert.equal(res.length, 2);
    for (const x of res) {
      assert.equal(x.score, null);
      assert.equal(x.error.kind, "timeout");
      assert.match(x.error.message, /drain deadline/);
    }
  });
  it("in the worker pool: finished neighbours keep their scores, the hung item is a timeout", async () => {
    const srv = await listen({
      specs: [behave],
      workers: 2,
      registryModule: fixtureRegistryModule,
      replay: false,
    });
    const pending = post(srv.url, "/v1/score", { rollouts: [{ completion: "ab" }, { completion: "hang" }] });
    await until(() => srv.pool!.stats().busy === 1 && srv.app.inflight() === 1);
    await srv.drain(50);
    const res = JSON.parse((await pending).text).results;
    // "ab": (97 + 98) % 97 = 1 → 1/96.
    assert.equal(res[0].score, 1 / 96);
    assert.equal(res[1].error.kind, "timeout");
  });
  it("the default drain window is longer than a judge's default total deadline", () => {
    const judgeDefault = endpointParams.timeout_ms.parse(undefined);
    assert.equal(judgeDefault, 60_000);
    assert.ok(serverDefaults.drainMs > judgeDefault);
  });
});

describe("access log and status counts", () => {
  it("one entry per request; a 400 carries its code, path and reason", async () => {
    const entries: AccessLogEntry[] = [];
    const srv = await listen({
      specs: [spec("name: d\nreward: {kind: text.exact}")],
      accessLog: (e) => entries.push(e),
    });
    try {
      await post(srv.url, "/v1/score", { rollouts: [{ completion: "a", reference: "a" }] });
      await post(srv.url, "/v1/score", { rollouts: "nope" });
      await post(srv.url, "/v1/score", "{not json");
      await fetch(`${srv.url}/healthz`);
      assert.deepEqual(
        entries.map((e) => [e.method, e.route, e.status]),
        [
          ["POST", "/v1/score", 200],
          ["POST", "/v1/score", 400],
          ["POST", "/v1/score", 400],
          ["GET", "/healthz", 200],
        ],
      );
      assert.equal(entries[0]!.error, undefined);
      assert.equal(entries[1]!.error?.path, "rollouts");
      assert.match(entries[1]!.error?.message ?? "", /array/);
      assert.ok(entries[2]!.error?.code);
      for (const e of entries) assert.ok(e.ms >= 0);
    } finally {
      await srv.drain(100);
    }
  });
  it("a client that leaves mid-request is counted as disconnected, not 200", async () => {
    const entries: AccessLogEntry[] = [];
    let logged!: () => void;
    const seen = new Promise<void>((r) => (logged = r));
    const srv = await listen({
      specs: [hung],
      accessLog: (e) => {
        entries.push(e);
        if (e.route === "/v1/score") logged();
      },
    });
    try {
      const ac = new AbortController();
      const p = post(srv.url, "/v1/score", { rollouts: [{ completion: "a" }] }, { signal: ac.signal });
      p.catch(() => {});
      await until(() => srv.app.inflight() === 1);
      ac.abort();
      await seen;
      assert.equal(entries[0]!.status, "disconnected");
      const m = await (await fetch(`${srv.url}/metrics`)).text();
      assert.match(m, /rewardkit_http_requests_total\{route="\/v1\/score",status="disconnected"\} 1/);
      assert.doesNotMatch(m, /route="\/v1\/score",status="200"/);
    } finally {
      await srv.drain(100);
    }
  });
});

describe("Retry-After from queued work over recent throughput", () => {
  // A controllable clock and jobs that end when the test says so.
  const setup = () => {
    let t = 0;
    const q = new WorkQueue({ maxItems: 1e9, now: () => t });
    const finish: (() => void)[] = [];
    const job = (n: number) => q.run(n, () => new Promise<void>((r) => finish.push(r)));
    return { q, job, finish, tick: (ms: number) => (t += ms) };
  };
  const started = () => new Promise((r) => setImmediate(r));

  it("30,000 items pending at 1,000 items/s → 30 s (not 1)", async () => {
    const { q, job, finish, tick } = setup();
    const done = [job(1000), job(1000)];
    await started();
    await started();
    tick(2000);
    for (const f of finish.splice(0)) f();
    await Promise.all(done);
    // 2,000 items in 2 s = 1,000/s; now 30 jobs of 1,000 are queued.
    for (let i = 0; i < 30; i++) void job(1000);
    assert.equal(q.pendingItems, 30_000);
    assert.equal(q.retryAfterSeconds(), 30);
  });
  it("before anything has finished: the age of the oldest running job", async () => {
    const { q, job, tick } = setup();
    void job(500);
    await started();
    tick(12_000);
    assert.equal(q.retryAfterSeconds(), 12);
  });
  it("an idle queue says 1 s; a huge backlog is capped at 300 s", async () => {
    const { q, job, finish, tick } = setup();
    assert.equal(q.retryAfterSeconds(), 1);
    const d = job(10);
    await started();
    tick(1000);
    finish[0]!();
    await d;
    for (let i = 0; i < 100; i++) void job(1000);
    assert.equal(q.retryAfterSeconds(), 300);
  });
});
