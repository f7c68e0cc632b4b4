// The pathological batch: math checks in the killable worker pool (1,000 checks, 1% pathological,
// 2 workers; the full 10,000-check run with timings is in bench/math.ts). A slow input here is a fixture
// kind that spins until the worker is killed, so the test never depends on how fast real math computes;
// real work gets a deadline no loaded machine reaches.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { NodeSpec, Rollout } from "../../src/core/types.ts";
import { createPool, type WorkerPool } from "../../src/pool/index.ts";
import { pathologicalBatch } from "./pathological.ts";

const here = dirname(fileURLToPath(import.meta.url));
const rows = readFileSync(join(here, "data", "math-cases-dev.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { gold: string; pred: string; flags?: string[] });

// The built-in registry plus `test.spin` (busy-loops forever on the completion "spin").
const registryModule = new URL("../fixtures/hostile-registry.ts", import.meta.url).href;
const WORKERS = 2;
const SPIN_DEADLINE = 300;
const WORK_DEADLINE = 120_000;
const math: NodeSpec = { kind: "math.equivalent" };
const spin: NodeSpec = { kind: "test.spin" };

function runAll(pool: WorkerPool, items: { node: NodeSpec; rollout: Rollout; deadlineMs: number }[]) {
  return Promise.all(items.map((it) => pool.run(it.node, it.rollout, { deadlineMs: it.deadlineMs })));
}

describe("math.equivalent in the killable worker pool", () => {
  let pool: WorkerPool;
  before(async () => {
    pool = createPool({ size: WORKERS, deadlineMs: WORK_DEADLINE, heapMb: 256, registryModule });
    await pool.ready();
  });
  after(() => pool.close());

  test("1,000 checks with 1% pathological: hung items time out, bombs are refused, neighbours are unchanged", async () => {
    const { normal, mixed, slowAt, bombAt } = pathologicalBatch(rows, 1000, 0.01);
    const slow = new Set(slowAt);
    const base = await runAll(
      pool,
      normal.map((rollout) => ({ node: math, rollout, deadlineMs: WORK_DEADLINE })),
    );
    const mix = await runAll(
      pool,
      mixed.map((rollout, i) =>
        slow.has(i)
          ? { node: spin, rollout: { completion: "spin" }, deadlineMs: SPIN_DEADLINE }
          : { node: math, rollout, deadlineMs: WORK_DEADLINE },
      ),
    );
    assert.ok(slowAt.length >= 4 && bombAt.length >= 4);
    for (const i of slowAt) assert.equal(mix[i]!.error?.kind, "timeout", JSON.stringify(mix[i]));
    for (const i of bombAt) assert.equal(mix[i]!.error?.kind, "resource", JSON.stringify(mix[i]));
    // Every other item is unaffected: the same result as in the clean batch, and none of them failed.
    const bad = new Set([...slowAt, ...bombAt]);
    for (let i = 0; i < normal.length; i++) {
      assert.equal(base[i]!.error, undefined, JSON.stringify(base[i]));
      if (!bad.has(i)) assert.deepEqual(mix[i], base[i]);
    }
    await pool.ready();
    const s = pool.stats();
    assert.equal(s.alive, WORKERS);
    assert.equal(s.timeouts, slowAt.length);
    assert.ok(s.restarts >= slowAt.length);
  });
});
