// Real-socket tests on 127.0.0.1: chunked bodies past the limit, huge batches, client disconnects
// (fault case 3), SIGTERM drain (fault case 6), and overload answered with 503 + Retry-After.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { request } from "node:http";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { RunningServer } from "../../src/server/serve.ts";
import { demoSpec, fixtureRegistryModule, listen, post, spec } from "./helpers.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

const demo = demoSpec();

describe("limits over a real socket (bad input class 1)", () => {
  let srv: RunningServer;
  before(async () => {
    srv = await listen({ specs: [demo] });
  });
  after(() => srv.drain(100));

  it("a 20 MB chunked body with no Content-Length → 413 max_body_bytes, without buffering it", async () => {
    const rssBefore = process.memoryUsage().rss;
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${srv.url}/v1/score`, {
        method: "POST",
        headers: { "transfer-encoding": "chunked" },
      });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      let stop = false;
      req.on("response", (res) => {
        stop = true;
        let b = "";
        res.on("data", (d) => (b += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: b }));
      });
      req.on("error", (e) => (stop ? undefined : reject(e)));
      req.write('{"rollouts":[{"completion":"');
      const pump = () => {
        while (!stop && sent < 20 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!stop) req.end('"}]}');
      };
      pump();
    });
    assert.equal(status, 413);
    const e = JSON.parse(body).error;
    assert.equal(e.limit, "max_body_bytes");
    assert.ok(e.actual > e.max);
    // The server stopped at the limit (16 MiB) instead of holding 20 MB plus copies.
    const grew = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    assert.ok(grew < 120, `RSS grew ${grew.toFixed(0)} MiB`);
  });

  it("100k rollouts → 413 max_rollouts; a 1 MB completion → 422 max_completion_chars", async () => {
    const many = await post(srv.url, "/v1/score", { rollouts: Array(100_000).fill({ completion: "" }) });
    assert.equal(many.status, 413);
    assert.equal(JSON.parse(many.text).error.limit, "max_rollouts");
    const big = await post(srv.url, "/v1/score", { rollouts: [{ completion: "x".repeat(1 << 20) }] });
    assert.equal(big.status, 422);
    assert.equal(JSON.parse(big.text).error.limit, "max_completion_chars");
  });

  it("10⁵ steps → 422 max_steps", async () => {
    const r = await post(srv.url, "/v1/score", {
      rollouts: [{ completion: "a", steps: Array(100_000).fill({}) }],
    });
    assert.equal(r.status, 422);
    assert.equal(JSON.parse(r.text).error.limit, "max_steps");
  });
});

describe("overload: 503 with Retry-After instead of unbounded latency", () => {
  it("refuses work beyond max_pending_items while a batch is being scored", async () => {
    const slow = spec(`
name: slow
reward: {kind: test.sleep, ms: 600000}
`);
    const srv = await listen({ specs: [slow], maxPendingItems: 4, replay: false });
    try {
      const first = post(srv.url, "/v1/score", { rollouts: Array(4).fill({ completion: "a" }) });
      // Event-based: the first batch holds the queue (its items sleep until the test ends them).
      while (srv.app.runtime.queue.pendingItems < 4) await new Promise((r) => setTimeout(r, 10));
      const second = await post(srv.url, "/v1/score", { rollouts: [{ completion: "b" }] });
      assert.equal(second.status, 503);
      assert.ok(Number(second.headers.get("retry-after")) >= 1);
      assert.equal(JSON.parse(second.text).error.code, "E_OVERLOADED");
      srv.app.abortScoring("test over");
      assert.equal((await first).status, 200);
    } finally {
      await srv.drain(100);
    }
  });
});

describe("client disconnect cancels queued items (fault case 3)", () => {
  it("frees the pool: queued items are dropped and the running one is stopped", async () => {
    const s = spec(`
name: spin
reward: {kind: test.behave}
`);
    const srv = await listen({
      specs: [s],
      workers: 1,
      registryModule: fixtureRegistryModule,
      deadlineMs: 10_000,
    });
    try {
      const pool = srv.pool!;
      const ac = new AbortController();
      const inflight = post(
        srv.url,
        "/v1/score",
        { rollouts: Array(8).fill({ completion: "spin:400" }) },
        { signal: ac.signal },
      );
      inflight.catch(() => {});
      while (pool.stats().busy !== 1) await new Promise((r) => setTimeout(r, 10));
      const t0 = performance.now();
      ac.abort();
      // Without cancellation the pool would stay busy 8 × 400 ms = 3.2 s.
      while (pool.stats().busy + pool.stats().queued > 0) {
        assert.ok(performance.now() - t0 < NO_HANG_MS, "pool still busy after the client left");
        await new Promise((r) => setTimeout(r, 20));
      }
      await pool.ready();
      assert.equal(pool.stats().alive, 1);
      // The next request is served at once by the fresh worker.
      const r = await post(srv.url, "/v1/score", { rollouts: [{ completion: "ab" }] });
      // "ab": (97 + 98) % 97 = 1 → 1/96.
      assert.equal(JSON.parse(r.text).results[0].score, 1 / 96);
    } finally {
      await srv.drain(100);
    }
  });
});

describe("SIGTERM drains gracefully (fault case 6)", () => {
  it("answers /healthz 503, refuses new work, finishes the request in flight, exits 0", async () => {
    const script = fileURLToPath(new URL("./fixtures/serve-child.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        const m = out.match(/^URL (\S+)$/m);
        if (m) resolve(m[1]!);
      });
      child.on("exit", (code) => reject(new Error(`child exited ${code}: ${stderr}`)));
    });
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    const slow = post(url, "/v1/score", { rollouts: [{ completion: "a" }] });
    // Event-based: SIGTERM only once the server holds the request, health checked once the signal landed.
    const inflight = async () =>
      /rewardkit_inflight_requests 1\b/.test(await (await fetch(`${url}/metrics`)).text());
    while (!(await inflight())) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGTERM");
    let health = await fetch(`${url}/healthz`);
    while (health.status === 200) {
      await new Promise((r) => setTimeout(r, 10));
      health = await fetch(`${url}/healthz`);
    }
    assert.equal(health.status, 503);
    assert.equal(((await health.json()) as { status: string }).status, "draining");
    const refused = await post(url, "/v1/score", { rollouts: [{ completion: "b" }] });
    assert.equal(refused.status, 503);
    assert.equal(JSON.parse(refused.text).error.code, "E_DRAINING");
    const done = await slow;
    assert.equal(done.status, 200);
    assert.equal(JSON.parse(done.text).results[0].score, 1);
    assert.equal(await exited, 0);
    assert.match(stderr, /SIGTERM received/);
  });
});
