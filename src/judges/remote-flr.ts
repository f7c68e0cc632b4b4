import { z } from "zod";
import { fail, ok, RewardFailure } from "../core/result.ts";
import type { RewardContext, Rollout } from "../core/types.ts";
import { leafKind } from "../spec/define-kind.ts";
import { remoteCall, remoteParams, renderOrThrow } from "./remote-common.ts";

/**
 * Default follow-ups. Written for this library as examples of satisfied and dissatisfied users; they are NOT the
 * paper's lists (UNCONFIRMED), so pass your own for serious use.
 */
export const DEFAULT_POSITIVE_FOLLOWUPS = [
  "Thank you, that is exactly what I needed.",
  "Great, that answers my question.",
  "Perfect, that works.",
];
/** See `DEFAULT_POSITIVE_FOLLOWUPS`. */
export const DEFAULT_NEGATIVE_FOLLOWUPS = [
  "That is not what I asked.",
  "This is wrong.",
  "You did not answer my question.",
];

const params = z.strictObject({
  ...remoteParams,
  model: z.string().min(1),
  /** The conversation up to the user's next turn (templated); each follow-up is appended after one space. */
  template: z.string().min(1).default("User: {{item.prompt}}\nAssistant: {{sample.output_text}}\nUser:"),
  positive: z.array(z.string().min(1)).min(1).default(DEFAULT_POSITIVE_FOLLOWUPS),
  negative: z.array(z.string().min(1)).default(DEFAULT_NEGATIVE_FOLLOWUPS),
  /** Divide each follow-up's log-likelihood by its token count (off by default: UNCONFIRMED which the paper uses). */
  length_normalize: z.boolean().default(false),
  /** Tokens generated per request (some servers reject 0); generated tokens are never counted. */
  max_tokens: z.number().int().min(0).default(1),
});

type Params = z.output<typeof params>;

/**
 * Sums the log-probabilities of the prompt tokens that start inside `[from, to)` from an OpenAI completions
 * `logprobs` object (`tokens`, `token_logprobs`, `text_offset`, as returned with `echo: true`).
 * @example spanLogLikelihood({ tokens: ["a", " b"], token_logprobs: [null, -0.5], text_offset: [0, 1] }, 1, 3) // { sum: -0.5, count: 1 }
 */
export function spanLogLikelihood(
  logprobs: unknown,
  from: number,
  to: number,
): { sum: number; count: number } | string {
  const lp = logprobs as { tokens?: unknown; token_logprobs?: unknown; text_offset?: unknown } | null;
  if (!lp || !Array.isArray(lp.token_logprobs) || !Array.isArray(lp.text_offset)) {
    return "the answer has no logprobs with text_offset (does the server support echo with logprobs?)";
  }
  let sum = 0;
  let count = 0;
  for (let i = 0; i < lp.text_offset.length; i++) {
    const off = lp.text_offset[i];
    if (typeof off !== "number" || off < from || off >= to) continue;
    const v = lp.token_logprobs[i];
    if (typeof v !== "number" || !Number.isFinite(v))
      return `token ${i} of the follow-up has no log-probability`;
    sum += v;
    count++;
  }
  if (count === 0) return "no token of the follow-up was returned";
  return { sum, count };
}

/**
 * FLR from per-follow-up log-likelihoods: `mean(LL⁺) − mean(LL⁻)` (just `mean(LL⁺)` with no negatives).
 * (Follow-up Likelihood as Reward, arXiv 2409.13948; the exact form is UNCONFIRMED.)
 * @example flrScore([-1, -3], [-4]) // (-1 + -3)/2 - (-4) = 2
 */
export function flrScore(pos: readonly number[], neg: readonly number[]): number {
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return neg.length ? mean(pos) - mean(neg) : mean(pos);
}

async function followupLL(
  p: Params,
  prefix: string,
  followup: string,
  ctx: RewardContext,
): Promise<{ ll: number; cached: boolean }> {
  const text = `${prefix} ${followup}`;
  const { json, info } = await remoteCall(
    p,
    "remote.flr@1",
    "/completions",
    { model: p.model, prompt: text, max_tokens: p.max_tokens, echo: true, logprobs: 0, temperature: 0 },
    (j) => {
      const c = (j as { choices?: unknown } | null)?.choices;
      return Array.isArray(c) && c.length > 0 ? undefined : "no choices";
    },
    ctx,
  );
  const choice = (json as { choices: { logprobs?: unknown }[] }).choices[0]!;
  // The follow-up starts after the separating space; its first token carries that space.
  const span = spanLogLikelihood(choice.logprobs, prefix.length, text.length);
  if (typeof span === "string") throw new RewardFailure("upstream", span);
  const usage = info.usage as { cached_calls: number };
  return { ll: p.length_normalize ? span.sum / span.count : span.sum, cached: usage.cached_calls > 0 };
}

/**
 * Follow-up Likelihood as Reward: how likely a language model finds a satisfied user's next message after the
 * response, minus how likely it finds a dissatisfied one, from an OpenAI-compatible completions endpoint with
 * `echo` and `logprobs`. (FLR, arXiv 2409.13948: `mean_{f∈F⁺} log p(f|x,y) − mean_{f∈F⁻} log p(f|x,y)`, UNCONFIRMED form.)
 * @example { kind: remote.flr, base_url: "http://127.0.0.1:8000/v1", model: my-chat-lm }
 */
export const remoteFlr = leafKind({
  kind: "remote.flr",
  summary:
    "Follow-up likelihood as reward: mean log p(positive follow-up) − mean log p(negative follow-up) from a logprobs endpoint.",
  params,
  needs: { network: true },
  async score(r: Rollout, p: Params, ctx) {
    const prefix = renderOrThrow(p.template, r);
    const all = await Promise.all([
      ...p.positive.map((f) => followupLL(p, prefix, f, ctx)),
      ...p.negative.map((f) => followupLL(p, prefix, f, ctx)),
    ]);
    const pos = all.slice(0, p.positive.length).map((x) => x.ll);
    const neg = all.slice(p.positive.length).map((x) => x.ll);
    const score = flrScore(pos, neg);
    if (!Number.isFinite(score)) return fail("upstream", "non-finite log-likelihood");
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const components: Record<string, number> = { positive: mean(pos) };
    if (neg.length) components.negative = mean(neg);
    return ok(score, {
      components,
      info: {
        positive_ll: pos,
        negative_ll: neg,
        usage: { calls: all.length, cached_calls: all.filter((x) => x.cached).length },
      },
    });
  },
});
