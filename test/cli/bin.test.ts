// bin/rewardkit.js runs dist/ only when it is at least as new as every source file; otherwise the sources.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";

const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "rk-bin-"));
after(() => rmSync(dir, { recursive: true, force: true }));

// A miniature checkout: the real bin, a dist and a src whose `main` say which one ran.
mkdirSync(join(dir, "bin"));
mkdirSync(join(dir, "dist/cli"), { recursive: true });
mkdirSync(join(dir, "src/cli"), { recursive: true });
copyFileSync(join(root, "bin/rewardkit.js"), join(dir, "bin/rewardkit.js"));
symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
writeFileSync(join(dir, "package.json"), '{"type":"module"}');
const dist = join(dir, "dist/cli/main.js");
const src = join(dir, "src/cli/main.ts");
writeFileSync(dist, 'export async function main() { console.log("dist"); return 0; }\n');
writeFileSync(src, 'export async function main(): Promise<number> { console.log("src"); return 0; }\n');
const ran = () =>
  spawnSync(process.execPath, [join(dir, "bin/rewardkit.js")], { encoding: "utf8" }).stdout.trim();
const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);

describe("bin/rewardkit.js", () => {
  it("runs dist when it is newer than the sources", () => {
    at(src, 1_000_000);
    at(dist, 2_000_000);
    assert.equal(ran(), "dist");
  });
  it("runs the sources when any source file is newer than dist (a stale build)", () => {
    at(dist, 2_000_000);
    at(src, 3_000_000);
    assert.equal(ran(), "src");
  });
  it("runs the sources when there is no build", () => {
    rmSync(dist);
    assert.equal(ran(), "src");
  });
});
