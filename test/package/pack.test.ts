// The published package, as a user gets it: `npm pack`, unpacked into an empty project (its dependencies
// linked from this checkout, so no network is needed), every `exports` entry imported, and the bin run.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";

const root = resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, string | { types: string; default: string }>;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};
const dir = mkdtempSync(join(tmpdir(), "rk-pack-"));
const project = join(dir, "project");
const installed = join(project, "node_modules", pkg.name);
after(() => rmSync(dir, { recursive: true, force: true }));

/** The newest modification time of any file under `d`. */
function newest(d: string): number {
  let t = 0;
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const run = (cmd: string, args: string[], cwd: string) => {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 300_000 });
  return { code: r.status, out: r.stdout ?? "", err: `${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
};

before(() => {
  // Build only when dist/ is missing or older than the sources (after `npm install` it is fresh).
  const distMain = join(root, "dist", "index.js");
  if (!existsSync(distMain) || statSync(distMain).mtimeMs < newest(join(root, "src"))) {
    const b = run(
      process.execPath,
      [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
      root,
    );
    assert.equal(b.code, 0, b.out + b.err);
  }
  const p = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], root);
  assert.equal(p.code, 0, p.err);
  const tarball = join(dir, (JSON.parse(p.out) as { filename: string }[])[0]!.filename);
  mkdirSync(installed, { recursive: true });
  const x = run("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"], dir);
  assert.equal(x.code, 0, x.err);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  // The package's dependencies, linked from this checkout's node_modules (what `npm install` would fetch).
  for (const dep of Object.keys(pkg.dependencies)) {
    const target = join(project, "node_modules", dep);
    mkdirSync(join(target, ".."), { recursive: true });
    symlinkSync(join(root, "node_modules", dep), target, "dir");
  }
});

describe("the packed package", () => {
  it("ships every file its exports and bin name, and no sources or tests", () => {
    for (const [key, v] of Object.entries(pkg.exports)) {
      for (const file of typeof v === "string" ? [v] : [v.types, v.default]) {
        assert.ok(
          existsSync(join(installed, file)),
          `exports["${key}"] → ${file} is missing from the tarball`,
        );
      }
    }
    for (const file of Object.values(pkg.bin)) assert.ok(existsSync(join(installed, file)), file);
    assert.equal(existsSync(join(installed, "src")), false);
    assert.equal(existsSync(join(installed, "test")), false);
  });
  it("imports every exports entry by its public name", () => {
    const subpaths = Object.keys(pkg.exports);
    const script = `
      import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      const out = {};
      for (const sub of ${JSON.stringify(subpaths)}) {
        const name = ${JSON.stringify(pkg.name)} + sub.slice(1);
        const m = sub.endsWith(".json") ? require(name) : await import(name);
        out[sub] = Object.keys(m).length;
      }
      console.log(JSON.stringify(out));
    `;
    writeFileSync(join(project, "check.mjs"), script);
    const r = run(process.execPath, ["check.mjs"], project);
    assert.equal(r.code, 0, r.err);
    const counts = JSON.parse(r.out) as Record<string, number>;
    for (const sub of subpaths) assert.ok(counts[sub]! > 0, `${sub} exports nothing`);
  });
  it("exports named APIs only: no helpers such as judges' sleep", () => {
    const script = `
      const j = await import("${pkg.name}/judges");
      const root = await import("${pkg.name}");
      console.log(JSON.stringify({ sleep: "sleep" in j, judgeScore: typeof j.judgeScore, runtime: typeof root.Runtime, scoreRequest: typeof root.scoreRequest }));
    `;
    writeFileSync(join(project, "names.mjs"), script);
    const r = run(process.execPath, ["names.mjs"], project);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), {
      sleep: false,
      judgeScore: "object",
      runtime: "function",
      scoreRequest: "function",
    });
  });
  it("runs the rewardkit bin: version, and the embedded demo scored from the compiled code", () => {
    const bin = join(installed, pkg.bin.rewardkit!);
    const v = run(process.execPath, [bin, "--version"], project);
    assert.equal(v.code, 0, v.err);
    assert.equal(v.out.trim(), "0.1.0");
    const d = run(process.execPath, [bin, "demo"], project);
    assert.equal(d.code, 0, d.err);
    assert.match(d.out, /scored \d+ rollouts/);
  });
});
