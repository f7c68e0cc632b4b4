import { z } from "zod";
import { fail, ok } from "../core/result.ts";
import { completionText } from "../core/text.ts";
import type { Message, Rollout } from "../core/types.ts";
import { leafKind } from "../spec/define-kind.ts";
import {
  answerFormat,
  askJudge,
  clampTo,
  DATA_NOTE,
  judgeInfo,
  judgeParams,
  missingVariable,
  parseFailure,
  quoteResponse,
  rangeParam,
  strictSchema,
  unit,
  unusable,
} from "./judge-common.ts";
import { render, rolloutScope } from "./template.ts";
import { answerObject, asNumber, brief } from "./verdict.ts";

const params = z.strictObject({
  ...judgeParams,
  task: z.string().min(1).default("{{item.prompt}}"),
  /** Splits the completion into steps when the rollout has no `steps` with text. */
  separator: z.string().min(1).default("\n\n"),
  /** More steps than this is an `invalid_input` error (a judge cannot keep long lists aligned). */
  max_steps: z.number().int().min(1).max(256).default(64),
  /** The judge's per-step scale; step rewards are mapped to [0, 1]. */
  range: rangeParam.default([0, 1]),
  /**
   * How step rewards make the score: `min` (PURE's min-form credit, arXiv 2504.15275: farming high-scoring steps
   * cannot raise it), `mean`, `last`, or `product`.
   */
  aggregate: z.enum(["min", "mean", "last", "product"]).default("min"),
  /** What the judge checks in each step (templated). */
  instructions: z
    .string()
    .min(1)
    .default("Judge whether each step is correct and useful given the task and the steps before it."),
});

/** The steps of a rollout: its `steps[].text`, else the completion split on `separator` (empty pieces dropped). */
export function rolloutSteps(r: Rollout, separator: string): string[] {
  if (Array.isArray(r.steps) && r.steps.length > 0 && r.steps.every((s) => typeof s?.text === "string")) {
    return r.steps.map((s) => s.text as string);
  }
  return completionText(r)
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Reads exactly `n` step scores from `{"steps": [x | {"score": x}]}` (or `scores`, or a bare array). */
function readStepScores(text: string, n: number): number[] | string {
  const obj = answerObject(text);
  let list: unknown = obj?.steps ?? obj?.scores;
  if (list === undefined) {
    const t = text.trim();
    const open = t.lastIndexOf("[");
    if (open >= 0) {
      try {
        list = JSON.parse(t.slice(open, t.lastIndexOf("]") + 1));
      } catch {
        list = undefined;
      }
    }
  }
  if (!Array.isArray(list)) return `no list of step scores in the answer (${brief(text)})`;
  if (list.length !== n) return `the judge scored ${list.length} steps, the rollout has ${n}`;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const item = list[i];
    const v = asNumber(item && typeof item === "object" ? (item as Record<string, unknown>).score : item);
    if (v === undefined) return `step ${i + 1} has no numeric score: ${brief(item)}`;
    out.push(v);
  }
  return out;
}

/**
 * A process judge: scores each step of a rollout, returns them in `steps` (mapped to [0, 1]) and aggregates
 * them, by default with the minimum (PURE min-form credit, arXiv 2504.15275: `V = min_k r_k`).
 * @example { kind: judge.steps, model: m, aggregate: min }
 */
export const judgeSteps = leafKind({
  kind: "judge.steps",
  summary:
    "Process judge: one score per reasoning step into `steps`, aggregated by min (default), mean, last or product.",
  params,
  needs: { network: true },
  async score(r, p, ctx) {
    const scope = rolloutScope(r);
    const task = render(p.task, scope);
    if (!task.ok) return missingVariable(task.missing);
    const instr = render(p.instructions, scope);
    if (!instr.ok) return missingVariable(instr.missing);
    const steps = rolloutSteps(r, p.separator);
    if (steps.length === 0) return fail("invalid_input", "the rollout has no steps to judge");
    if (steps.length > p.max_steps) {
      return fail(
        "invalid_input",
        `the rollout has ${steps.length} steps, more than max_steps=${p.max_steps}`,
      );
    }
    const [lo, hi] = p.range;
    const n = steps.length;
    const shape = `{"steps": [{"step": 1, "score": <number>}, ... one entry per step, ${n} in all]}`;
    const messages: Message[] = [
      {
        role: "system",
        content:
          `You are a process judge. ${instr.text} Score every step from ${lo} (wrong or harmful) to ${hi} ` +
          `(correct and useful). ${DATA_NOTE} ` +
          answerFormat(p.output, shape),
      },
      {
        role: "user",
        content: `Task:\n${task.text}\n\nSteps:\n${steps.map((s, i) => `Step ${i + 1}:\n${quoteResponse(s)}`).join("\n\n")}`,
      },
    ];
    const schema = strictSchema({
      steps: {
        type: "array",
        minItems: n,
        maxItems: n,
        items: strictSchema({
          step: { type: "integer" },
          score: { type: "number", minimum: lo, maximum: hi },
        }),
      },
    });
    const { backend, answer } = await askJudge(
      p,
      "judge.steps@1",
      messages,
      { name: "step_scores", schema },
      ctx,
    );
    const info: Record<string, unknown> = judgeInfo(p, backend, [answer]);
    const bad = unusable(answer, info);
    if (bad) return bad;
    const raw = readStepScores(answer.content, n);
    if (typeof raw === "string") return parseFailure(raw, info, answer);
    const per = raw.map((x) => unit(clampTo(x, p.range), p.range));
    let score: number;
    if (p.aggregate === "min") score = Math.min(...per);
    else if (p.aggregate === "mean") score = per.reduce((s, x) => s + x, 0) / n;
    else if (p.aggregate === "last") score = per[n - 1]!;
    else score = per.reduce((s, x) => s * x, 1);
    return ok(score, { steps: per, info: { ...info, raw_steps: raw, step_count: n } });
  },
});
