// The pathological batch: math checks in the killable worker pool. A scaled-down run (1,000 checks, 1%
// pathological, 2 workers); the full 10,000-check run is in bench/math.ts.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Rollout } from "../../src/core/types.ts";
import { createPool, type WorkerPool } from "../../src/pool/index.ts";
import { pathologicalBatch } from "./pathological.ts";

const here = dirname(fileURLToPath(import.meta.url));
const rows = readFileSync(join(here, "data", "math-cases-dev.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { gold: string; pred: string; flags?: string[] });

const WORKERS = 2;
const DEADLINE = 400;
const node = { kind: "math.equivalent" };

async function runAll(pool: WorkerPool, rollouts: Rollout[]) {
  const t0 = performance.now();
  const rs = await Promise.all(rollouts.map((r) => pool.run(node, r, { deadlineMs: DEADLINE })));
  return { rs, ms: performance.now() - t0 };
}

describe("math.equivalent in the killable worker pool", () => {
  let pool: WorkerPool;
  let spawnMs = 0;
  before(async () => {
    const t0 = performance.now();
    pool = createPool({ size: WORKERS, deadlineMs: DEADLINE, heapMb: 256 });
    await pool.ready();
    spawnMs = performance.now() - t0;
  });
  after(() => pool.close());

  test("1,000 checks with 1% pathological finish within normal time + ceil(P/W) × (deadline + respawn)", async () => {
    const { normal, mixed, slowAt, bombAt } = pathologicalBatch(rows, 1000, 0.01);
    await runAll(pool, normal.slice(0, 50)); // warm the workers
    const base = await runAll(pool, normal);
    const mix = await runAll(pool, mixed);
    const p = slowAt.length + bombAt.length;
    // Each deadline hit also costs a worker respawn (module load), measured here as the pool start time.
    // The clean batch is the "normal time"; x2 absorbs load swings on a shared machine between the two runs.
    const bound = base.ms * 2 + Math.ceil(p / WORKERS) * (DEADLINE + spawnMs) + 2000;
    assert.ok(mix.ms <= bound, `mixed ${mix.ms.toFixed(0)} ms > bound ${bound.toFixed(0)} ms`);
    for (const i of slowAt) assert.equal(mix.rs[i]!.error?.kind, "timeout", JSON.stringify(mix.rs[i]));
    for (const i of bombAt) assert.equal(mix.rs[i]!.error?.kind, "resource", JSON.stringify(mix.rs[i]));
    // Every other item is unaffected: the same result as in the clean batch.
    const bad = new Set([...slowAt, ...bombAt]);
    for (let i = 0; i < normal.length; i++) {
      if (!bad.has(i)) assert.deepEqual(mix.rs[i], base.rs[i]);
    }
    await pool.ready();
    const s = pool.stats();
    assert.equal(s.alive, WORKERS);
    assert.ok(s.timeouts >= slowAt.length);
  });
});
