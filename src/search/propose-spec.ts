import { RewardkitError } from "../core/errors.ts";
import { scoreOne } from "../core/score-batch.ts";
import { treeNeeds } from "../core/reward.ts";
import type { Message, Rollout } from "../core/types.ts";
import { runExamples } from "../spec/examples.ts";
import { lintSpec } from "../spec/lint.ts";
import { parseSpecText } from "../spec/parse.ts";
import type { Registry } from "../spec/registry.ts";
import { compileSpec, type RewardSpec } from "../spec/spec.ts";

/** One candidate spec and what became of it. */
export interface CandidateReport {
  round: number;
  index: number;
  /** The YAML/JSON the model wrote. */
  text: string;
  /** Compiled, allowed and its own examples passed. */
  ok: boolean;
  errors: string[];
  warnings: string[];
  examples: { passed: number; failed: number };
  /** Scores on the provided example rollouts. */
  scores: (number | null)[];
  /** Pairwise agreement with the labels (pairs ordered alike / pairs with different labels); null without labels. */
  agreement: number | null;
}

/** A model call: messages in, text out. */
export type ChatFn = (messages: Message[], seed: number) => Promise<string>;

/** Compares two valid candidates (the judge's preference); returns the preferred one. */
export type PairwiseJudge = (a: CandidateReport, b: CandidateReport) => Promise<"a" | "b">;

/** Options of `proposeSpec`. */
export interface ProposeOptions {
  task: string;
  examples: Rollout[];
  /** One label per example (higher = better): preference feedback from a labels file. */
  labels?: number[];
  /** Or a pairwise judge: preference feedback by comparison. */
  judge?: PairwiseJudge;
  rounds: number;
  candidates: number;
  chat: ChatFn;
  registry: Registry;
  /** Allow candidate specs that call the network or need isolation (judges, code execution). Default false. */
  allowUnsafe?: boolean;
}

/**
 * Pairwise agreement of scores with labels: over pairs with different labels, the fraction the scores order
 * the same way (a tie or an unscorable side counts ½).
 * @example pairwiseAgreement([0.9, 0.1], [1, 0]) // 1
 */
export function pairwiseAgreement(
  scores: readonly (number | null)[],
  labels: readonly number[],
): number | null {
  let pairs = 0;
  let agree = 0;
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) {
      if (labels[i] === labels[j]) continue;
      pairs++;
      const a = scores[i];
      const b = scores[j];
      if (a === null || b === null || a === undefined || b === undefined || a === b) agree += 0.5;
      else if (a > b === labels[i]! > labels[j]!) agree += 1;
    }
  return pairs ? agree / pairs : null;
}

/** The spec text of a model answer: the first fenced yaml/json block, else the whole answer. */
export function extractSpecText(answer: string): string {
  const m = /```(?:ya?ml|json)?\s*\n([\s\S]*?)```/.exec(answer);
  return (m ? m[1]! : answer).trim();
}

/** Compiles, checks and runs one candidate. */
async function evaluate(
  text: string,
  round: number,
  index: number,
  o: ProposeOptions,
): Promise<CandidateReport> {
  const report: CandidateReport = {
    round,
    index,
    text,
    ok: false,
    errors: [],
    warnings: [],
    examples: { passed: 0, failed: 0 },
    scores: [],
    agreement: null,
  };
  let compiled: ReturnType<typeof compileSpec>;
  try {
    compiled = compileSpec(parseSpecText(text, "candidate"), { registry: o.registry });
  } catch (e) {
    report.errors =
      e instanceof RewardkitError ? e.issues.map((i) => `${i.path}: ${i.message}`) : [String(e)];
    return report;
  }
  const needs = treeNeeds(compiled.reward);
  if (!o.allowUnsafe && (needs.network || needs.isolation)) {
    report.errors.push(
      `uses ${needs.network ? "the network" : "isolated execution"}; written by a model, it is not run (allow it explicitly)`,
    );
    return report;
  }
  report.warnings = lintSpec((compiled.spec as RewardSpec).reward).map((w) => `${w.path}: ${w.message}`);
  const outcomes = await runExamples(compiled);
  report.examples = {
    passed: outcomes.filter((x) => x.passed).length,
    failed: outcomes.filter((x) => !x.passed).length,
  };
  for (const x of outcomes) if (!x.passed) report.errors.push(`example ${x.name}: ${x.problems.join("; ")}`);
  for (const r of o.examples) report.scores.push((await scoreOne(compiled.reward, r, {})).score);
  if (o.labels) report.agreement = pairwiseAgreement(report.scores, o.labels);
  report.ok = report.examples.failed === 0;
  return report;
}

function kindsList(registry: Registry): string {
  return registry
    .list()
    .map((k) => `- ${k.kind}: ${k.summary}`)
    .join("\n");
}

function prompt(
  o: ProposeOptions,
  round: number,
  best: CandidateReport | undefined,
  last: CandidateReport[],
): Message[] {
  let user = `Task:\n${o.task}\n\nRound ${round + 1} of ${o.rounds}. Write one rewardkit reward spec in YAML (name, reward, examples) inside a \`\`\`yaml block.\n`;
  if (best)
    user += `\nBest spec so far (agreement with preferences: ${best.agreement ?? "n/a"}):\n\`\`\`yaml\n${best.text}\n\`\`\`\n`;
  const failed = last.filter((c) => !c.ok);
  if (failed.length)
    user += `\nProblems of the last round's candidates:\n${failed.map((c) => `- ${c.errors.slice(0, 3).join(" | ")}`).join("\n")}\n`;
  return [
    {
      role: "system",
      content: `You write reward specifications for rewardkit. Available reward kinds:\n${kindsList(o.registry)}`,
    },
    { role: "user", content: user },
  ];
}

/** Ranks valid candidates: agreement with labels, then fewer lint warnings; invalid ones last. */
function better(a: CandidateReport, b: CandidateReport): boolean {
  if (a.ok !== b.ok) return a.ok;
  const x = a.agreement ?? -1;
  const y = b.agreement ?? -1;
  if (x !== y) return x > y;
  return a.warnings.length < b.warnings.length;
}

/**
 * In-context preference learning for reward specs: each round the model writes `candidates` specs from the
 * task (and the best spec so far plus the last round's problems); each is compiled, linted and run on its own
 * examples and on the example rollouts; preference feedback (agreement with a labels file, or a pairwise
 * judge against the incumbent) picks the best. Returns the best candidate and the whole history.
 * (ICPL, Yu et al., arXiv 2410.17233)
 * @example await proposeSpec({ task, examples, labels, rounds: 3, candidates: 4, chat, registry: defaultRegistry })
 */
export async function proposeSpec(
  o: ProposeOptions,
): Promise<{ best: CandidateReport | undefined; history: CandidateReport[] }> {
  const history: CandidateReport[] = [];
  let best: CandidateReport | undefined;
  let last: CandidateReport[] = [];
  for (let round = 0; round < o.rounds; round++) {
    const msgs = prompt(o, round, best, last);
    last = [];
    for (let i = 0; i < o.candidates; i++) {
      const answer = await o.chat(msgs, round * o.candidates + i);
      const c = await evaluate(extractSpecText(answer), round, i, o);
      last.push(c);
      history.push(c);
      if (!c.ok) continue;
      if (!best) best = c;
      else if (o.judge && !o.labels) {
        if ((await o.judge(best, c)) === "b") best = c;
      } else if (better(c, best)) best = c;
    }
  }
  return { best, history };
}
