import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import {
  type AdvantageOptions,
  computeAdvantages,
  ESTIMATORS,
  type EstimatorName,
} from "../../credit/api.ts";
import { dynamicSamplingFilter } from "../../credit/dynamic-sampling.ts";
import { groupBy } from "../../credit/groups.ts";
import { writeFileAtomic } from "../../io/atomic.ts";
import { readJsonl } from "../../io/jsonl.ts";
import { advantagesForRun } from "../../runs/advantages.ts";

/** Reads a dotted path (`reward.score`) from a row. */
function at(row: unknown, path: string): unknown {
  let cur = row;
  for (const k of path.split(".")) {
    if (cur == null || typeof cur !== "object" || !Object.hasOwn(cur as object, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const num = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);

/** Per-step rewards of a scored row: the reward's dense `steps`, else the rollout's `steps[].reward`. */
function stepsOf(row: unknown, field: string): (number | null)[] | null {
  const dense = at(row, field);
  if (Array.isArray(dense) && dense.length) return dense.map(num);
  const steps = at(row, "steps");
  if (Array.isArray(steps) && steps.length && steps.some((s) => s && typeof s === "object" && "reward" in s))
    return steps.map((s) => num(s && typeof s === "object" ? (s as { reward?: unknown }).reward : undefined));
  return null;
}

/** Per-step critic values of a row: the `--values-field` list, else `steps[].value`. */
function valuesOf(row: unknown, field: string): number[] | null {
  const v = at(row, field);
  if (Array.isArray(v) && v.every((x) => num(x) !== null)) return v as number[];
  const steps = at(row, "steps");
  if (
    Array.isArray(steps) &&
    steps.length &&
    steps.every((s) => s && num((s as { value?: unknown }).value) !== null)
  )
    return steps.map((s) => (s as { value: number }).value);
  return null;
}

/** Reads a JSONL file into rows, naming the first line that is not a JSON object. */
async function readRows(file: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for await (const batch of readJsonl(file)) {
    for (const l of batch) {
      if (l.error !== undefined) throw new Error(`${file}:${l.line}: invalid JSON (${l.error})`);
      const v = l.value;
      if (v === null || typeof v !== "object" || Array.isArray(v))
        throw new Error(`${file}:${l.line}: expected a JSON object`);
      rows.push(v as Record<string, unknown>);
    }
  }
  return rows;
}

const number = (name: string) => (v: string) => {
  const x = Number(v);
  if (!Number.isFinite(x)) throw new InvalidArgumentError(`${name} must be a number, got "${v}"`);
  return x;
};

/** The parsed flags of `rewardkit advantages`. */
interface Flags {
  in?: string;
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

function advantageOptionsOf(f: Flags): AdvantageOptions {
  const options: AdvantageOptions = { whiten: f.whiten };
  for (const k of ["convention", "eps", "std", "scale", "gamma", "lambda"] as const)
    if (f[k] !== undefined) (options as Record<string, unknown>)[k] = f[k];
  return options;
}

/**
 * Runs `rewardkit advantages` on rows read from a file and returns the JSONL text and a one-line summary.
 * @example await runAdvantages({ in: "scored.jsonl", estimator: "grpo", ... })
 */
export async function runAdvantages(f: Flags): Promise<{ text: string; summary: string }> {
  const rows = await readRows(f.in ?? "");
  const rewards = rows.map((r) => num(at(r, f.scoreField)));
  const groups = rows.map((r) => {
    const g = at(r, f.groupField);
    return typeof g === "string" || (typeof g === "number" && Number.isFinite(g)) ? g : null;
  });
  const steps = rows.map((r) => stepsOf(r, f.stepsField));
  const anySteps = steps.some((s) => s !== null);
  const values = rows.map((r) => valuesOf(r, f.valuesField));
  const options = advantageOptionsOf(f);
  const res = computeAdvantages({
    estimator: f.estimator,
    rewards,
    groups,
    ...(anySteps ? { steps } : {}),
    ...(f.estimator === "gae" && values.some((v) => v) ? { values } : {}),
    options,
  });
  let keep: Uint8Array | null = null;
  if (f.dropNoSignal) {
    keep = dynamicSamplingFilter(
      Float64Array.from(rewards, (x) => x ?? Number.NaN),
      groupBy(groups),
    ).rowMask;
  }
  const lines: string[] = [];
  rows.forEach((row, i) => {
    if (keep && !keep[i]) return;
    const out: Record<string, unknown> = { ...row, advantage: res.advantages[i] };
    const sa = res.step_advantages?.[i];
    if (sa) out.step_advantages = sa;
    lines.push(JSON.stringify(out));
  });
  const summary =
    `advantages: ${rows.length} rows, ${res.groups} groups, estimator ${f.estimator}; ` +
    `${res.unscorable.length} unscorable (advantage 0); ${res.no_signal_groups.length} groups with no signal` +
    (keep ? ` (dropped, ${rows.length - lines.length} rows)` : "");
  return { text: lines.length ? `${lines.join("\n")}\n` : "", summary };
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
    .option("--eps <n>", "epsilon added to the std", number("--eps"))
    .addOption(new Option("--std <kind>", "std convention").choices(["unbiased", "population"]))
    .addOption(new Option("--scale <mode>", "GRPO std scaling").choices(["group", "batch", "none"]))
    .option("--gamma <n>", "discount for step-level returns and GAE (default 1)", number("--gamma"))
    .option("--lambda <n>", "GAE lambda (default 1)", number("--lambda"))
    .option("--no-whiten", "GAE: do not whiten advantages over the batch")
    .option("--score-field <path>", "field holding the outcome score", "reward.score")
    .option("--group-field <path>", "field holding the group key", "group")
    .option("--steps-field <path>", "field holding per-step rewards", "reward.steps")
    .option("--values-field <path>", "GAE: field holding per-step values", "values")
    .option("--drop-no-signal", "drop rows of groups whose rewards are all identical (DAPO dynamic sampling)")
    .action(async (flags: Flags & { run?: string }) => {
      try {
        if (flags.run) {
          process.stderr.write(
            `${advantagesForRun(flags.run, flags.estimator, advantageOptionsOf(flags))}\n`,
          );
          return;
        }
        if (!flags.in) throw new Error("give --in FILE or --run DIR");
        const { text, summary } = await runAdvantages(flags);
        if (flags.out) await writeFileAtomic(flags.out, text);
        else process.stdout.write(text);
        process.stderr.write(`${summary}\n`);
      } catch (e) {
        process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
      }
    });
}
