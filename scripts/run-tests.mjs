// Runs every *.test.ts under src/ and test/ with node:test (Node 20 does not expand globs itself).
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function find(dir, out = []) {
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const files = only.length ? only : [...find("src"), ...find("test")].sort();
const args = [
  "--import",
  "tsx",
  "--test",
  "--test-concurrency=2",
  "--test-reporter=spec",
  "--test-reporter-destination=stdout",
  "--test-reporter=./scripts/summary-reporter.mjs",
  "--test-reporter-destination=stdout",
  ...files,
];
const r = spawnSync(process.execPath, args, {
  stdio: "inherit",
  env: { ...process.env, REWARDKIT_TEST: "1" },
});
process.exit(r.status ?? 1);
