import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { scoreBatch } from "../../src/core/score-batch.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { createPool, type WorkerPool } from "../../src/pool/index.ts";
import { registry } from "../fixtures/hostile-registry.ts";

const registryModule = new URL("../fixtures/hostile-registry.ts", import.meta.url).href;

describe("killable worker pool", () => {
  let pool: WorkerPool;
  // Real work never races a deadline: the default is generous, and only items that spin until killed get
  // a short one.
  before(async () => {
    pool = createPool({ size: 2, deadlineMs: 60_000, heapMb: 64, registryModule, spares: 2 });
    await pool.ready();
  });
  after(() => pool.close());

  it("scores an isolated reward in a worker", async () => {
    const r = await pool.run({ kind: "test.spin" }, { completion: "abc" });
    assert.deepEqual(r, { score: 3 });
  });

  it("a busy loop times out, the worker is replaced, neighbours are unaffected", async () => {
    const reward = compileNode({ kind: "test.spin" }, { registry });
    const rollouts = ["a", "spin", "bb", "ccc", "spin", "dddd"].map((completion) => ({ completion }));
    const restarts = pool.stats().restarts;
    const rs = await scoreBatch(reward, rollouts, { executor: pool, deadlineMs: 1000 });
    assert.deepEqual(
      rs.map((r) => r.score),
      [1, null, 2, 3, null, 4],
    );
    assert.equal(rs[1]!.error?.kind, "timeout");
    assert.equal(rs[4]!.error?.kind, "timeout");
    await pool.ready();
    assert.equal(pool.stats().restarts - restarts, 2);
    assert.equal(pool.stats().alive, 2);
  });

  it("an out-of-memory worker gives a resource error and is replaced", async () => {
    const r = await pool.run({ kind: "test.hog" }, { completion: "x" }, { deadlineMs: 20_000 });
    assert.equal(r.score, null);
    assert.equal(r.error?.kind, "resource");
    await pool.ready();
    assert.equal(pool.stats().alive, 2);
    assert.deepEqual(await pool.run({ kind: "test.spin" }, { completion: "ok" }), { score: 2 });
  });

  it("a worker that exits gives a typed error and is replaced", async () => {
    const r = await pool.run({ kind: "test.exit" }, { completion: "x" });
    assert.equal(r.error?.kind, "internal");
    await pool.ready();
    assert.deepEqual(await pool.run({ kind: "test.spin" }, { completion: "ok" }), { score: 2 });
  });

  it("an aborted signal cancels queued and running items", async () => {
    const ac = new AbortController();
    const ps = [0, 1, 2, 3].map(() =>
      pool.run({ kind: "test.spin" }, { completion: "spin" }, { signal: ac.signal, deadlineMs: 10_000 }),
    );
    setTimeout(() => ac.abort(), 50);
    const rs = await Promise.all(ps);
    for (const r of rs) assert.match(r.error?.message ?? "", /cancelled/);
    await pool.ready();
    assert.equal(pool.stats().busy, 0);
    assert.equal(pool.stats().queued, 0);
  });

  it("refuses beyond the queue limit with a resource error", async () => {
    const small = createPool({ size: 1, deadlineMs: 60_000, queueLimit: 1, registryModule });
    await small.ready();
    const ps = [
      small.run({ kind: "test.spin" }, { completion: "spin" }, { deadlineMs: 300 }),
      small.run({ kind: "test.spin" }, { completion: "a" }),
      small.run({ kind: "test.spin" }, { completion: "b" }),
    ];
    const rs = await Promise.all(ps);
    assert.equal(rs[0]!.error?.kind, "timeout");
    assert.equal(rs[1]!.score, 1);
    assert.equal(rs[2]!.error?.kind, "resource");
    await small.close();
  });

  it("gives the same results whatever the worker count", async () => {
    const one = createPool({ size: 1, registryModule });
    const rollouts = Array.from({ length: 20 }, (_, i) => ({ completion: "x".repeat(i) }));
    const reward = compileNode({ kind: "test.spin" }, { registry });
    const a = await scoreBatch(reward, rollouts, { executor: one });
    const b = await scoreBatch(reward, rollouts, { executor: pool });
    assert.deepEqual(a, b);
    await one.close();
  });
});
