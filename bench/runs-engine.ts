// Run-store engine comparison: SQLite (better-sqlite3, the run store as shipped) vs DuckDB (@duckdb/node-api,
// not a dependency: pass --duckdb <dir containing node_modules/@duckdb/node-api>). Same synthetic rollouts,
// ingest rate and the view-shaped queries on the raw rows.
// Usage: npx tsx bench/runs-engine.ts [--rows 500000] [--duckdb /path/with/node_modules]
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunStore } from "../src/runs/store.ts";
import { syntheticRun } from "../src/runs/synthetic.ts";

const arg = (k: string) => {
  const i = process.argv.indexOf(k);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg("--rows") ?? 500_000);
const chunk = syntheticRun({ steps: 25, promptsPerStep: 500, groupSize: 8, seed: 7 }); // 100k rows
const dir = mkdtempSync(join(tmpdir(), "rk-engine-"));

const QUERIES: Record<string, string> = {
  "curves (group by step, 4 components)":
    "SELECT step, avg(score), avg(c0), avg(c1), avg(c2), avg(c3) FROM rollouts GROUP BY step",
  "hexbin 64x64 (score × length)":
    "SELECT CAST(length / 40 AS INTEGER) AS bx, CAST((score + 1) * 20 AS INTEGER) AS by, count(*) FROM rollouts WHERE score IS NOT NULL GROUP BY 1, 2",
  "top-10 of one step": "SELECT rid, score FROM rollouts WHERE step = 7 ORDER BY score DESC LIMIT 10",
  "one group": "SELECT rid, score FROM rollouts WHERE grp = 's7p3'",
  "page 50 sorted by score":
    "SELECT rid, id, score, length FROM rollouts ORDER BY score DESC LIMIT 50 OFFSET 1000",
};

function time(f: () => void, reps = 5): number {
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
}
async function timeAsync(f: () => Promise<void>, reps = 5): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await f();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
}

// SQLite
const run = RunStore.create(join(dir, "sqlite"));
let t0 = performance.now();
for (let done = 0; done < N; done += chunk.length) {
  for (let i = 0; i < chunk.length; i += 10_000) run.append(chunk.slice(i, i + 10_000));
}
const sqliteIngest = performance.now() - t0;
t0 = performance.now();
run.finish();
const sqliteIndex = performance.now() - t0;
console.log(`rows ${N}`);
console.log(
  `sqlite ingest ${(N / (sqliteIngest / 1000)).toFixed(0)} rows/s (${sqliteIngest.toFixed(0)} ms; + indexes ${sqliteIndex.toFixed(0)} ms)`,
);
const sqliteTimes: Record<string, number> = {};
for (const [name, sql] of Object.entries(QUERIES)) {
  const st = run.db.prepare(sql);
  sqliteTimes[name] = time(() => st.all());
}
run.close();

// DuckDB (optional)
const duckFrom = arg("--duckdb");
if (duckFrom) {
  const req = createRequire(join(duckFrom, "package.json"));
  const duck = await import(req.resolve("@duckdb/node-api"));
  const inst = await duck.DuckDBInstance.create(join(dir, "run.duckdb"));
  const con = await inst.connect();
  await con.run(`CREATE TABLE rollouts (rid BIGINT, id VARCHAR, step INTEGER, grp VARCHAR, prompt VARCHAR,
    completion VARCHAR, score DOUBLE, length INTEGER, truncated BOOLEAN, c0 DOUBLE, c1 DOUBLE, c2 DOUBLE, c3 DOUBLE)`);
  t0 = performance.now();
  const app = await con.createAppender("rollouts");
  let rid = 0;
  for (let done = 0; done < N; done += chunk.length) {
    for (const r of chunk) {
      app.appendBigInt(BigInt(rid++));
      app.appendVarchar(r.id);
      app.appendInteger(r.step);
      app.appendVarchar(r.group ?? "");
      app.appendVarchar(r.prompt);
      app.appendVarchar(r.completion);
      if (r.score === null) app.appendNull();
      else app.appendDouble(r.score);
      app.appendInteger(r.length);
      app.appendBoolean(!!r.truncated);
      for (const k of ["correct", "format", "judge", "length_penalty"]) {
        const v = r.components[k];
        if (typeof v === "number") app.appendDouble(v);
        else app.appendNull();
      }
      app.endRow();
    }
  }
  app.closeSync();
  const duckIngest = performance.now() - t0;
  console.log(`duckdb ingest ${(N / (duckIngest / 1000)).toFixed(0)} rows/s (${duckIngest.toFixed(0)} ms)`);
  console.log("query | sqlite ms | duckdb ms");
  for (const [name, sql] of Object.entries(QUERIES)) {
    const d = await timeAsync(async () => {
      await con.runAndReadAll(sql);
    });
    console.log(`${name} | ${sqliteTimes[name]!.toFixed(1)} | ${d.toFixed(1)}`);
  }
  con.closeSync();
  inst.closeSync();
} else {
  console.log("query | sqlite ms");
  for (const [name, ms] of Object.entries(sqliteTimes)) console.log(`${name} | ${ms.toFixed(1)}`);
}
rmSync(dir, { recursive: true, force: true });
