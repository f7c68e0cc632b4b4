import { z } from "zod";
import { ok } from "../core/result.ts";
import type { Message, Rollout } from "../core/types.ts";
import { leafKind } from "../spec/define-kind.ts";
import {
  answerFormat,
  askJudge,
  DATA_NOTE,
  graderMessages,
  judgeInfo,
  judgeMessages,
  judgeParams,
  parseFailure,
  stepsThenResult,
  templateMessage,
  unusable,
} from "./judge-common.ts";
import { parseLabel } from "./verdict.ts";

const params = z
  .strictObject({
    ...judgeParams,
    /** OpenAI label_model `input`: templated messages. When absent, a built-in prompt with `instructions` is used. */
    input: z.array(templateMessage).min(1).optional(),
    /** What decides the label (templated); used by the built-in prompt. */
    instructions: z.string().min(1).optional(),
    labels: z.array(z.string().min(1)).min(2),
    /** Labels that score 1; every other label scores 0. */
    passing_labels: z.array(z.string().min(1)).min(1),
    show_reference: z.boolean().default(true),
  })
  .refine(
    (p) => p.input !== undefined || p.instructions !== undefined,
    "give either input (messages) or instructions",
  )
  .refine((p) => p.passing_labels.every((l) => p.labels.includes(l)), {
    message: "passing_labels must be a subset of labels",
    path: ["passing_labels"],
  })
  .refine((p) => new Set(p.labels.map((l) => l.trim().toLowerCase())).size === p.labels.length, {
    message: "labels must differ (case-insensitively)",
    path: ["labels"],
  });

type Params = z.output<typeof params>;

function builtInMessages(r: Rollout, p: Params): Message[] | string {
  const shape = `{"steps": [{"description": "...", "conclusion": "..."}], "result": one of ${JSON.stringify(p.labels)}}`;
  return graderMessages(r, {
    system:
      `You classify a response with exactly one label from ${JSON.stringify(p.labels)}. ${DATA_NOTE} ` +
      answerFormat(p.output, shape),
    showReference: p.show_reference,
    heading: "Instructions",
    template: p.instructions!,
  });
}

/**
 * An LLM judge that picks one of `labels` (OpenAI `label_model`): 1 when the label is in `passing_labels`, else 0;
 * an answer naming no label is a `parse` error. (OpenAI graders guide, label_model.)
 * @example { kind: judge.label, model: gpt-4.1-mini, instructions: "Is it correct?", labels: [correct, incorrect], passing_labels: [correct] }
 */
export const judgeLabel = leafKind({
  kind: "judge.label",
  summary: "LLM judge with OpenAI label_model semantics: 1 for a passing label, 0 for another label.",
  params,
  needs: { network: true },
  async score(r, p, ctx) {
    const messages = judgeMessages(p, r, `{"result": one of ${JSON.stringify(p.labels)}}`, () =>
      builtInMessages(r, p),
    );
    if (!Array.isArray(messages)) return messages;
    const { backend, answer } = await askJudge(
      p,
      "judge.label@1",
      messages,
      { name: "label", schema: stepsThenResult({ type: "string", enum: [...p.labels] }) },
      ctx,
    );
    const info: Record<string, unknown> = judgeInfo(p, backend, [answer]);
    const bad = unusable(answer, info);
    if (bad) return bad;
    const v = parseLabel(answer.content, p.labels);
    if (!v.ok) return parseFailure(v.reason, info, answer);
    const passed = p.passing_labels.includes(v.label);
    return ok(passed ? 1 : 0, { info: { ...info, label: v.label, passed } });
  },
});
