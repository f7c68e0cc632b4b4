import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { RewardkitError } from "../../core/errors.ts";
import { formatSummary, type ScoreSummary } from "../../core/summary.ts";
import { parseFieldMap } from "../../io/field-map.ts";
import { scoreDataset } from "../../io/score-dataset.ts";
import { poolFor } from "../execution.ts";
import { recordScoredFile } from "../../runs/record-scored.ts";
import { progress } from "../progress.ts";
import { loadSpecFile } from "../spec-file.ts";

/** Flags of `rewardkit score`. */
export interface ScoreFlags {
  spec: string;
  in: string;
  out?: string;
  map?: string;
  concurrency?: number;
  workers?: number;
  deadlineMs?: number;
  step?: number;
  strict?: boolean;
  json?: boolean;
  /** Also record the scored rows into this run directory. */
  run?: string;
}

export const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`${name} must be a positive integer, got "${v}"`);
  return n;
};

/**
 * Scores a dataset with a spec and returns the summary (the CLI prints it).
 * @example await runScore({ spec: "spec.yaml", in: "rollouts.jsonl", out: "scored.jsonl" })
 */
export async function runScore(f: ScoreFlags): Promise<ScoreSummary> {
  if (!existsSync(f.in))
    throw new RewardkitError("E_FLAG_INVALID", [{ path: "--in", message: `no such file: ${f.in}` }]);
  const { spec, reward } = loadSpecFile(f.spec);
  const t0 = performance.now();
  const out = f.out ?? (f.run ? scratchFile(f.run) : undefined);
  const map = parseFieldMap(f.map);
  const deadlineMs = f.deadlineMs ?? spec.execution?.deadline_ms;
  const pool = await poolFor(reward, f.workers, deadlineMs);
  const bar = progress("scored");
  try {
    const summary = await scoreDataset({
      reward,
      input: f.in,
      ...(out ? { output: out } : {}),
      map,
      ...(pool ? { executor: pool } : {}),
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
      ...(f.concurrency !== undefined ? { concurrency: f.concurrency } : {}),
      ...(f.step !== undefined ? { step: f.step } : {}),
      onProgress: (n) => bar.update(n),
    });
    bar.done(summary.rows);
    if (f.run && out) {
      await recordScoredFile(f.run, out, {
        spec,
        ms: performance.now() - t0,
        ...(f.step !== undefined ? { step: f.step } : {}),
      });
      if (!f.out) rmSync(out, { force: true });
    }
    return summary;
  } finally {
    await pool?.close();
  }
}

const scratchFile = (run: string) =>
  join(tmpdir(), `rewardkit-score-${process.pid}-${Date.now()}-${run.replace(/\W+/g, "_").slice(-40)}.jsonl`);

/** Registers `rewardkit score --spec S --in F [--out O] [--map ...] [--concurrency N] [--strict]`. */
export function register(program: Command): void {
  program
    .command("score")
    .description(
      "score a JSONL or Parquet dataset; writes each row with a `reward` field and prints a summary",
    )
    .requiredOption("--spec <file>", "reward spec (YAML or JSON)")
    .requiredOption("--in <file>", "input rows (.jsonl or .parquet)")
    .option("--out <file>", "output rows (.jsonl or .parquet), written atomically")
    .option("--map <pairs>", "field mapping, e.g. completion=response,reference=answer")
    .option("--concurrency <n>", "async items in flight", positiveInt("--concurrency"))
    .option("--workers <n>", "worker threads for isolated rewards", positiveInt("--workers"))
    .option("--deadline-ms <n>", "per-item deadline for isolated rewards", positiveInt("--deadline-ms"))
    .option("--step <n>", "training step for step-dependent rewards", (v) => Number(v))
    .option("--strict", "exit 1 when any row is invalid or errors")
    .option("--json", "print the summary as JSON")
    .option("--run <dir>", "also record the scored rollouts into a run directory (see `rewardkit ui`)")
    .action(async (f: ScoreFlags) => {
      const summary = await runScore(f);
      process.stdout.write(`${f.json ? JSON.stringify(summary) : formatSummary(summary)}\n`);
      const errors = Object.values(summary.errors).reduce((a, b) => a + b, 0);
      if (f.strict && errors > 0) {
        process.stderr.write(`--strict: ${errors} row(s) failed\n`);
        process.exitCode = 1;
      }
    });
}
