// A judge answering 429 to one worker holds back every worker: the wait it asks for goes into BullMQ's global
// rate limiter (one key in Redis), and the run still completes with every row scored.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, it } from "node:test";
import { Redis } from "ioredis";
import { type OpenAITestServer, startTestServer } from "../fixtures/openai-test-server.ts";
import { cli, type Proc, type RedisServer, startRedis, tempDir } from "./helpers.ts";

let redis: RedisServer | undefined;
let judge: OpenAITestServer | undefined;
const procs: Proc[] = [];
after(async () => {
  for (const p of procs) await p.stop("SIGKILL");
  await judge?.close();
  await redis?.stop();
});

it("passes a judge's 429 Retry-After to the queue's global rate limiter", { timeout: 240_000 }, async () => {
  redis = await startRedis();
  judge = await startTestServer();
  const dir = tempDir("q-throttle");
  const spec = join(dir, "spec.yaml");
  writeFileSync(
    spec,
    [
      "name: judged",
      "reward:",
      "  kind: judge.score",
      "  model: judge-m",
      `  base_url: ${judge.baseUrl}`,
      '  cache: ":memory:"',
      "  max_retries: 2",
      "  backoff_ms: 1",
      "  timeout_ms: 300000",
      "  rubric: Is the answer right?",
      "  range: [0, 10]",
      "",
    ].join("\n"),
  );
  const input = join(dir, "in.jsonl");
  const rows = Array.from({ length: 6 }, (_, i) => ({ id: i, prompt: `Question ${i}?`, completion: `${i}` }));
  writeFileSync(input, rows.map((r) => `${JSON.stringify(r)}\n`).join(""));
  // The first judge call is told to come back in 10 s.
  judge.inject({ type: "status", status: 429, retryAfter: 10 }, { times: 1, path: "/chat/completions" });
  const workers = [0, 1].map(() => cli(["worker", "--queue", redis!.url]));
  procs.push(...workers);
  for (const w of workers) await w.waitFor(/worker ready/);
  const out = join(dir, "out.jsonl");
  const run = cli([
    "score",
    "--spec",
    spec,
    "--in",
    input,
    "--out",
    out,
    "--queue",
    redis.url,
    "--shard-size",
    "2",
  ]);
  procs.push(run);
  // Watch the queue's limiter key for the whole run: only a throttle sets it to the "stop everyone" value
  // (the default limiter's counter stays small).
  const client = new Redis(redis.url);
  let sawThrottle = false;
  let watching = true;
  const watch = (async () => {
    while (watching) {
      if ((await client.get("rk:rewardkit:limiter")) === String(Number.MAX_SAFE_INTEGER)) sawThrottle = true;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const throttled = workers.map((w) => w.waitFor(/judge throttled \(HTTP 429\): no new shards for \d+ ms/));
  for (const t of throttled) t.catch(() => {});
  await Promise.race(throttled);
  assert.equal(await run.exited, 0, run.lines.join("\n"));
  watching = false;
  await watch;
  client.disconnect();
  assert.ok(sawThrottle, "the queue-wide limiter was set by the throttle");
  const scored = readFileSync(out, "utf8")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    scored.map((r) => r.id),
    [0, 1, 2, 3, 4, 5],
  );
  for (const r of scored) assert.equal(typeof r.reward.score, "number", JSON.stringify(r.reward));
});
