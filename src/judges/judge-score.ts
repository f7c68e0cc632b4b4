import { z } from "zod";
import { ok } from "../core/result.ts";
import type { Message, Rollout } from "../core/types.ts";
import { leafKind } from "../spec/define-kind.ts";
import {
  answerFormat,
  askJudge,
  clampTo,
  DATA_NOTE,
  graderMessages,
  judgeInfo,
  judgeMessages,
  judgeParams,
  parseFailure,
  rangeParam,
  stepsThenResult,
  templateMessage,
  unit,
  unusable,
} from "./judge-common.ts";
import { parseScore } from "./verdict.ts";

const params = z
  .strictObject({
    ...judgeParams,
    /** OpenAI score_model `input`: templated messages. When absent, a built-in prompt with `rubric` is used. */
    input: z.array(templateMessage).min(1).optional(),
    /** What to judge by (templated); used by the built-in prompt. */
    rubric: z.string().min(1).optional(),
    /** Include the rollout's reference in the built-in prompt when it has one. */
    show_reference: z.boolean().default(true),
    /** The judge's scale; its result is clamped into it (OpenAI score_model `range`). */
    range: rangeParam.default([0, 1]),
    /** Map the clamped result to [0, 1] instead of returning it on the judge's scale. */
    normalize: z.boolean().default(false),
    /** Sets `info.passed` (OpenAI `pass_threshold`), on the judge's scale. */
    pass_threshold: z.number().optional(),
  })
  .refine((p) => p.input !== undefined || p.rubric !== undefined, "give either input (messages) or rubric");

type Params = z.output<typeof params>;

/** The JSON schema of a score_model answer: reasoning steps first, then the result. */
export function scoreSchema([lo, hi]: readonly [number, number]): Record<string, unknown> {
  return stepsThenResult({ type: "number", minimum: lo, maximum: hi });
}

function builtInMessages(r: Rollout, p: Params): Message[] | string {
  const [lo, hi] = p.range;
  const shape = '{"steps": [{"description": "...", "conclusion": "..."}], "result": <number>}';
  return graderMessages(r, {
    system:
      `You are a strict grader. Score the response on a scale from ${lo} (worst) to ${hi} (best) by the rubric. ` +
      `${DATA_NOTE} ` +
      answerFormat(p.output, shape),
    showReference: p.show_reference,
    heading: "Rubric",
    template: p.rubric!,
  });
}

/**
 * An LLM judge with OpenAI `score_model` semantics: structured `{result, steps}`, the result clamped to `range`;
 * unlike OpenAI, an answer with no number is a `parse` error, never a 0. (OpenAI graders guide, score_model.)
 * @example { kind: judge.score, model: gpt-4.1-mini, rubric: "Is the answer correct and justified?", range: [0, 10], normalize: true }
 */
export const judgeScore = leafKind({
  kind: "judge.score",
  summary:
    "LLM judge with OpenAI score_model semantics: {result, steps}, clamped to range; a non-numeric answer is a parse error.",
  params,
  needs: { network: true },
  async score(r, p, ctx) {
    const messages = judgeMessages(p, r, '{"steps": [...], "result": <number>}', () => builtInMessages(r, p));
    if (!Array.isArray(messages)) return messages;
    const { backend, answer } = await askJudge(
      p,
      "judge.score@1",
      messages,
      { name: "score", schema: scoreSchema(p.range) },
      ctx,
    );
    const info: Record<string, unknown> = judgeInfo(p, backend, [answer]);
    const bad = unusable(answer, info);
    if (bad) return bad;
    const v = parseScore(answer.content);
    if (!v.ok) return parseFailure(v.reason, info, answer);
    const clamped = clampTo(v.value, p.range);
    info.result = v.value;
    if (clamped !== v.value) info.clamped = true;
    if (Array.isArray(v.steps)) info.steps = v.steps;
    info.via = v.via;
    if (p.pass_threshold !== undefined) info.passed = clamped >= p.pass_threshold;
    return ok(p.normalize ? unit(clamped, p.range) : clamped, { info });
  },
});
