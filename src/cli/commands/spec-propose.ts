import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { defaultRegistry } from "../../builtins.ts";
import { RewardkitError } from "../../core/errors.ts";
import type { Message, Rollout } from "../../core/types.ts";
import { writeFileAtomic } from "../../io/atomic.ts";
import { chatComplete } from "../../judges/chat.ts";
import { getBackend } from "../../judges/endpoint.ts";
import {
  type CandidateReport,
  type ChatFn,
  type PairwiseJudge,
  proposeSpec,
} from "../../search/propose-spec.ts";

/** The parsed flags of `rewardkit spec propose`. */
export interface ProposeFlags {
  task: string;
  examples: string;
  labels?: string;
  judge?: boolean;
  endpoint: string;
  model: string;
  rounds: number;
  candidates: number;
  out: string;
  allowUnsafe?: boolean;
}

function readJsonlFile(file: string): Record<string, unknown>[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new RewardkitError("E_IO", [{ path: file, message: e instanceof Error ? e.message : String(e) }]);
  }
  return text
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        const v = JSON.parse(l);
        if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
      } catch {}
      throw new RewardkitError("E_IO", [{ path: `${file}:${i + 1}`, message: "expected a JSON object" }]);
    });
}

/**
 * Runs `rewardkit spec propose`: a model writes candidate specs for the task, refined over rounds by
 * preference feedback (labels, or a pairwise judge), and writes `best.yaml` and `history.jsonl` to `--out`.
 */
export async function runPropose(
  f: ProposeFlags,
): Promise<{ best: CandidateReport | undefined; summary: string }> {
  const task = (() => {
    try {
      return readFileSync(f.task, "utf8");
    } catch (e) {
      throw new RewardkitError("E_IO", [
        { path: f.task, message: e instanceof Error ? e.message : String(e) },
      ]);
    }
  })();
  const rows = readJsonlFile(f.examples);
  const examples = rows.map((r) => {
    const { label: _label, ...rollout } = r;
    return rollout as unknown as Rollout;
  });
  let labels: number[] | undefined;
  const source = f.labels ? readJsonlFile(f.labels) : rows.some((r) => "label" in r) ? rows : undefined;
  if (source) {
    labels = source.map((r, i) => {
      if (typeof r.label !== "number" || !Number.isFinite(r.label))
        throw new RewardkitError("E_IO", [
          { path: `${f.labels ?? f.examples}:${i + 1}`, message: "label must be a number" },
        ]);
      return r.label;
    });
    if (labels.length !== examples.length)
      throw new RewardkitError("E_FLAG_INVALID", [
        { path: "--labels", message: `${labels.length} labels for ${examples.length} examples` },
      ]);
  }
  if (!labels && !f.judge)
    throw new RewardkitError("E_FLAG_INVALID", [
      { path: "--labels", message: "give preference feedback: a labels file (or label fields), or --judge" },
    ]);
  const backend = getBackend({ base_url: f.endpoint, cache: false });
  const ask = async (messages: Message[], seed: number, temperature: number) =>
    (
      await chatComplete(
        backend,
        { model: f.model, messages, sampling: { temperature, seed, max_tokens_field: "max_tokens" } },
        { namespace: "spec.propose@1" },
      )
    ).content;
  const chat: ChatFn = (messages, seed) => ask(messages, seed, 1);
  const judge: PairwiseJudge = async (a, b) => {
    const show = (c: CandidateReport) =>
      `\`\`\`yaml\n${c.text}\n\`\`\`\nScores on the examples: ${JSON.stringify(c.scores)}`;
    const answer = await ask(
      [
        {
          role: "system",
          content:
            'You compare two reward specs for a task. Answer only JSON {"winner": "A"} or {"winner": "B"}.',
        },
        { role: "user", content: `Task:\n${task}\n\nSpec A:\n${show(a)}\n\nSpec B:\n${show(b)}` },
      ],
      0,
      0,
    );
    return /"winner"\s*:\s*"B"/.test(answer) ? "b" : "a";
  };
  const { best, history } = await proposeSpec({
    task,
    examples,
    ...(labels ? { labels } : {}),
    ...(f.judge ? { judge } : {}),
    rounds: f.rounds,
    candidates: f.candidates,
    chat,
    registry: defaultRegistry,
    allowUnsafe: !!f.allowUnsafe,
  });
  mkdirSync(f.out, { recursive: true });
  await writeFileAtomic(
    join(f.out, "history.jsonl"),
    `${history.map((h) => JSON.stringify(h)).join("\n")}\n`,
  );
  if (best) await writeFileAtomic(join(f.out, "best.yaml"), `${best.text}\n`);
  const valid = history.filter((h) => h.ok).length;
  return {
    best,
    summary: best
      ? `${history.length} candidates, ${valid} valid; best: round ${best.round + 1} #${best.index + 1}${best.agreement !== null ? ` (agreement ${best.agreement.toFixed(3)})` : ""} → ${join(f.out, "best.yaml")}`
      : `${history.length} candidates, none valid (see ${join(f.out, "history.jsonl")})`,
  };
}

const int = (name: string) => (v: string) => {
  const x = Number(v);
  if (!Number.isInteger(x) || x < 1)
    throw new InvalidArgumentError(`${name} must be a positive integer, got "${v}"`);
  return x;
};

/** Registers `rewardkit spec propose`. */
export function register(program: Command): void {
  const spec = program.command("spec").description("work on reward specs");
  spec
    .command("propose")
    .description("have a model write reward specs for a task, refined by preference feedback (ICPL)")
    .requiredOption("--task <file>", "task description (markdown)")
    .requiredOption(
      "--examples <file>",
      "JSONL rollouts to run candidates on (an optional numeric label field each)",
    )
    .option("--labels <file>", "JSONL of {label} aligned with the examples (higher = preferred)")
    .option("--judge", "compare candidates with a pairwise judge (the same model) instead of labels")
    .requiredOption("--endpoint <url>", "OpenAI-compatible base URL ending in /v1 (chat completions)")
    .option("--model <name>", "model name", "default")
    .option("--rounds <k>", "refinement rounds", int("--rounds"), 3)
    .option("--candidates <k>", "specs per round", int("--candidates"), 4)
    .option("--allow-unsafe", "also run candidate specs that call the network or execute code")
    .requiredOption("--out <dir>", "where best.yaml and history.jsonl go")
    .action(async (f: ProposeFlags) => {
      const { summary, best } = await runPropose(f);
      process.stderr.write(`${summary}\n`);
      if (!best) process.exitCode = 1;
    });
}
