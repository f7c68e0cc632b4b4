// Fault cases of sharded scoring against a real redis-server: a worker SIGKILLed mid-shard, Redis restarted
// mid-run, and a poison shard. Waits are on process output and exits, never on elapsed time.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { scoreDataset } from "../../src/io/score-dataset.ts";
import { parseSpecText } from "../../src/spec/parse.ts";
import { compileSpec } from "../../src/spec/spec.ts";
import { codePointScore, registry } from "./fixtures/kinds.ts";
import { cli, fixtureModule, type Proc, type RedisServer, startRedis, tempDir } from "./helpers.ts";

const T = { timeout: 240_000 };

/** Writes a spec and a dataset of `completions` (one row each) into `dir`. */
function setup(dir: string, kind: string, completions: string[]) {
  const spec = join(dir, "spec.yaml");
  writeFileSync(spec, `name: faults\nreward: {kind: ${kind}}\n`);
  const input = join(dir, "in.jsonl");
  writeFileSync(input, completions.map((c, i) => `${JSON.stringify({ id: i, completion: c })}\n`).join(""));
  return { spec, input, out: join(dir, "out.jsonl") };
}

/** The single-process output of the same spec over the same file (the reference bytes). */
async function reference(dir: string, spec: string, input: string): Promise<Buffer> {
  const c = compileSpec(parseSpecText(readFileSync(spec, "utf8")), { registry });
  const out = join(dir, "reference.jsonl");
  await scoreDataset({ reward: c.reward, input, output: out });
  return readFileSync(out);
}

const submit = (redis: RedisServer, f: { spec: string; input: string; out: string }, extra: string[] = []) =>
  cli([
    "score",
    "--spec",
    f.spec,
    "--in",
    f.input,
    "--out",
    f.out,
    "--queue",
    redis.url,
    "--registry-module",
    fixtureModule,
    "--shard-size",
    "5",
    "--json",
    ...extra,
  ]);

describe("queue faults", () => {
  const procs: Proc[] = [];
  const servers: RedisServer[] = [];
  const track = (p: Proc) => {
    procs.push(p);
    return p;
  };
  after(async () => {
    for (const p of procs) await p.stop("SIGKILL");
    for (const s of servers) await s.stop();
  });

  it(
    "redelivers the shard of a worker killed with SIGKILL; every row is written exactly once",
    T,
    async () => {
      const redis = await startRedis();
      servers.push(redis);
      const dir = tempDir("q-kill");
      const rows = Array.from({ length: 20 }, (_, i) => (i === 8 ? "hang" : `row ${i}`));
      const f = setup(dir, "qtest.score", rows);
      // Worker A hangs on row 8 (shard 1) and keeps renewing its lock until it is killed.
      const a = track(
        cli(["worker", "--queue", redis.url, "--lock-ms", "1500", "--stalled-ms", "500"], {
          RK_QTEST_HANG: "1",
        }),
      );
      await a.waitFor(/worker ready/);
      const run = track(submit(redis, f));
      await a.waitFor(/shard 1 started/);
      await a.stop("SIGKILL");
      const b = track(cli(["worker", "--queue", redis.url, "--lock-ms", "1500", "--stalled-ms", "500"]));
      assert.equal(await run.exited, 0, run.lines.join("\n"));
      await b.waitFor(/shard 1 scored \(5 rows\)/);
      assert.deepEqual(readFileSync(f.out), await reference(dir, f.spec, f.input));
      const out = readFileSync(f.out, "utf8").trimEnd().split("\n");
      assert.deepEqual(
        out.map((l) => JSON.parse(l).id),
        rows.map((_, i) => i),
      );
      await b.stop();
    },
  );

  it("workers reconnect after Redis restarts mid-run and finish the run", T, async () => {
    const redis = await startRedis({ persist: true });
    servers.push(redis);
    const dir = tempDir("q-restart");
    const gate = join(dir, "open");
    const rows = Array.from({ length: 20 }, (_, i) => (i === 7 ? "gate" : `row ${i}`));
    const f = setup(dir, "qtest.score", rows);
    const workers = [0, 1].map(() => track(cli(["worker", "--queue", redis.url], { RK_QTEST_GATE: gate })));
    for (const w of workers) await w.waitFor(/worker ready/);
    const run = track(submit(redis, f));
    // Shard 1 waits on the gate; once another shard is done, Redis goes down and comes back.
    const scored = workers.map((w) => w.waitFor(/shard [023] scored/));
    for (const p of scored) p.catch(() => {});
    await Promise.race(scored);
    await redis.restart();
    writeFileSync(gate, "");
    assert.equal(await run.exited, 0, run.lines.join("\n"));
    assert.deepEqual(readFileSync(f.out), await reference(dir, f.spec, f.input));
    for (const w of workers) await w.stop();
  });

  it("fails a poison shard after bounded attempts and reports it without blocking the rest", T, async () => {
    const redis = await startRedis();
    servers.push(redis);
    const dir = tempDir("q-poison");
    // 4 shards of 5 rows; every row of shard 2 spins until its isolated worker thread is killed.
    const rows = Array.from({ length: 20 }, (_, i) => (i >= 10 && i < 15 ? "spin" : `row ${i}`));
    const f = setup(dir, "qtest.spin", rows);
    const workers = [0, 1].map(() => track(cli(["worker", "--queue", redis.url, "--workers", "1"])));
    for (const w of workers) await w.waitFor(/worker ready/);
    const run = track(
      submit(redis, f, ["--attempts", "2", "--shard-timeout-ms", "2000", "--deadline-ms", "600000"]),
    );
    assert.equal(await run.exited, 1, run.lines.join("\n"));
    assert.ok(run.lines.some((l) => /^shard 2 failed: shard deadline exceeded/.test(l)));
    const attempts = workers.flatMap((w) => w.lines.filter((l) => /^shard 2 started/.test(l)));
    assert.equal(attempts.length, 2);
    const out = readFileSync(f.out, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(out.length, 20);
    out.forEach((row, i) => {
      assert.equal(row.id, i);
      if (i >= 10 && i < 15) {
        assert.equal(row.reward.score, null);
        assert.equal(row.reward.error.kind, "timeout");
        assert.match(row.reward.error.message, /^shard 2 failed: shard deadline exceeded/);
      } else assert.deepEqual(row.reward, { score: codePointScore(`row ${i}`) });
    });
    const status = track(cli(["queue", "status", "--queue", redis.url, "--json"]));
    assert.equal(await status.exited, 0);
    const [s] = JSON.parse(status.lines.join(""));
    assert.equal(s.done, 3);
    assert.equal(s.failed, 1);
    assert.equal(s.pending, 0);
    assert.equal(s.failures[0].index, 2);
    assert.match(s.failures[0].reason, /shard deadline exceeded/);
    for (const w of workers) await w.stop();
  });
});
