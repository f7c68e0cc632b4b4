import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import { RewardkitError } from "../../core/errors.ts";
import type { Rollout } from "../../core/types.ts";
import { writeFileAtomic } from "../../io/atomic.ts";
import { readJsonl } from "../../io/jsonl.ts";
import { completionsGenerator, type Generator } from "../../search/generator.ts";
import { rewardObjective } from "../../search/objective.ts";
import {
  parseLevels,
  runSearchMethod,
  SEARCH_METHODS,
  type SearchConfig,
  type SearchMethod,
} from "../../search/run.ts";
import { loadSpecFile } from "../../runtime/spec-file.ts";

/** The parsed flags of `rewardkit search`: the method's knobs (levels still as text) and where things are. */
export interface SearchFlags extends Omit<SearchConfig, "levels"> {
  spec: string;
  processSpec?: string;
  in: string;
  out: string;
  endpoint: string;
  model: string;
  apiKey?: string;
  levels: string;
}

/**
 * Runs `rewardkit search`: for every prompt row of `--in` (a rollout without its completion: `prompt`, and
 * whatever the reward reads, e.g. `reference`), searches the generator's continuations for the one the spec's
 * reward scores highest, and writes each row with a `search` field (best, finalists, budget spent).
 * `generator` replaces the endpoint (tests, or a TypeScript model).
 */
export async function runSearch(
  f: SearchFlags,
  generator?: Generator,
): Promise<{ rows: number; summary: string }> {
  const { reward } = loadSpecFile(f.spec);
  const processSpec = f.processSpec ? loadSpecFile(f.processSpec).reward : undefined;
  const gen =
    generator ??
    completionsGenerator({ baseUrl: f.endpoint, model: f.model, ...(f.apiKey ? { apiKey: f.apiKey } : {}) });
  const config: SearchConfig = { ...f, levels: f.method === "hierarchical" ? parseLevels(f.levels) : [] };
  const out: string[] = [];
  let found = 0;
  for await (const batch of readJsonl(f.in)) {
    for (const l of batch) {
      if (l.error !== undefined)
        throw new RewardkitError("E_IO", [
          { path: `${f.in}:${l.line}`, message: `invalid JSON (${l.error})` },
        ]);
      const row = l.value as Record<string, unknown>;
      if (!row || typeof row !== "object" || typeof row.prompt !== "string")
        throw new RewardkitError("E_IO", [
          { path: `${f.in}:${l.line}`, message: "expected an object with a string prompt" },
        ]);
      const base = row as Omit<Rollout, "completion">;
      const r = await runSearchMethod(
        gen,
        row.prompt,
        rewardObjective(reward, base),
        processSpec ? rewardObjective(processSpec, base) : undefined,
        config,
      );
      if (r.best.score !== null) found++;
      out.push(JSON.stringify({ ...row, completion: r.best.text, search: { method: f.method, ...r } }));
    }
  }
  await writeFileAtomic(f.out, out.length ? `${out.join("\n")}\n` : "");
  return {
    rows: out.length,
    summary: `${out.length} prompts searched (${f.method}), ${found} with a scored best → ${f.out}`,
  };
}

const int = (name: string) => (v: string) => {
  const x = Number(v);
  if (!Number.isInteger(x) || x < 1)
    throw new InvalidArgumentError(`${name} must be a positive integer, got "${v}"`);
  return x;
};
const num = (name: string) => (v: string) => {
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0)
    throw new InvalidArgumentError(`${name} must be a number ≥ 0, got "${v}"`);
  return x;
};

/** Registers `rewardkit search`. */
export function register(program: Command): void {
  program
    .command("search")
    .description(
      "reward-guided search over a generator's continuations (best-of-n, beam, tree, hierarchical)",
    )
    .requiredOption("--spec <file>", "reward spec that scores finished candidates")
    .option(
      "--process-spec <file>",
      "reward spec that scores partial candidates (beam search's process reward)",
    )
    .requiredOption("--in <file>", "JSONL of prompt rows ({prompt, reference, ...})")
    .requiredOption("--out <file>", "JSONL output (written atomically)")
    .requiredOption("--endpoint <url>", "OpenAI-compatible base URL ending in /v1 (POST /completions)")
    .option("--model <name>", "model name sent to the endpoint", "default")
    .option("--api-key <key>", "bearer token for the endpoint")
    .addOption(new Option("--method <m>", "search method").choices([...SEARCH_METHODS]).default("best-of-n"))
    .option("--n <k>", "best-of-n: samples", int("--n"), 16)
    .option("--width <k>", "beam: beams kept", int("--width"), 4)
    .option("--expand <k>", "beam: samples per beam per step", int("--expand"), 4)
    .option("--steps <k>", "beam/tree: steps per candidate", int("--steps"), 8)
    .option("--delimiter <s>", "what ends a step", "\n")
    .option("--iterations <k>", "tree: rollouts", int("--iterations"), 64)
    .option("--max-children <k>", "tree: children per node", int("--max-children"), 4)
    .option("--lambda <x>", "tree: inverse temperature of selection and soft backup", num("--lambda"), 4)
    .addOption(
      new Option("--mode <m>", "tree: sample (DTS) or search (DTS*)")
        .choices(["sample", "search"])
        .default("search"),
    )
    .option("--levels <spec>", "hierarchical: n:keep per level, coarse first", "8:2,4:1")
    .option("--seed <k>", "seed passed to the generator", (v) => Number(v), 0)
    .action(async (f: SearchFlags) => {
      const { summary } = await runSearch(f);
      process.stderr.write(`${summary}\n`);
    });
}
