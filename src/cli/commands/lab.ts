import { readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { RewardkitError } from "../../core/errors.ts";
import { parseExperiment, runExperiment } from "../../lab/experiment.ts";

function bar(done: number, total: number): string {
  const w = 30;
  const k = Math.round((done / total) * w);
  return `[${"#".repeat(k)}${".".repeat(w - k)}] ${done}/${total} cells`;
}

/** Registers `rewardkit lab run EXPERIMENT`: runs an experiment grid and writes results, summary, curves and a report. */
export function register(program: Command): void {
  const lab = program.command("lab").description("compare reward designs on environments and agents");
  lab
    .command("run")
    .description("run environments × reward designs × agents × seeds in worker threads")
    .argument("<experiment>", "experiment file (YAML or JSON)")
    .option("--out <dir>", "output directory (default: lab-out/<experiment name>)")
    .option("--workers <n>", "worker threads (default: the experiment's, else all cores)")
    .action(async (path: string, f: { out?: string; workers?: string }) => {
      let text: string;
      try {
        text = readFileSync(path, "utf8");
      } catch (e) {
        throw new RewardkitError("E_IO", [{ path, message: e instanceof Error ? e.message : String(e) }]);
      }
      let raw: unknown;
      try {
        raw = parseYaml(text);
      } catch (e) {
        throw new RewardkitError("E_SPEC_PARSE", [
          { path, message: e instanceof Error ? e.message : String(e) },
        ]);
      }
      const exp = parseExperiment(raw);
      let workers: number | undefined;
      if (f.workers !== undefined) {
        workers = Number(f.workers);
        if (!Number.isInteger(workers) || workers < 1)
          throw new RewardkitError("E_FLAG_INVALID", [
            { path: "--workers", message: `expected a positive integer, got "${f.workers}"` },
          ]);
      }
      const outDir = f.out ?? join("lab-out", exp.name || basename(path, extname(path)));
      const tty = !!process.stderr.isTTY;
      let last = -1;
      const res = await runExperiment(exp, {
        outDir,
        ...(workers ? { workers } : {}),
        onProgress(done, total) {
          if (tty) process.stderr.write(`\r${bar(done, total)}`);
          else if (Math.floor((10 * done) / total) !== last || done === total) {
            last = Math.floor((10 * done) / total);
            process.stderr.write(`${bar(done, total)}\n`);
          }
        },
      });
      if (tty) process.stderr.write("\n");
      for (const s of res.summaries)
        process.stdout.write(
          `${s.env} ${s.agent} ${s.design}: success ${(100 * s.successRate).toFixed(1)}% ± ${(100 * s.successCi).toFixed(1)}, return ${s.meanReturn.toFixed(3)} ± ${s.returnCi.toFixed(3)}, AUC ${s.auc.toFixed(3)}\n`,
        );
      process.stdout.write(`wrote ${res.files.map((x) => join(outDir, x)).join(", ")}\n`);
      if (res.errors.length) {
        for (const e of res.errors)
          process.stderr.write(`failed: ${e.env} ${e.agent} ${e.design} seed ${e.seed}: ${e.error}\n`);
        process.exitCode = 1;
      }
    });
}
