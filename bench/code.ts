// Per-run overhead of code.tests on an empty program, as a ratio to a bare spawn of the same interpreter
// (no sandbox) measured alternately in the same run. Run: npx tsx bench/code.ts
import { spawn } from "node:child_process";
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultRegistry } from "../src/builtins.ts";
import type { Rollout } from "../src/core/types.ts";
import { findInterpreter } from "../src/sandbox/interpreters.ts";
import { LocalSandbox } from "../src/sandbox/local.ts";
import { sandboxSupport } from "../src/sandbox/probe.ts";
import type { Language } from "../src/sandbox/types.ts";
import { compileNode } from "../src/spec/compile.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 15);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

/** The interpreter started directly on an empty file: what any runner pays, sandbox or not. */
function bareSpawn(path: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn(path, args, { stdio: ["ignore", "pipe", "pipe"], env: { PATH: "/usr/bin:/bin" } });
    c.stdout.resume();
    c.stderr.resume();
    c.on("error", reject);
    c.on("close", () => resolve());
  });
}

const support = await sandboxSupport();
if (!support.mode) {
  console.log(`sandbox unavailable here: ${support.reason}`);
  process.exit(0);
}
console.log(`sandbox mode: ${support.mode}; ${ROUNDS} rounds, medians of per-round times and ratios`);
const dir = mkdtempSync(join(tmpdir(), "rewardkit-bench-"));
const sandbox = new LocalSandbox();
const reward = compileNode({ kind: "code.tests" }, { registry: defaultRegistry });
const rows: string[] = [];
for (const language of ["python", "javascript"] as Language[]) {
  const interp = findInterpreter(language, support.mode === "root")!;
  const ext = language === "python" ? "py" : "js";
  const empty = join(dir, `empty.${ext}`);
  writeFileSync(empty, "");
  const bareArgs = interp.args(empty, { memoryMb: 1024 });
  const rollout: Rollout = {
    completion: `\`\`\`${language}\n${language === "python" ? "pass" : ";"}\n\`\`\``,
    reference: { tests: [{ input: "", output: "" }] },
  };
  const asserted: Rollout = {
    completion: `\`\`\`${language}\n${language === "python" ? "def f(x):\n    return x" : "function f(x) { return x; }"}\n\`\`\``,
    reference: {
      tests: [{ assert: language === "python" ? "assert f(1) == 1" : "assert.strictEqual(f(1), 1)" }],
    },
  };
  const sandboxed = () => sandbox.run({ language, files: { [`m.${ext}`]: "" }, entry: `m.${ext}` });
  const scored = () => Promise.resolve(reward.score(rollout, {}));
  const refereed = () => Promise.resolve(reward.score(asserted, {}));
  for (let i = 0; i < 2; i++) {
    await bareSpawn(interp.path, bareArgs);
    await sandboxed();
    await scored();
    await refereed();
  }
  const bare: number[] = [];
  const sbx: number[] = [];
  const full: number[] = [];
  const rSbx: number[] = [];
  const rFull: number[] = [];
  const ref: number[] = [];
  const rRef: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const b = await time(() => bareSpawn(interp.path, bareArgs));
    const s = await time(sandboxed);
    const f = await time(async () => {
      const r = await scored();
      if (r.score !== 1) throw new Error(`empty program did not pass: ${JSON.stringify(r)}`);
    });
    const a = await time(async () => {
      const r = await refereed();
      if (r.score !== 1) throw new Error(`assertion run did not pass: ${JSON.stringify(r)}`);
    });
    ref.push(a);
    rRef.push(a / b);
    bare.push(b);
    sbx.push(s);
    full.push(f);
    rSbx.push(s / b);
    rFull.push(f / b);
  }
  const mb = median(bare);
  rows.push(`| ${language} | bare spawn (baseline) | ${mb.toFixed(1)} | 1.00 | — |`);
  rows.push(
    `| ${language} | LocalSandbox.run, empty file | ${median(sbx).toFixed(1)} | ${median(rSbx).toFixed(2)} | ${(median(sbx) - mb).toFixed(1)} |`,
  );
  rows.push(
    `| ${language} | code.tests, empty program, 1 stdin/stdout test | ${median(full).toFixed(1)} | ${median(rFull).toFixed(2)} | ${(median(full) - mb).toFixed(1)} |`,
  );
  rows.push(
    `| ${language} | code.tests, 1 assertion test (program + referee) | ${median(ref).toFixed(1)} | ${median(rRef).toFixed(2)} | ${(median(ref) - mb).toFixed(1)} |`,
  );
}
rmSync(dir, { recursive: true, force: true });
console.log("| language | what | median ms | ratio to bare spawn | overhead ms |");
console.log("|---|---|---:|---:|---:|");
for (const r of rows) console.log(r);
