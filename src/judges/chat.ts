import { z } from "zod";
import type { Message } from "../core/types.ts";
import type { Backend, Usage } from "./backend.ts";
import { UpstreamError } from "./upstream-error.ts";

/** Sampling parameters that change a judge's answer (all go into the request and so into the cache key). */
export const samplingParams = z
  .strictObject({
    /** 0 by default: a reward should be as repeatable as the backend allows. */
    temperature: z.number().min(0).max(2).default(0),
    top_p: z.number().gt(0).max(1).optional(),
    seed: z.number().int().optional(),
    max_tokens: z.number().int().min(1).optional(),
    /** For reasoning models (OpenAI `reasoning_effort`). */
    reasoning_effort: z.enum(["minimal", "low", "medium", "high"]).optional(),
    /** Name of the length field: `max_tokens` (vLLM, SGLang, Ollama) or `max_completion_tokens` (OpenAI o-series). */
    max_tokens_field: z.enum(["max_tokens", "max_completion_tokens"]).default("max_tokens"),
  })
  .default({ temperature: 0, max_tokens_field: "max_tokens" });

/** Parsed sampling parameters. */
export type SamplingParams = z.output<typeof samplingParams>;

/** A chat completion request in the OpenAI format. */
export interface ChatRequest {
  model: string;
  messages: Message[];
  sampling: SamplingParams;
  /** OpenAI `response_format` (e.g. a JSON schema for structured outputs). */
  responseFormat?: unknown;
}

/** The judge's answer plus what the call cost. */
export interface ChatAnswer {
  content: string;
  refusal: string | null;
  finishReason: string | null;
  usage: Usage | undefined;
  cached: boolean;
  deduped: boolean;
  attempts: number;
  latencyMs: number;
}

/** The request body of a chat completion. */
export function chatBody(req: ChatRequest): Record<string, unknown> {
  const s = req.sampling;
  const body: Record<string, unknown> = {
    model: req.model,
    messages: req.messages,
    temperature: s.temperature,
  };
  if (s.top_p !== undefined) body.top_p = s.top_p;
  if (s.seed !== undefined) body.seed = s.seed;
  if (s.max_tokens !== undefined) body[s.max_tokens_field] = s.max_tokens;
  if (s.reasoning_effort !== undefined) body.reasoning_effort = s.reasoning_effort;
  if (req.responseFormat !== undefined) body.response_format = req.responseFormat;
  return body;
}

function validateChat(json: unknown): string | undefined {
  const choices = (json as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices) || choices.length === 0) return "no choices";
  const msg = (choices[0] as { message?: unknown } | null)?.message as { content?: unknown } | undefined;
  if (!msg || typeof msg !== "object") return "choices[0] has no message";
  if (msg.content != null && typeof msg.content !== "string") return "message content is not a string";
  return undefined;
}

/**
 * One chat completion through a backend (limits, retries, cache, de-duplication), reduced to the text answer.
 * @example const a = await chatComplete(backend, { model: "m", messages, sampling }, { namespace: "judge.score@1", signal });
 */
export async function chatComplete(
  backend: Backend,
  req: ChatRequest,
  opts: { namespace: string; signal?: AbortSignal },
): Promise<ChatAnswer> {
  const body = chatBody(req);
  const chars = JSON.stringify(req.messages).length;
  // About 4 characters per token; an estimate only for the tokens-per-minute budget.
  const estimatedTokens = Math.ceil(chars / 4) + (req.sampling.max_tokens ?? 512);
  const r = await backend.call("/chat/completions", body, {
    namespace: opts.namespace,
    estimatedTokens,
    validate: validateChat,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const json = r.json as {
    choices: {
      message: { content?: string | null; refusal?: string | null };
      finish_reason?: string | null;
    }[];
    usage?: { prompt_tokens?: number; completion_tokens?: number };
  };
  const choice = json.choices[0];
  if (!choice) throw new UpstreamError("upstream", "no choices");
  const usage = json.usage
    ? { prompt_tokens: json.usage.prompt_tokens ?? 0, completion_tokens: json.usage.completion_tokens ?? 0 }
    : undefined;
  return {
    content: choice.message.content ?? "",
    refusal: typeof choice.message.refusal === "string" ? choice.message.refusal : null,
    finishReason: choice.finish_reason ?? null,
    usage,
    cached: r.cached,
    deduped: r.deduped,
    attempts: r.attempts,
    latencyMs: r.latencyMs,
  };
}

/** Per-call accounting for `info.usage`: tokens, whether it was served from cache or a shared call, and cost. */
export interface UsageInfo {
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  cached_calls: number;
  deduped_calls: number;
  cost_usd: number;
}

/** Sums the accounting of several calls; cached answers cost nothing. */
export function usageInfo(backend: Backend, answers: readonly ChatAnswer[]): UsageInfo {
  const out: UsageInfo = {
    calls: answers.length,
    prompt_tokens: 0,
    completion_tokens: 0,
    cached_calls: 0,
    deduped_calls: 0,
    cost_usd: 0,
  };
  for (const a of answers) {
    if (a.usage) {
      out.prompt_tokens += a.usage.prompt_tokens;
      out.completion_tokens += a.usage.completion_tokens;
    }
    if (a.cached) out.cached_calls++;
    else if (a.deduped) out.deduped_calls++;
    else out.cost_usd += backend.cost(a.usage);
  }
  return out;
}
