// Sharded scoring on a real redis-server, against one `rewardkit score` process in the same run:
// 1. throughput of 2 `rewardkit worker` processes on N cheap rollouts (demo spec, ~300-byte rows), as a ratio
//    to one single-process `rewardkit score` per core used (target ≥ 0.8);
// 2. queue overhead per shard: (wall time − time inside the shard and merge processors) / shards, with one-row
//    shards and one in-process worker (target ≤ 5 ms);
// 3. cross-replica judge-cache hit: `Backend.call` answered from Redis (written by another connection),
//    p50/p99 on loopback (target p99 ≤ 1 ms).
// Run: npx tsx bench/queue.ts [rows=1000000]   (rows 0: parts 2 and 3 only)
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { defaultRegistry } from "../src/builtins.ts";
import { Backend } from "../src/judges/backend.ts";
import { Redis } from "ioredis";
import { cacheKey, setSharedCache } from "../src/judges/cache.ts";
import { RedisJudgeCache } from "../src/judges/redis-cache.ts";
import { Queue } from "bullmq";
import { redisOptions } from "../src/queue/connection.ts";
import { submitRun, waitForRun } from "../src/queue/submit.ts";
import { startQueueWorker } from "../src/queue/worker.ts";
import { parseSpecText } from "../src/spec/parse.ts";
import { compileSpec } from "../src/spec/spec.ts";
import { cli, startRedis } from "../test/queue/helpers.ts";

const N = Number(process.argv[2] ?? 1_000_000);
const SPEC = "examples/demo/spec.yaml";
const dir = mkdtempSync(join(tmpdir(), "rk-bench-queue-"));
const load = () => loadavg()[0]!.toFixed(1);
console.log(`cores: ${availableParallelism()}, load average at start: ${load()}`);

/** Cheap rollouts: a short think block and an answer; a quarter wrong, 2 % without tags. */
function dataset(path: string, n: number): void {
  const words = "so we add the numbers then carry the one and check".split(" ");
  const chunks: string[] = [];
  for (let i = 0; i < n; i++) {
    let think = "";
    for (let j = 0; think.length < 180; j++) think += `${words[(i * 7 + j * 13) % words.length]} `;
    const ans = (i * 37) % 1000;
    const shown = i % 4 === 3 ? ans + 1 : ans;
    const completion =
      i % 50 === 0 ? `${think} ${shown}` : `<think>${think}</think>\n<answer>${shown}</answer>`;
    chunks.push(`${JSON.stringify({ id: i, completion, reference: String(ans) })}\n`);
  }
  writeFileSync(path, chunks.join(""));
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

async function throughput(): Promise<void> {
  const input = join(dir, "in.jsonl");
  dataset(input, N);
  console.log(`${N} rows, ${(statSync(input).size / 1e6).toFixed(0)} MB`);
  const single = async (tag: string) =>
    timed(async () => {
      const p = cli(["score", "--spec", SPEC, "--in", input, "--out", join(dir, `single-${tag}.jsonl`)]);
      if ((await p.exited) !== 0) throw new Error(p.lines.join("\n"));
    });
  const s1 = await single("a");
  console.log(`single process: ${s1.toFixed(1)} s (load ${load()})`);
  const workers = [0, 1].map(() => cli(["worker", "--queue", redis.url]));
  for (const w of workers) await w.waitFor(/worker ready/);
  const shardSize = 10_000;
  const q = await timed(async () => {
    const p = cli([
      "score",
      "--spec",
      SPEC,
      "--in",
      input,
      "--out",
      join(dir, "queued.jsonl"),
      "--queue",
      redis.url,
      "--shard-size",
      String(shardSize),
    ]);
    if ((await p.exited) !== 0) throw new Error(p.lines.join("\n"));
  });
  console.log(`2 workers, shards of ${shardSize}: ${q.toFixed(1)} s (load ${load()})`);
  for (const w of workers) await w.stop();
  const s2 = await single("b");
  console.log(`single process again: ${s2.toFixed(1)} s (load ${load()})`);
  const singleRate = N / ((s1 + s2) / 2);
  const queueRate = N / q;
  console.log(
    `throughput: single ${Math.round(singleRate)} rows/s, 2 workers ${Math.round(queueRate)} rows/s; ` +
      `ratio to one process per core used: ${(queueRate / (2 * singleRate)).toFixed(2)} (target ≥ 0.8); ` +
      `to one process: ${(queueRate / singleRate).toFixed(2)}`,
  );
}

const redis = await startRedis();
try {
  // 1. Throughput: one process vs two workers (skipped with rows = 0).
  if (N > 0) await throughput();

  // 2. Overhead per shard: one-row shards through one in-process worker. BullMQ stamps each job with when its
  // processor started and finished; what the wall time holds beyond the processors is the queue's own cost
  // (enqueue, hand-over to the worker, completion, the parent's bookkeeping, the waiting submitter's poll).
  const S = Number(process.env.SHARDS ?? 1000);
  const small = join(dir, "small.jsonl");
  dataset(small, S);
  const spec = compileSpec(parseSpecText(readFileSync(SPEC, "utf8")), { registry: defaultRegistry });
  const w = await startQueueWorker({
    url: redis.url,
    name: "overhead",
    log: () => {},
    sharedJudgeCache: false,
  });
  const target = { url: redis.url, name: "overhead" };
  let submitS = 0;
  const total = await timed(async () => {
    const t0 = performance.now();
    const { run } = await submitRun({
      ...target,
      input: small,
      specPath: SPEC,
      spec,
      shardSize: 1,
      out: join(dir, "o.jsonl"),
      settings: { shardTimeoutMs: 600_000 },
    });
    submitS = (performance.now() - t0) / 1000;
    await waitForRun(target, run, undefined, 20);
  });
  await w.close();
  const queue = new Queue("overhead", { connection: redisOptions(redis.url), prefix: "rk" });
  const jobs = await queue.getJobs(["completed"], 0, -1);
  await queue.close();
  const busy = (name: string) =>
    jobs.filter((j) => j.name === name).reduce((a, j) => a + (j.finishedOn! - j.processedOn!), 0) / 1000;
  const [shardS, mergeS] = [busy("shard"), busy("merge")];
  const per = ((total - shardS - mergeS) / S) * 1000;
  console.log(
    `queue overhead per shard: ${per.toFixed(2)} ms (${S} one-row shards, 1 worker: ${total.toFixed(2)} s in all = ` +
      `${shardS.toFixed(2)} s in shard processors (${((shardS / S) * 1000).toFixed(2)} ms each, file writes with fsync) + ` +
      `${mergeS.toFixed(2)} s merging + the rest; submit ${((submitS / S) * 1000).toFixed(2)} ms/shard of it; target ≤ 5 ms)`,
  );

  // 3. Cross-replica cache hits: answers written by one connection, read through Backend.call by another.
  const writer = new RedisJudgeCache(redis.url, { prefix: "bench" });
  const reader = new RedisJudgeCache(redis.url, { prefix: "bench" });
  await writer.ready();
  await reader.ready();
  const backend = new Backend({
    baseUrl: "http://127.0.0.1:9/v1",
    limits: { concurrency: 16, rpm: 0, tpm: 0 },
    retry: { maxRetries: 0, baseMs: 1, capMs: 1 },
    timeoutMs: 5000,
    cachePath: ":memory:",
  });
  const H = Number(process.env.HITS ?? 5000);
  const answer = { choices: [{ message: { role: "assistant", content: '{"steps":[],"result":7}' } }] };
  const bodies = Array.from({ length: H + 200 }, (_, i) => ({
    model: "judge-m",
    messages: [{ role: "user", content: `bench prompt ${Date.now()} ${i}` }],
    temperature: 0,
  }));
  const keys: string[] = [];
  for (const body of bodies) {
    const key = cacheKey({ v: 1, ns: "judge.score@1", url: backend.url("/chat/completions"), body });
    keys.push(key);
    const c = await writer.claim(key, { leaseMs: 5000 });
    if ("release" in c) await c.release(answer);
  }
  setSharedCache(reader);
  // Baseline in the same loop: a bare GET of the same key on its own connection (what the machine allows).
  const raw = new Redis(redis.url);
  const lat: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < bodies.length; i++) {
    const tb = performance.now();
    await raw.get(`bench:judge:${keys[i]}`);
    if (i >= 200) bare.push(performance.now() - tb);
    const t0 = performance.now();
    const r = await backend.call("/chat/completions", bodies[i], { namespace: "judge.score@1" });
    const ms = performance.now() - t0;
    if (!r.cached) throw new Error("expected a shared-cache hit");
    if (i >= 200) lat.push(ms); // the first 200 warm up
  }
  setSharedCache(null);
  raw.disconnect();
  await writer.close();
  await reader.close();
  const pct = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  console.log(
    `cross-replica cache hit (Backend.call → Redis GET): p50 ${pct(lat, 0.5).toFixed(3)} ms, p99 ${pct(lat, 0.99).toFixed(3)} ms over ${H} hits (target p99 ≤ 1 ms); ` +
      `bare GET baseline p50 ${pct(bare, 0.5).toFixed(3)} ms, p99 ${pct(bare, 0.99).toFixed(3)} ms`,
  );
  console.log(`load average at end: ${load()}`);
} finally {
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
