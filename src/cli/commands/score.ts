import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { RewardkitError } from "../../core/errors.ts";
import { formatSummary, type ScoreSummary } from "../../core/summary.ts";
import { parseFieldMap } from "../../io/field-map.ts";
import { scoreDataset } from "../../io/score-dataset.ts";
import { treeNeeds } from "../../core/reward.ts";
import { recordScoredFile } from "../../runs/record-scored.ts";
import { Runtime } from "../../runtime/runtime.ts";
import { numberFlag, positiveInt } from "../flags.ts";
import { progress } from "../progress.ts";
import { loadSpecFile } from "../../runtime/spec-file.ts";
import { type QueuedScoreFlags, runQueuedScore } from "./queue-score.ts";

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
  const runtime = await Runtime.start({
    isolation: treeNeeds(reward).isolation === true,
    ...(f.workers !== undefined ? { workers: f.workers } : {}),
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    ...(f.concurrency !== undefined ? { concurrency: f.concurrency } : {}),
  });
  const bar = progress("scored");
  try {
    const summary = await scoreDataset({
      reward,
      input: f.in,
      ...(out ? { output: out } : {}),
      map,
      runtime,
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
    await runtime.close();
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
    .option("--concurrency <n>", "async items in flight", numberFlag("--concurrency", { int: true, min: 1 }))
    .option(
      "--workers <n>",
      "worker threads for isolated rewards",
      numberFlag("--workers", { int: true, min: 1 }),
    )
    .option(
      "--deadline-ms <n>",
      "per-item deadline for isolated rewards",
      numberFlag("--deadline-ms", { int: true, min: 1 }),
    )
    .option("--step <n>", "training step for step-dependent rewards", numberFlag("--step", { int: true }))
    .option("--strict", "exit 1 when any row is invalid or errors")
    .option("--json", "print the summary as JSON")
    .option("--run <dir>", "also record the scored rollouts into a run directory (see `rewardkit ui`)")
    .option("--queue <url>", "sharded run on a Redis queue (redis://host:port); workers score the shards")
    .option("--queue-name <name>", "queue name (with --queue)")
    .option("--shard-size <n>", "rows per shard (with --queue; default 5000)", positiveInt("--shard-size"))
    .option("--work-dir <dir>", "per-shard outputs (with --queue; default <out>.shards)")
    .option("--attempts <n>", "attempts per shard (with --queue; default 3)", positiveInt("--attempts"))
    .option(
      "--shard-timeout-ms <n>",
      "deadline per shard attempt (with --queue)",
      positiveInt("--shard-timeout-ms"),
    )
    .option("--keep-shards", "keep per-shard outputs after the merge (with --queue)")
    .option("--detach", "enqueue and return without waiting (with --queue)")
    .option("--registry-module <url>", "module exporting `registry` with extra kinds (with --queue)")
    .action(async (f: ScoreFlags & Partial<QueuedScoreFlags>) => {
      if (f.queue) {
        const r = await runQueuedScore(f as QueuedScoreFlags);
        if (!r) return;
        process.stdout.write(`${f.json ? JSON.stringify(r.summary) : formatSummary(r.summary)}\n`);
        if (r.failed.length > 0) process.exitCode = 1;
        return;
      }
      const summary = await runScore(f);
      process.stdout.write(`${f.json ? JSON.stringify(summary) : formatSummary(summary)}\n`);
      const errors = Object.values(summary.errors).reduce((a, b) => a + b, 0);
      if (f.strict && errors > 0) {
        process.stderr.write(`--strict: ${errors} row(s) failed\n`);
        process.exitCode = 1;
      }
    });
}
