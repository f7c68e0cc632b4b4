import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Backend, type BackendConfig } from "../../src/judges/backend.ts";
import { cacheKey, SqliteCache } from "../../src/judges/cache.ts";
import { chatComplete, samplingParams } from "../../src/judges/chat.ts";
import { resolveConfig } from "../../src/judges/endpoint.ts";
import { Limiter } from "../../src/judges/limiter.ts";
import { backoffMs } from "../../src/judges/retry.ts";
import { UpstreamError, parseRetryAfter } from "../../src/judges/upstream-error.ts";
import { type OpenAITestServer, startTestServer } from "../fixtures/openai-test-server.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

let srv: OpenAITestServer;
let dir: string;
before(async () => {
  srv = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), "rk-judge-"));
});
after(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function backend(over: Partial<BackendConfig> = {}): Backend {
  return new Backend({
    baseUrl: srv.baseUrl,
    limits: { concurrency: 8, rpm: 0, tpm: 0 },
    retry: { maxRetries: 3, baseMs: 5, capMs: 50 },
    timeoutMs: 5000,
    cachePath: join(dir, `c${n++}.sqlite`),
    ...over,
  });
}
const sampling = samplingParams.parse(undefined);
const req = (text: string) => ({ model: "m", messages: [{ role: "user", content: text }], sampling });

describe("backend: success, cache, accounting", () => {
  test("a second identical call is served from the cache and costs nothing", async () => {
    const b = backend({ price: { input_per_mtok: 1, output_per_mtok: 2 } });
    const before = srv.calls;
    const a1 = await chatComplete(b, req("hello [[score=0.5]]"), { namespace: "t@1" });
    const a2 = await chatComplete(b, req("hello [[score=0.5]]"), { namespace: "t@1" });
    assert.equal(srv.calls - before, 1);
    assert.equal(a1.cached, false);
    assert.equal(a2.cached, true);
    assert.equal(a1.content, a2.content);
    assert.deepEqual(JSON.parse(a1.content), { result: 0.5 });
    // The server counts ceil(chars/4) tokens: "hello [[score=0.5]]" is 19 chars → 5; '{"result":0.5}' is 14 → 4.
    assert.deepEqual(a1.usage, { prompt_tokens: 5, completion_tokens: 4 });
    // cost = (5·1 + 4·2)/1e6 = 1.3e-5 dollars, counted once (the cached call is free).
    assert.ok(Math.abs(b.stats.costUsd - 1.3e-5) < 1e-12);
    assert.equal(b.stats.cacheHits, 1);
  });

  test("a different namespace (kind version), model or temperature misses the cache", async () => {
    const b = backend();
    const before = srv.calls;
    await chatComplete(b, req("ns"), { namespace: "t@1" });
    await chatComplete(b, req("ns"), { namespace: "t@2" });
    await chatComplete(b, { ...req("ns"), model: "other" }, { namespace: "t@1" });
    await chatComplete(
      b,
      { ...req("ns"), sampling: { ...sampling, temperature: 0.7 } },
      { namespace: "t@1" },
    );
    assert.equal(srv.calls - before, 4);
    assert.notEqual(cacheKey({ a: 1, b: 2 }), cacheKey({ a: 1, b: 3 }));
    assert.equal(cacheKey({ a: 1, b: 2 }), cacheKey({ b: 2, a: 1 }));
  });

  test("the cache persists across handles (restart) in WAL mode", () => {
    const path = join(dir, "persist.sqlite");
    const c1 = new SqliteCache(path);
    c1.set("k", { x: 1 });
    c1.close();
    const c2 = new SqliteCache(path);
    assert.deepEqual(c2.get("k"), { x: 1 });
    const Db = createRequire(import.meta.url)("better-sqlite3");
    const db = new Db(path);
    assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
    db.close();
    c2.close();
  });

  test("a corrupted entry is dropped and recomputed", async () => {
    const path = join(dir, "corrupt.sqlite");
    const b = backend({ cachePath: path });
    const before = srv.calls;
    await chatComplete(b, req("corrupt me"), { namespace: "t@1" });
    const Db = createRequire(import.meta.url)("better-sqlite3");
    const db = new Db(path);
    db.prepare("UPDATE responses SET value = substr(value, 1, 10)").run();
    db.close();
    const again = await chatComplete(b, req("corrupt me"), { namespace: "t@1" });
    assert.equal(again.cached, false);
    assert.equal(srv.calls - before, 2);
    assert.equal(b.cache!.corrupt, 1);
    const third = await chatComplete(b, req("corrupt me"), { namespace: "t@1" });
    assert.equal(third.cached, true);
  });
});

describe("backend: retries only on 429, 5xx and network faults", () => {
  test("429 with Retry-After waits at least that long, then succeeds", async () => {
    const b = backend();
    srv.inject({ type: "status", status: 429, retryAfter: 1 }, { path: "/chat/completions" });
    const t0 = Date.now();
    const a = await chatComplete(b, req("rate limited"), { namespace: "t@1" });
    assert.ok(Date.now() - t0 >= 990, `waited ${Date.now() - t0} ms`);
    assert.equal(a.attempts, 2);
    assert.equal(b.stats.retries, 1);
  });

  test("500 twice, then success", async () => {
    const b = backend();
    srv.inject({ type: "status", status: 500 }, { path: "/chat/completions", times: 2 });
    const a = await chatComplete(b, req("flaky"), { namespace: "t@1" });
    assert.equal(a.attempts, 3);
  });

  test("a connection reset and a truncated JSON body are retried", async () => {
    const b = backend();
    srv.inject({ type: "reset" }, { path: "/chat/completions" });
    srv.inject({ type: "truncate" }, { path: "/chat/completions" });
    const a = await chatComplete(b, req("network"), { namespace: "t@1" });
    assert.equal(a.attempts, 3);
    assert.equal(b.stats.retries, 2);
  });

  test("400 is final: one attempt, an upstream error, nothing cached", async () => {
    const b = backend();
    srv.inject({ type: "status", status: 400 }, { path: "/chat/completions" });
    const before = srv.calls;
    await assert.rejects(chatComplete(b, req("bad request"), { namespace: "t@1" }), (e: unknown) => {
      assert.ok(e instanceof UpstreamError);
      assert.equal(e.kind, "upstream");
      assert.equal(e.status, 400);
      return true;
    });
    assert.equal(srv.calls - before, 1);
    const ok = await chatComplete(b, req("bad request"), { namespace: "t@1" });
    assert.equal(ok.cached, false);
  });

  test("persistent 503 exhausts the retry budget (1 + max_retries attempts)", async () => {
    const b = backend();
    const before = srv.calls;
    await assert.rejects(chatComplete(b, req("down [[status=503]]"), { namespace: "t@1" }), /HTTP 503/);
    assert.equal(srv.calls - before, 4);
    assert.equal(b.stats.errors, 1);
  });

  test("a hung server hits the deadline: timeout, not cached", async () => {
    const b = backend({ timeoutMs: 200 });
    srv.inject({ type: "hang" }, { path: "/chat/completions" });
    const t0 = Date.now();
    await assert.rejects(chatComplete(b, req("hang"), { namespace: "t@1" }), (e: unknown) => {
      assert.ok(e instanceof UpstreamError);
      assert.equal(e.kind, "timeout");
      return true;
    });
    assert.ok(Date.now() - t0 < NO_HANG_MS);
    const again = await chatComplete(b, req("hang"), { namespace: "t@1" });
    assert.equal(again.cached, false);
  });

  test("a Retry-After longer than the deadline gives up at once", async () => {
    const b = backend({ timeoutMs: 300 });
    srv.inject({ type: "status", status: 429, retryAfter: 30 }, { path: "/chat/completions" });
    const t0 = Date.now();
    await assert.rejects(chatComplete(b, req("long wait"), { namespace: "t@1" }), /would pass the deadline/);
    // Waiting would take the whole 30 s Retry-After; giving up at once takes a small fraction of it.
    assert.ok(Date.now() - t0 < 15_000);
  });

  test("a caller's signal cancels its wait; the lone upstream call is aborted", async () => {
    const b = backend();
    const ac = new AbortController();
    const p = chatComplete(b, req("slow [[latency=5000]]"), { namespace: "t@1", signal: ac.signal });
    setTimeout(() => ac.abort(), 30);
    await assert.rejects(p, (e: unknown) => e instanceof UpstreamError && e.kind === "timeout");
  });
});

describe("backend: de-duplication and limits", () => {
  test("10 identical concurrent requests make one upstream call", async () => {
    // A server of its own, so no request left over from another test is counted.
    const own = await startTestServer();
    const b = backend({ baseUrl: own.baseUrl, cachePath: null });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => chatComplete(b, req("dup [[latency=50]]"), { namespace: "t@1" })),
    );
    await own.close();
    assert.equal(own.calls, 1);
    assert.equal(b.stats.upstreamCalls, 1);
    assert.equal(b.stats.dedupHits, 9);
    assert.equal(new Set(answers.map((a) => a.content)).size, 1);
    assert.equal(answers.filter((a) => a.deduped).length, 9);
  });

  test("one caller aborting does not cancel the shared call for the others", async () => {
    const b = backend({ cachePath: null });
    const ac = new AbortController();
    const p1 = chatComplete(b, req("shared [[latency=2000]]"), { namespace: "t@1", signal: ac.signal });
    const p2 = chatComplete(b, req("shared [[latency=2000]]"), { namespace: "t@1" });
    setTimeout(() => ac.abort(), 20);
    await assert.rejects(p1);
    const a2 = await p2;
    assert.ok(a2.content.length > 0);
  });

  test("the concurrency limit bounds requests in flight", async () => {
    // A server of its own: requests other tests abandoned may still be sleeping on the shared one.
    const own = await startTestServer();
    const b = backend({ baseUrl: own.baseUrl, limits: { concurrency: 3, rpm: 0, tpm: 0 }, cachePath: null });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        chatComplete(b, req(`c${i} [[latency=30]]`), { namespace: "t@1" }),
      ),
    );
    assert.equal(own.calls, 12);
    assert.equal(own.peakInFlight, 3);
    await own.close();
  });

  test("requests per minute: a full bucket of 120 passes, the 121st waits 1/(120/60 s) = 500 ms", async () => {
    const lim = new Limiter({ concurrency: 0, rpm: 120, tpm: 0 });
    const t0 = Date.now();
    // A full bucket answers before any timer can fire: each acquire wins a race against setImmediate.
    for (let i = 0; i < 120; i++) {
      const got = await Promise.race([lim.acquire(0), new Promise<null>((r) => setImmediate(() => r(null)))]);
      assert.ok(got, `acquire ${i + 1} had to wait`);
      got();
    }
    (await lim.acquire(0))();
    const waited = Date.now() - t0;
    assert.ok(waited >= 450 && waited < NO_HANG_MS, `waited ${waited}`);
  });

  test("tokens per minute: after spending 600 of tpm=600, 5 more tokens wait 5/(600/60 s) = 500 ms", async () => {
    const lim = new Limiter({ concurrency: 0, rpm: 0, tpm: 600 });
    (await lim.acquire(600))();
    const t0 = Date.now();
    (await lim.acquire(5))();
    const waited = Date.now() - t0;
    assert.ok(waited >= 450 && waited < NO_HANG_MS, `waited ${waited}`);
  });

  test("an aborted wait for a slot leaves the queue", async () => {
    const lim = new Limiter({ concurrency: 1, rpm: 0, tpm: 0 });
    const release = await lim.acquire(0);
    const ac = new AbortController();
    const p = lim.acquire(0, ac.signal);
    ac.abort();
    await assert.rejects(p);
    release();
    (await lim.acquire(0))();
    assert.equal(lim.active, 0);
  });
});

describe("retry arithmetic and configuration", () => {
  test("full-jitter backoff and Retry-After", () => {
    const pol = { maxRetries: 4, baseMs: 500, capMs: 3000, random: () => 0.5 };
    // attempt 0: 0.5·min(3000, 500) = 250; attempt 2: 0.5·min(3000, 2000) = 1000; attempt 5: 0.5·3000 = 1500.
    assert.equal(backoffMs(0, pol), 250);
    assert.equal(backoffMs(2, pol), 1000);
    assert.equal(backoffMs(5, pol), 1500);
    // Retry-After is a floor: max(2000, 250) = 2000.
    assert.equal(backoffMs(0, pol, 2000), 2000);
    assert.equal(parseRetryAfter("3"), 3000);
    const dated = parseRetryAfter(new Date(Date.now() + 10_000).toUTCString()) ?? 0;
    // HTTP dates have 1 s resolution: 10 s ahead reads as 9–10 s.
    assert.ok(dated > 8000 && dated <= 10_000, `${dated}`);
    assert.equal(parseRetryAfter("soon"), undefined);
  });

  test("endpoint resolution: params, then named backend env, then OPENAI_* env", () => {
    const env = {
      OPENAI_BASE_URL: "http://h:1/v1",
      OPENAI_API_KEY: "k0",
      REWARDKIT_BACKEND_GRADER_URL: "http://g:2/v1",
      REWARDKIT_BACKEND_GRADER_KEY: "kg",
      REWARDKIT_BACKEND_GRADER_CONCURRENCY: "7",
      MY_KEY: "mk",
    };
    const a = resolveConfig({ cache: false }, env);
    assert.equal(a.baseUrl, "http://h:1/v1");
    assert.equal(a.apiKey, "k0");
    assert.equal(a.cachePath, null);
    const g = resolveConfig({ backend: "grader", cache: ":memory:" }, env);
    assert.equal(g.baseUrl, "http://g:2/v1");
    assert.equal(g.apiKey, "kg");
    assert.equal(g.limits.concurrency, 7);
    const k = resolveConfig({ base_url: "http://x:3/v1", api_key_env: "MY_KEY" }, env);
    assert.equal(k.apiKey, "mk");
    assert.throws(() => resolveConfig({ backend: "nope" }, env), /REWARDKIT_BACKEND_NOPE_URL/);
  });
});
