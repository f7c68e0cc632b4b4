// The Redis judge cache and replay store against a real redis-server: write-once values, one lease holder
// per key across connections (as across replicas), waiters woken with the holder's answer, and no errors
// (only no sharing) when Redis is unreachable.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Backend } from "../../src/judges/backend.ts";
import { setSharedCache } from "../../src/judges/cache.ts";
import { RedisJudgeCache } from "../../src/judges/redis-cache.ts";
import { RedisReplayStore } from "../../src/server/redis-replay-store.ts";
import { type OpenAITestServer, startTestServer } from "../fixtures/openai-test-server.ts";
import { freePort, type RedisServer, startRedis } from "./helpers.ts";

describe("RedisJudgeCache", () => {
  let redis: RedisServer;
  const open: RedisJudgeCache[] = [];
  const cache = async () => {
    const c = new RedisJudgeCache(redis.url, { prefix: "t" });
    open.push(c);
    await c.ready();
    return c;
  };
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    setSharedCache(null);
    for (const c of open) await c.close();
    await redis.stop();
  });

  it("gives the lease to one connection; the others get its answer; the value is written once", async () => {
    const [a, b, c] = [await cache(), await cache(), await cache()];
    const first = await a.claim("k1", { leaseMs: 60_000 });
    assert.ok("release" in first);
    // b and c wait: the lease is held and no value exists yet.
    const waiting = [b.claim("k1", { leaseMs: 60_000 }), c.claim("k1", { leaseMs: 60_000 })];
    await first.release({ answer: 42 });
    for (const w of await Promise.all(waiting)) assert.deepEqual(w, { value: { answer: 42 } });
    assert.deepEqual(await c.get("k1"), { answer: 42 });
    // Write-once: a later holder of a fresh lease cannot overwrite the stored answer.
    const again = await a.claim("k2", { leaseMs: 60_000 });
    assert.ok("release" in again);
    await again.release({ answer: 1 });
    const d = await cache();
    const late = await d.claim("k1", { leaseMs: 60_000 });
    assert.deepEqual(late, { value: { answer: 42 } });
  });

  it("hands the lease over when its holder gives up without an answer", async () => {
    const [a, b] = [await cache(), await cache()];
    const held = await a.claim("k3", { leaseMs: 60_000 });
    assert.ok("release" in held);
    const next = b.claim("k3", { leaseMs: 60_000 });
    await held.release();
    const got = await next;
    assert.ok("release" in got, "the waiter becomes the holder");
    await got.release({ ok: true });
    assert.deepEqual(await a.get("k3"), { ok: true });
  });

  it("stops waiting when the caller aborts", async () => {
    const [a, b] = [await cache(), await cache()];
    const held = await a.claim("k4", { leaseMs: 60_000 });
    assert.ok("release" in held);
    const ctl = new AbortController();
    const waiting = b.claim("k4", { leaseMs: 60_000, signal: ctl.signal });
    ctl.abort(new Error("gone"));
    await assert.rejects(waiting, /gone/);
    await held.release();
  });

  it("makes one upstream call for identical judge requests from two backends (two replicas)", async () => {
    const judge: OpenAITestServer = await startTestServer({ latencyMs: 100 });
    try {
      setSharedCache(await cache());
      const mk = () =>
        new Backend({
          baseUrl: judge.baseUrl,
          limits: { concurrency: 4, rpm: 0, tpm: 0 },
          retry: { maxRetries: 0, baseMs: 1, capMs: 1 },
          timeoutMs: 30_000,
          cachePath: ":memory:",
        });
      const body = { model: "m", messages: [{ role: "user", content: "shared prompt" }] };
      const rs = await Promise.all(
        [mk(), mk(), mk()].map((b) => b.call("/chat/completions", body, { namespace: "t@1" })),
      );
      assert.equal(judge.calls, 1);
      assert.deepEqual(
        rs.map((r) => r.cached),
        [false, true, true],
      );
      assert.deepEqual(rs[1]!.json, rs[0]!.json);
    } finally {
      setSharedCache(null);
      await judge.close();
    }
  });
});

describe("Redis unreachable", () => {
  it("the judge cache and replay store answer misses, never errors", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const c = new RedisJudgeCache(url);
    await assert.rejects(c.ready(200), /no Redis/);
    assert.equal(await c.get("k"), undefined);
    const claim = await c.claim("k", { leaseMs: 1000 });
    assert.ok("release" in claim);
    await claim.release({ x: 1 });
    await c.close();
    const r = new RedisReplayStore(url);
    await assert.rejects(r.get("k"));
    await r.close();
  });
});

describe("RedisReplayStore", () => {
  it("stores a response once and returns it to another connection", async () => {
    const redis = await startRedis();
    try {
      const [a, b] = [new RedisReplayStore(redis.url), new RedisReplayStore(redis.url)];
      await a.ready();
      await b.ready();
      const resp = { status: 200, body: '{"results":[]}', contentType: "application/json", cacheable: true };
      await a.put("key", resp);
      // Write-once: a second put for the same key changes nothing.
      await a.put("key", { ...resp, body: "other" });
      const got = await b.get("key");
      assert.deepEqual(got, resp);
      await a.close();
      await b.close();
    } finally {
      await redis.stop();
    }
  });
});
