// Run store and dashboard at scale: ingest rate (against a bare SQLite insert of the same rows, measured in the
// same run), index build, every view's p50/p95 through the HTTP app on an N-rollout run (default 1,000,000),
// and the page's own load time per view in chromium.
// Usage: npx tsx bench/runs.ts [--rows 1000000] [--reps 20] [--no-browser]
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { createRunsApp } from "../src/runs/api.ts";
import { RunCatalog } from "../src/runs/catalog.ts";
import type { RunRecord } from "../src/runs/record.ts";
import { RunStore } from "../src/runs/store.ts";
import { SYNTHETIC_COMPONENTS, syntheticRun } from "../src/runs/synthetic.ts";
import { startUi } from "../src/runs/ui-server.ts";

const arg = (k: string, d: string) => {
  const i = process.argv.indexOf(k);
  return i > 0 ? process.argv[i + 1]! : d;
};
const N = Number(arg("--rows", "1000000"));
const REPS = Number(arg("--reps", "20"));
const CHUNK_STEPS = 25;
const root = mkdtempSync(join(tmpdir(), "rk-bench-runs-"));
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

function chunk(c: number): RunRecord[] {
  const recs = syntheticRun({
    steps: CHUNK_STEPS,
    promptsPerStep: 500,
    groupSize: 8,
    seed: 100 + c,
    hack: c >= 5 ? "length" : "none",
    hackFrom: 0,
  });
  for (const r of recs) {
    r.step += c * CHUNK_STEPS;
    r.id = `${c}:${r.id}`;
    r.group = `${c}:${r.group}`;
  }
  return recs;
}

// Ingest: the run store vs a bare insert of the same columns (no statistics, no JSON columns) as the baseline.
const run = RunStore.create(join(root, "big"), { name: "bench" });
run.db.pragma("synchronous = OFF");
const bare = new Database(join(root, "bare.sqlite"));
bare.pragma("journal_mode = WAL");
bare.pragma("synchronous = OFF");
bare.exec(
  "CREATE TABLE t (id TEXT, step INTEGER, grp TEXT, prompt TEXT, completion TEXT, score REAL, length INTEGER, c0 REAL, c1 REAL, c2 REAL, c3 REAL)",
);
const bareIns = bare.prepare("INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?,?)");
let storeMs = 0;
let bareMs = 0;
let storeCpu = 0;
let bareCpu = 0;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let rows = 0;
for (let c = 0; rows < N; c++) {
  const recs = chunk(c).slice(0, N - rows);
  for (let i = 0; i < recs.length; i += 10_000) {
    const batch = recs.slice(i, i + 10_000);
    let t0 = performance.now();
    let c0 = cpu();
    run.append(batch);
    storeMs += performance.now() - t0;
    storeCpu += cpu() - c0;
    t0 = performance.now();
    c0 = cpu();
    bare.transaction(() => {
      for (const r of batch)
        bareIns.run(
          r.id,
          r.step,
          r.group,
          r.prompt,
          r.completion,
          r.score,
          r.length,
          r.components.correct,
          r.components.format,
          r.components.judge,
          r.components.length_penalty,
        );
    })();
    bareMs += performance.now() - t0;
    bareCpu += cpu() - c0;
  }
  rows += recs.length;
}
bare.close();
for (const c of SYNTHETIC_COMPONENTS) run.setRole(c.name, c.role, c.weight);
let t0 = performance.now();
run.finish();
const indexMs = performance.now() - t0;
// a re-score of every rollout (scores shifted by a deterministic amount) so the spec-diff view has data
t0 = performance.now();
run.db.exec(`INSERT INTO rescore_scores(name, rid, score, error_kind, delta, flip)
  SELECT 'bench', rid, score - 0.3 * (rid % 3 = 0), NULL, -0.3 * (rid % 3 = 0),
  CASE WHEN score >= 0.5 AND score - 0.3 * (rid % 3 = 0) < 0.5 THEN -1 ELSE 0 END FROM rollouts WHERE score IS NOT NULL`);
run.db
  .prepare(
    "INSERT INTO rescores(name, spec, spec_hash, threshold, created, summary) VALUES ('bench', '{}', '', 0.5, ?, ?)",
  )
  .run(
    new Date().toISOString(),
    JSON.stringify({ name: "bench", threshold: 0.5, paired: rows, flips_up: 0, flips_down: 0 }),
  );
const rescoreFillMs = performance.now() - t0;
run.close();
symlinkSync(join(root, "big"), join(root, "big2"));

console.log(`rows ${rows}`);
console.log(
  `ingest: run store ${((rows / storeMs) * 1000).toFixed(0)} rollouts/s; bare SQLite insert ${((rows / bareMs) * 1000).toFixed(0)} rows/s; ratio ${(storeMs / bareMs).toFixed(2)}× the bare insert time`,
);
console.log(
  `ingest per CPU-second (what an idle core gets): run store ${((rows / storeCpu) * 1000).toFixed(0)} rollouts/s; bare ${((rows / bareCpu) * 1000).toFixed(0)} rows/s (load average ${loadavg()[0]!.toFixed(1)})`,
);
console.log(
  `index build after ingest ${indexMs.toFixed(0)} ms; re-score fill ${rescoreFillMs.toFixed(0)} ms`,
);

const catalog = new RunCatalog(root);
const app = createRunsApp(catalog);
const VIEWS: [string, string][] = [
  ["curves", "/api/runs/big/curves"],
  ["samples (page)", "/api/runs/big/samples?limit=200"],
  ["samples (sort by judge, no error)", "/api/runs/big/samples?sort=c:judge&error=none&limit=200"],
  ["samples (one step, by score)", "/api/runs/big/samples?step=120&sort=score&limit=200"],
  ["samples (search)", "/api/runs/big/samples?q=MASTER&limit=50"],
  ["groups (list)", "/api/runs/big/groups?step=120"],
  ["group", "/api/runs/big/groups/4:s20p3?step=120"],
  ["extremes", "/api/runs/big/extremes?step=120&by=c:judge"],
  ["scatter (binned)", "/api/runs/big/scatter"],
  ["scatter (one step)", "/api/runs/big/scatter?step=120"],
  ["alarms", "/api/runs/big/alarms"],
  ["alarm samples", "/api/runs/big/alarms/0/samples?limit=200"],
  ["health", "/api/runs/big/health"],
  ["spec diff (flips down)", "/api/runs/big/spec-diff?name=bench&flips=down&limit=200"],
  ["spec diff (largest moves)", "/api/runs/big/spec-diff?name=bench&flips=none&limit=200"],
  ["credit", "/api/runs/big/credit?step=120"],
  ["compare", "/api/compare?a=big&b=big2&step=120"],
];
t0 = performance.now();
const warm = await app.request("/api/runs/big/scatter");
await warm.text();
console.log(`first columnar load (once per run) ${(performance.now() - t0).toFixed(0)} ms`);
t0 = performance.now();
await (await app.request("/api/runs/big/alarms")).text();
console.log(`first alarm pass (cached after) ${(performance.now() - t0).toFixed(0)} ms`);
console.log("view | p50 ms | p95 ms | status");
for (const [name, path] of VIEWS) {
  const ts: number[] = [];
  let status = 0;
  for (let i = 0; i < REPS; i++) {
    const t = performance.now();
    const r = await app.request(path);
    await r.text();
    ts.push(performance.now() - t);
    status = r.status;
  }
  console.log(`${name} | ${pct(ts, 50).toFixed(1)} | ${pct(ts, 95).toFixed(1)} | ${status}`);
}

if (
  !process.argv.includes("--no-browser") &&
  existsSync("/usr/bin/chromium") &&
  existsSync("dist/web/index.html")
) {
  const { chromium } = await import("playwright-core");
  const ui = await startUi({ runs: root, port: 0 });
  const ctx = await chromium.launchPersistentContext(join(root, "profile"), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  console.log("page (browser) | load to data p50 ms | p95 ms");
  for (const view of [
    "curves",
    "samples",
    "groups",
    "extremes",
    "scatter",
    "alarms",
    "health",
    "spec-diff",
    "credit",
    "compare",
  ]) {
    const ts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await page.goto(`${ui.url}/?run=big&view=${view}`);
      await page.waitForSelector(`[data-testid="view-${view}"][data-ready="1"]`, { timeout: 120_000 });
      ts.push(performance.now() - t);
    }
    console.log(`${view} | ${pct(ts, 50).toFixed(0)} | ${pct(ts, 95).toFixed(0)}`);
  }
  await ctx.close();
  await ui.close();
}
catalog.close();
rmSync(root, { recursive: true, force: true });
