import type { Command } from "commander";
import { Option } from "commander";
import { type AdvantageOptions, ESTIMATORS, type EstimatorName } from "../../credit/api.ts";
import { writeFileAtomic } from "../../io/atomic.ts";
import { advantagesForRun } from "../../runs/advantages.ts";
import { advantagesFromRows } from "../../runtime/advantages.ts";
import { numberFlag } from "../flags.ts";
import { jsonlObjects } from "../rows.ts";

/** The parsed flags of `rewardkit advantages`. */
export interface AdvantagesFlags {
  in: string;
  /** Compute advantages for a run's rollouts in place instead of --in. */
  run?: string;
  out?: string;
  estimator: EstimatorName;
  convention?: "verl" | "trl";
  eps?: number;
  std?: "unbiased" | "population";
  scale?: "group" | "batch" | "none";
  gamma?: number;
  lambda?: number;
  whiten: boolean;
  scoreField: string;
  groupField: string;
  stepsField: string;
  valuesField: string;
  dropNoSignal?: boolean;
}

function advantageOptionsOf(f: AdvantagesFlags): AdvantageOptions {
  const options: AdvantageOptions = { whiten: f.whiten };
  for (const k of ["convention", "eps", "std", "scale", "gamma", "lambda"] as const)
    if (f[k] !== undefined) (options as Record<string, unknown>)[k] = f[k];
  return options;
}

/**
 * Runs `rewardkit advantages` on rows read from a file and returns the JSONL text and a one-line summary.
 * @example await runAdvantages({ in: "scored.jsonl", estimator: "grpo", ... })
 */
export async function runAdvantages(f: AdvantagesFlags): Promise<{ text: string; summary: string }> {
  const rows: Record<string, unknown>[] = [];
  for await (const { row } of jsonlObjects(f.in)) rows.push(row);
  const options = advantageOptionsOf(f);
  const out = advantagesFromRows(rows, {
    estimator: f.estimator,
    options,
    scoreField: f.scoreField,
    groupField: f.groupField,
    stepsField: f.stepsField,
    valuesField: f.valuesField,
    ...(f.dropNoSignal ? { dropNoSignal: true } : {}),
  });
  const res = out.response;
  const summary =
    `advantages: ${rows.length} rows, ${res.groups} groups, estimator ${f.estimator}; ` +
    `${res.unscorable.length} unscorable (advantage 0); ${res.no_signal_groups.length} groups with no signal` +
    (f.dropNoSignal ? ` (dropped, ${out.dropped} rows)` : "");
  const text = out.rows.map((r) => `${JSON.stringify(r)}\n`).join("");
  return { text, summary };
}

/**
 * Registers `rewardkit advantages --in F [--out O] --estimator grpo|drgrpo|rloo|reinforce++|reinforce++-baseline|gae`.
 * @example rewardkit advantages --in scored.jsonl --out adv.jsonl --estimator rloo
 */
export function register(program: Command): void {
  program
    .command("advantages")
    .description(
      "Compute advantages for scored rows (reward.score, grouped by group); writes each row with advantage and step_advantages",
    )
    .option("--in <file>", "JSONL rows scored by `rewardkit score`")
    .option("--run <dir>", "compute advantages for a run's rollouts in place (per step) instead of --in")
    .option("--out <file>", "output JSONL (written atomically); default stdout")
    .addOption(new Option("--estimator <name>", "advantage estimator").choices(ESTIMATORS).default("grpo"))
    .addOption(
      new Option("--convention <name>", "GRPO defaults: verl (eps 1e-6) or trl (eps 1e-4)").choices([
        "verl",
        "trl",
      ]),
    )
    .option(
      "--eps <n>",
      "epsilon: added to the std (GRPO) or to the variance (REINFORCE++, GAE whitening)",
      numberFlag("--eps", { above: 0 }),
    )
    .addOption(new Option("--std <kind>", "std convention").choices(["unbiased", "population"]))
    .addOption(new Option("--scale <mode>", "GRPO std scaling").choices(["group", "batch", "none"]))
    .option(
      "--gamma <n>",
      "discount for step-level returns and GAE (default 1)",
      numberFlag("--gamma", { min: 0, max: 1 }),
    )
    .option("--lambda <n>", "GAE lambda (default 1)", numberFlag("--lambda", { min: 0, max: 1 }))
    .option("--no-whiten", "GAE: do not whiten advantages over the batch")
    .option("--score-field <path>", "field holding the outcome score", "reward.score")
    .option("--group-field <path>", "field holding the group key", "group")
    .option("--steps-field <path>", "field holding per-step rewards", "reward.steps")
    .option("--values-field <path>", "GAE: field holding per-step values", "values")
    .option("--drop-no-signal", "drop rows of groups whose rewards are all identical (DAPO dynamic sampling)")
    .action(async (flags: AdvantagesFlags) => {
      if (flags.run) {
        process.stderr.write(`${advantagesForRun(flags.run, flags.estimator, advantageOptionsOf(flags))}\n`);
        return;
      }
      if (!flags.in) throw new Error("give --in FILE or --run DIR");
      const { text, summary } = await runAdvantages(flags);
      if (flags.out) await writeFileAtomic(flags.out, text);
      else process.stdout.write(text);
      process.stderr.write(`${summary}\n`);
    });
}
