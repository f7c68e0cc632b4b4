import { z } from "zod";
import { fail, ok } from "../core/result.ts";
import { completionText } from "../core/text.ts";
import type { Message, Rollout } from "../core/types.ts";
import { leafKind } from "../spec/define-kind.ts";
import { reducePooled, remoteCall, remoteParams, renderOrThrow } from "./remote-common.ts";

const inputParams = {
  ...remoteParams,
  /** `text`: send `input` (the rendered template); `messages`: send the chat (prompt + completion) for the server's chat template. */
  format: z.enum(["text", "messages"]).default("text"),
  /** The text sent when `format: text` (templated). */
  input: z.string().min(1).default("{{item.prompt}}\n{{sample.output_text}}"),
};

function requestInput(
  r: Rollout,
  p: { format: "text" | "messages"; input: string },
): Record<string, unknown> {
  if (p.format === "text") return { input: renderOrThrow(p.input, r) };
  const prompt: Message[] = Array.isArray(r.prompt)
    ? r.prompt
    : r.prompt !== undefined
      ? [{ role: "user", content: r.prompt }]
      : [];
  const completion: Message[] = Array.isArray(r.completion)
    ? r.completion
    : [{ role: "assistant", content: completionText(r) }];
  return { messages: [...prompt, ...completion] };
}

function firstData(json: unknown): Record<string, unknown> | string {
  const data = (json as { data?: unknown } | null)?.data;
  if (!Array.isArray(data) || data.length === 0) return "no data";
  const d = data[0];
  return d && typeof d === "object" ? (d as Record<string, unknown>) : "data[0] is not an object";
}

/**
 * A sequence-classification reward model behind vLLM's `POST /classify` (`{model, input}` →
 * `data[0].probs`): the score is `probs[class_index]` (default the last class). (vLLM classification API.)
 * @example { kind: remote.classify, base_url: "http://127.0.0.1:8000", class_index: 1 }
 */
export const remoteClassify = leafKind({
  kind: "remote.classify",
  summary: "vLLM /classify reward model: the probability (or logit) of one class.",
  params: z.strictObject({
    ...inputParams,
    /** Which class's value is the reward (negative counts from the end). */
    class_index: z.number().int().default(-1),
    /** Sent as vLLM's `activation` flag (false returns raw logits, as verl does); omitted when absent. */
    activation: z.boolean().optional(),
  }),
  needs: { network: true },
  async score(r, p, ctx) {
    const body: Record<string, unknown> = { ...(p.model ? { model: p.model } : {}), ...requestInput(r, p) };
    if (p.activation !== undefined) body.activation = p.activation;
    const { json, info } = await remoteCall(
      p,
      "remote.classify@1",
      "/classify",
      body,
      (j) => {
        const d = firstData(j);
        if (typeof d === "string") return d;
        return Array.isArray(d.probs) ? undefined : "data[0].probs is not a list";
      },
      ctx,
    );
    const d = firstData(json) as { probs: unknown[]; label?: unknown };
    const i = p.class_index < 0 ? d.probs.length + p.class_index : p.class_index;
    const v = d.probs[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      return fail(
        "upstream",
        `class_index ${p.class_index} is outside the ${d.probs.length} classes returned`,
        { info },
      );
    }
    return ok(v, { info: { ...info, label: d.label, probs: d.probs } });
  },
});

/**
 * A reward model behind vLLM's `POST /pooling` (`data[0].data`: a value, a per-token list, or per-token
 * vectors), reduced to one number: by default the last token's value (sequence reward), or the `column` of
 * each token's vector (e.g. the positive-class probability of a process reward model). (vLLM pooling API.)
 * @example { kind: remote.pooling, base_url: "http://127.0.0.1:8000", format: messages, reduce: last }
 */
export const remotePooling = leafKind({
  kind: "remote.pooling",
  summary: "vLLM /pooling reward model: the pooled output reduced to one number (last token by default).",
  params: z.strictObject({
    ...inputParams,
    reduce: z.enum(["last", "first", "mean", "min", "max", "sum"]).default("last"),
    /** For per-token vectors: which entry of each vector (negative counts from the end). */
    column: z.number().int().default(-1),
  }),
  needs: { network: true },
  async score(r, p, ctx) {
    const body: Record<string, unknown> = { ...(p.model ? { model: p.model } : {}), ...requestInput(r, p) };
    const { json, info } = await remoteCall(
      p,
      "remote.pooling@1",
      "/pooling",
      body,
      (j) => {
        const d = firstData(j);
        if (typeof d === "string") return d;
        return "data" in d ? undefined : "data[0] has no data";
      },
      ctx,
    );
    const d = firstData(json) as { data: unknown };
    const v = reducePooled(d.data, p.reduce, p.column);
    if (typeof v === "string") return fail("upstream", v, { info });
    return ok(v, { info });
  },
});
