import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { formatSummary } from "../../core/summary.ts";
import { buildDemoRuns } from "../../runs/demo-runs.ts";
import { loadSpecFile } from "../../runtime/spec-file.ts";
import { runScore } from "./score.ts";
import { serveUi } from "./ui.ts";

/** The embedded demo: spec and rollouts shipped with the package. */
export function demoPaths(): { spec: string; rollouts: string } {
  // src/cli/commands (or dist/cli/commands) → package root
  const root = new URL("../../../", import.meta.url);
  const spec = fileURLToPath(new URL("examples/demo/spec.yaml", root));
  const rollouts = fileURLToPath(new URL("examples/demo/rollouts.jsonl", root));
  return { spec, rollouts };
}

/** Registers `rewardkit demo`: scores the embedded demo dataset and prints the summary. */
export function register(program: Command): void {
  program
    .command("demo")
    .description(
      "score the embedded demo (arithmetic word problems with right, wrong, malformed and hostile completions)",
    )
    .option("--out <file>", "also write the scored rows")
    .option("--ui", "build the demo runs and open them in the dashboard (`rewardkit ui`)")
    .option(
      "--runs-dir <dir>",
      "with --ui: where to build the demo runs (default: a new temporary directory)",
    )
    .option("--port <port>", "with --ui: port (0 picks a free one)", (v) => Number(v), 8765)
    .action(async (f: { out?: string; ui?: boolean; runsDir?: string; port: number }) => {
      const { spec, rollouts } = demoPaths();
      if (!existsSync(spec) || !existsSync(rollouts))
        throw new Error("the embedded demo files are missing from this installation");
      if (f.ui) {
        const dir = f.runsDir ?? join(mkdtempSync(join(tmpdir(), "rewardkit-demo-")), "runs");
        if (!existsSync(dir)) await buildDemoRuns(dir, loadSpecFile(spec), rollouts);
        process.stdout.write(`demo runs in ${dir}\n`);
        await serveUi({ runs: dir, port: f.port, open: true, path: "?run=length-hack" });
        return;
      }
      const t0 = performance.now();
      const summary = await runScore({ spec, in: rollouts, ...(f.out ? { out: f.out } : {}) });
      const ms = performance.now() - t0;
      process.stdout.write(`rewardkit demo — spec ${spec.split(/[\\/]/).slice(-3).join("/")}\n`);
      process.stdout.write(`${formatSummary(summary)}\n`);
      process.stdout.write(`scored ${summary.rows} rollouts in ${ms.toFixed(0)} ms\n`);
    });
}
