// Runs the benchmarks in bench/ one after another (each prints its numbers as ratios to a baseline measured in
// the same run). `npm run bench` runs all; `npm run bench -- score server` runs the named ones.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const all = readdirSync("bench")
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.slice(0, -3))
  .sort();
const asked = process.argv.slice(2);
const unknown = asked.filter((n) => !all.includes(n));
if (unknown.length) {
  process.stderr.write(`unknown benchmark: ${unknown.join(", ")} (have: ${all.join(", ")})\n`);
  process.exit(2);
}
let failed = 0;
for (const name of asked.length ? asked : all) {
  process.stdout.write(`\n## bench/${name}.ts\n`);
  const r = spawnSync(process.execPath, ["--import", "tsx", `bench/${name}.ts`], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`bench/${name}.ts exited with ${r.status ?? r.signal}\n`);
  }
}
process.exit(failed ? 1 : 0);
