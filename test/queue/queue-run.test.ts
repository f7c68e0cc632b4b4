// Sharded scoring on a real redis-server: two `rewardkit worker` processes score the shards of a run that
// `rewardkit score --queue` submits; the merged output must equal a single-process run byte for byte.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { SummaryBuilder } from "../../src/core/summary.ts";
import { mergeSummaries } from "../../src/queue/summary-merge.ts";
import { planShards } from "../../src/queue/shards.ts";
import { cli, type Proc, type RedisServer, startRedis, tempDir } from "./helpers.ts";

const demo = readFileSync("examples/demo/rollouts.jsonl", "utf8");

/** The demo rollouts plus rows that must keep their place and line numbers: a blank line, bad JSON, CRLF. */
function dataset(dir: string): string {
  const lines = demo.trimEnd().split("\n");
  lines.splice(10, 0, "");
  lines.splice(31, 0, "{not json");
  lines.splice(77, 0, '{"completion":"<answer>4</answer>","reference":"4"}\r');
  const p = join(dir, "in.jsonl");
  // No final newline: the last line must still be one row.
  writeFileSync(p, lines.join("\n"));
  return p;
}

describe("planShards", () => {
  it("cuts whole lines, covers every byte once, and hashes each shard's bytes", async () => {
    const dir = tempDir("shards");
    const p = dataset(dir);
    const bytes = readFileSync(p);
    const total = bytes.toString("utf8").split("\n").length;
    const shards = await planShards(p, 7);
    assert.equal(shards.length, Math.ceil(total / 7));
    let at = 0;
    let line = 1;
    for (const s of shards) {
      assert.equal(s.start, at);
      assert.equal(s.firstLine, line);
      const slice = bytes.subarray(s.start, s.end);
      assert.equal(s.contentHash, createHash("sha256").update(slice).digest("hex"));
      if (s.index < shards.length - 1) {
        assert.equal(s.lines, 7);
        assert.equal(slice.at(-1), 10);
      }
      at = s.end;
      line += s.lines;
    }
    assert.equal(at, bytes.length);
    assert.equal(line - 1, total);
  });
});

describe("mergeSummaries", () => {
  it("equals one summary over all results (Chan et al. pairwise update)", () => {
    const values = [0.5, 1, null, 0, 0.25, 0.75, 1, 0.1, null, 0.9];
    const all = new SummaryBuilder();
    const parts = [new SummaryBuilder(), new SummaryBuilder(), new SummaryBuilder()];
    values.forEach((v, i) => {
      const r = v === null ? { score: null, error: { kind: "parse" as const, message: "x" } } : { score: v };
      all.add(r);
      parts[i % 3]!.add(r);
    });
    // Through JSON, as results travel through the queue (an empty part's ±Infinity becomes null).
    const m = mergeSummaries(
      [...parts, new SummaryBuilder()].map((p) => JSON.parse(JSON.stringify(p.summary()))),
    );
    const want = all.summary();
    assert.equal(m.rows, want.rows);
    assert.equal(m.nulls, 2);
    assert.deepEqual(m.errors, { parse: 2 });
    const [a, b] = [m.components.score!, want.components.score!];
    assert.equal(a.count, 8);
    assert.ok(Math.abs(a.mean - 4.5 / 8) < 1e-12);
    assert.ok(Math.abs(a.m2 - b.m2) < 1e-12);
    assert.equal(a.min, 0);
    assert.equal(a.max, 1);
  });
});

describe("rewardkit score --queue with two workers", () => {
  let redis: RedisServer;
  const workers: Proc[] = [];
  let dir: string;
  let input: string;
  before(async () => {
    redis = await startRedis();
    dir = tempDir("queue-run");
    input = dataset(dir);
    for (let i = 0; i < 2; i++) workers.push(cli(["worker", "--queue", redis.url]));
    for (const w of workers) await w.waitFor(/worker ready/);
  });
  after(async () => {
    for (const w of workers) await w.stop();
    await redis.stop();
  });

  it("merges the shards into the same bytes as a single-process run, and resubmitting is a no-op", async () => {
    const single = cli([
      "score",
      "--spec",
      "examples/demo/spec.yaml",
      "--in",
      input,
      "--out",
      join(dir, "single.jsonl"),
      "--json",
    ]);
    const args = [
      "score",
      "--spec",
      "examples/demo/spec.yaml",
      "--in",
      input,
      "--out",
      join(dir, "queued.jsonl"),
      "--queue",
      redis.url,
      "--shard-size",
      "7",
      "--json",
    ];
    const queued = cli(args);
    assert.equal(await single.exited, 0, single.lines.join("\n"));
    assert.equal(await queued.exited, 0, queued.lines.join("\n"));
    const want = readFileSync(join(dir, "single.jsonl"));
    assert.ok(want.length > demo.length);
    assert.deepEqual(readFileSync(join(dir, "queued.jsonl")), want);
    const sum = (p: Proc) => JSON.parse(p.lines.find((l) => l.startsWith("{"))!);
    const [s, q] = [sum(single), sum(queued)];
    assert.equal(q.rows, s.rows);
    assert.deepEqual(q.errors, s.errors);
    assert.equal(q.errors.invalid_input, 5);
    assert.ok(Math.abs(q.components.score.mean - s.components.score.mean) < 1e-12);
    // 249 lines in shards of 7 → 36 shards, each scored once across the two workers.
    const shardsDone = workers.map((w) => w.lines.filter((l) => / scored \(/.test(l)).length);
    assert.equal(
      shardsDone.reduce((a, b) => a + b, 0),
      36,
    );

    // Same run again: same job ids, so nothing is queued or scored twice.
    const before = shardsDone.reduce((a, b) => a + b, 0);
    const again = cli(args);
    assert.equal(await again.exited, 0, again.lines.join("\n"));
    assert.deepEqual(sum(again), q);
    const afterCount = workers.map((w) => w.lines.filter((l) => / scored \(/.test(l)).length);
    assert.equal(
      afterCount.reduce((a, b) => a + b, 0),
      before,
    );

    const status = cli(["queue", "status", "--queue", redis.url, "--json"]);
    assert.equal(await status.exited, 0);
    const runs = JSON.parse(status.lines.join(""));
    assert.equal(runs.length, 1);
    assert.equal(runs[0].state, "completed");
    assert.equal(runs[0].done, 36);
    assert.equal(runs[0].failed, 0);
    assert.equal(runs[0].pending, 0);
    const text = cli(["queue", "status", "--queue", redis.url]);
    await text.exited;
    assert.match(text.lines[0]!, /\[#{30}\] 36\/36 done, 0 failed, 0 pending \(completed\)/);
  });
});

describe("rewardkit score --queue flags", () => {
  it("stops with exit 2, the flag and the reason, before anything is queued", async () => {
    const dir = tempDir("queue-flags");
    const input = dataset(dir);
    const base = ["score", "--spec", "examples/demo/spec.yaml", "--in", input];
    const cases: [string[], RegExp][] = [
      [["--queue", "http://127.0.0.1:6379"], /--queue: expected redis:\/\/host:port/],
      [["--queue", "redis://127.0.0.1:6379/x"], /--queue: database must be a number/],
      [
        ["--queue", "redis://127.0.0.1:6379", "--out", join(dir, "o.parquet")],
        /--out: sharded runs write JSONL/,
      ],
      [["--queue", "redis://127.0.0.1:6379", "--shard-size", "0"], /--shard-size: must be ≥ 1, got 0/],
    ];
    for (const [flags, message] of cases) {
      const p = cli([...base, ...flags]);
      assert.equal(await p.exited, 2, p.lines.join("\n"));
      assert.match(p.lines.join("\n"), message);
    }
  });
});
