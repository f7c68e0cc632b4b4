import { z } from "zod";
import { fail, ok } from "../core/result.ts";
import { completionText, promptText } from "../core/text.ts";
import type { Message, Rollout } from "../core/types.ts";
import { leafKind } from "../spec/define-kind.ts";
import {
  answerPreview,
  askJudge,
  DATA_NOTE,
  judgeInfo,
  judgeParams,
  quoteResponse,
  renderInput,
  templateMessage,
  textModeSuffix,
  unusable,
} from "./judge-common.ts";
import { render, rolloutScope } from "./template.ts";
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

function labelSchema(labels: readonly string[]): Record<string, unknown> {
  return {
    type: "object",
    properties: {
      steps: {
        type: "array",
        items: {
          type: "object",
          properties: { description: { type: "string" }, conclusion: { type: "string" } },
          required: ["description", "conclusion"],
          additionalProperties: false,
        },
      },
      result: { type: "string", enum: [...labels] },
    },
    required: ["steps", "result"],
    additionalProperties: false,
  };
}

function builtInMessages(r: Rollout, p: Params): Message[] | string {
  const instr = render(p.instructions!, rolloutScope(r));
  if (!instr.ok) return instr.missing;
  const shape = `{"steps": [{"description": "...", "conclusion": "..."}], "result": one of ${JSON.stringify(p.labels)}}`;
  const sys =
    `You classify a response with exactly one label from ${JSON.stringify(p.labels)}. ${DATA_NOTE} ` +
    (p.output === "text" ? textModeSuffix(shape) : `Answer as JSON ${shape}.`);
  let user = `Task:\n${promptText(r)}\n\n`;
  if (p.show_reference && r.reference !== undefined) {
    user += `Reference answer:\n${typeof r.reference === "string" ? r.reference : JSON.stringify(r.reference)}\n\n`;
  }
  user += `Response:\n${quoteResponse(completionText(r))}\n\nInstructions:\n${instr.text}`;
  return [
    { role: "system", content: sys },
    { role: "user", content: user },
  ];
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
    let messages: Message[];
    if (p.input) {
      const out = renderInput(p.input, r);
      if ("error" in out) return out.error;
      messages = out.messages;
      if (p.output === "text") {
        messages.push({
          role: "system",
          content: textModeSuffix(`{"result": one of ${JSON.stringify(p.labels)}}`),
        });
      }
    } else {
      const built = builtInMessages(r, p);
      if (typeof built === "string")
        return fail("invalid_input", `template variable {{${built}}} is not defined`);
      messages = built;
    }
    const { backend, answer } = await askJudge(
      p,
      "judge.label@1",
      messages,
      { name: "label", schema: labelSchema(p.labels) },
      ctx,
    );
    const info: Record<string, unknown> = judgeInfo(p, backend, [answer]);
    const bad = unusable(answer, info);
    if (bad) return bad;
    const v = parseLabel(answer.content, p.labels);
    if (!v.ok) return fail("parse", v.reason, { info: { ...info, answer: answerPreview(answer.content) } });
    const passed = p.passing_labels.includes(v.label);
    return ok(passed ? 1 : 0, { info: { ...info, label: v.label, passed } });
  },
});
