import { RewardFailure } from "../core/result.ts";
import type { MaybePromise } from "../core/types.ts";

/** What a generator is asked for: `n` continuations of a prompt, stopping at `stop` (not included). */
export interface GenerateOptions {
  n: number;
  stop?: string[];
  maxTokens?: number;
  temperature?: number;
  /** Same seed, same prompt ⇒ same continuations (passed to the endpoint's `seed`). */
  seed?: number;
  signal?: AbortSignal;
}

/**
 * The text source a search steers: `n` continuations of a prompt. An empty continuation means the
 * generator has nothing more to add (end of text).
 * @example const g = functionGenerator((prompt, o) => Array.from({ length: o.n }, (_, i) => `${i}`));
 */
export interface Generator {
  generate(prompt: string, o: GenerateOptions): Promise<string[]>;
}

/**
 * A generator from a TypeScript function.
 * @example functionGenerator((p, o) => Array(o.n).fill("a"))
 */
export function functionGenerator(
  f: (prompt: string, o: GenerateOptions) => MaybePromise<string[]>,
): Generator {
  return {
    async generate(prompt, o) {
      const out = await f(prompt, o);
      if (!Array.isArray(out) || out.length !== o.n || out.some((x) => typeof x !== "string"))
        throw new RewardFailure(
          "invalid_input",
          `generator returned ${JSON.stringify(out).slice(0, 80)}, want ${o.n} strings`,
        );
      return out;
    },
  };
}

/** Where an OpenAI-compatible completions endpoint is. */
export interface CompletionsEndpoint {
  /** Base URL ending in `/v1` (the request goes to `${baseUrl}/completions`). */
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
}

/**
 * A generator over an OpenAI-compatible `POST /v1/completions` endpoint (vLLM, SGLang, TGI, llama.cpp, …):
 * one request per call with `n`, `stop`, `max_tokens`, `temperature` and `seed`; choices ordered by `index`.
 * Non-2xx answers and malformed bodies are `upstream` failures.
 * @example completionsGenerator({ baseUrl: "http://127.0.0.1:8000/v1", model: "qwen" })
 */
export function completionsGenerator(e: CompletionsEndpoint): Generator {
  return {
    async generate(prompt, o) {
      const body: Record<string, unknown> = { model: e.model, prompt, n: o.n };
      if (o.stop?.length) body.stop = o.stop;
      if (o.maxTokens !== undefined) body.max_tokens = o.maxTokens;
      if (o.temperature !== undefined) body.temperature = o.temperature;
      if (o.seed !== undefined) body.seed = o.seed;
      const signals = [AbortSignal.timeout(e.timeoutMs ?? 120_000), ...(o.signal ? [o.signal] : [])];
      let res: Response;
      try {
        res = await fetch(`${e.baseUrl.replace(/\/$/, "")}/completions`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(e.apiKey ? { authorization: `Bearer ${e.apiKey}` } : {}),
          },
          body: JSON.stringify(body),
          signal: AbortSignal.any(signals),
        });
      } catch (err) {
        throw new RewardFailure(
          "upstream",
          `completions request failed: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      const text = await res.text();
      if (!res.ok)
        throw new RewardFailure(
          "upstream",
          `completions endpoint answered ${res.status}: ${text.slice(0, 200)}`,
        );
      let json: { choices?: { index?: number; text?: unknown }[] };
      try {
        json = JSON.parse(text);
      } catch {
        throw new RewardFailure("upstream", "completions endpoint returned malformed JSON");
      }
      const choices = Array.isArray(json.choices) ? [...json.choices] : [];
      if (choices.length !== o.n || choices.some((c) => typeof c.text !== "string"))
        throw new RewardFailure(
          "upstream",
          `completions endpoint returned ${choices.length} choices, asked for ${o.n}`,
        );
      choices.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
      return choices.map((c) => c.text as string);
    },
  };
}
