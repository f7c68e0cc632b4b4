import { z } from "zod";
import type { RewardContext, Rollout } from "../core/types.ts";
import { RewardFailure } from "../core/result.ts";
import type { CallResult } from "./backend.ts";
import { endpointParams, getBackend } from "./endpoint.ts";
import { render, rolloutScope } from "./template.ts";

/** Parameters of every remote reward-model kind. */
export const remoteParams = {
  ...endpointParams,
  /** The full endpoint URL (e.g. `http://127.0.0.1:5000/get_reward`); overrides `base_url` + the kind's path. */
  url: z.url().optional(),
  /** Model name sent to servers that route by model (vLLM); omitted when absent. */
  model: z.string().min(1).optional(),
};

/** Parsed remote parameters. */
export type RemoteParams = z.output<z.ZodObject<typeof remoteParams>>;

/** Renders a template for a rollout or throws a typed `invalid_input` failure naming the missing variable. */
export function renderOrThrow(template: string, r: Rollout): string {
  const out = render(template, rolloutScope(r));
  if (!out.ok)
    throw new RewardFailure("invalid_input", `template variable {{${out.missing}}} is not defined`);
  return out.text;
}

/** POSTs to a remote reward model through the shared backend machinery; returns the body and accounting. */
export async function remoteCall(
  p: RemoteParams,
  namespace: string,
  path: string,
  body: unknown,
  validate: (json: unknown) => string | undefined,
  ctx: RewardContext,
): Promise<{ json: unknown; info: Record<string, unknown> }> {
  const backend = getBackend(p);
  const r: CallResult = await backend.call(p.url ?? path, body, {
    namespace,
    validate,
    estimatedTokens: Math.ceil(JSON.stringify(body).length / 4),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  return {
    json: r.json,
    info: { usage: { calls: 1, cached_calls: r.cached ? 1 : 0, deduped_calls: r.deduped ? 1 : 0 } },
  };
}

/** Reduces a pooling output (a number, a list, or a per-token list of vectors) to one number. */
export function reducePooled(
  data: unknown,
  reduce: "last" | "first" | "mean" | "min" | "max" | "sum",
  column: number,
): number | string {
  let values: unknown[];
  if (typeof data === "number") values = [data];
  else if (Array.isArray(data)) values = data;
  else return "pooling output is not a number or a list";
  const nums: number[] = [];
  for (const v of values) {
    let x: unknown = v;
    if (Array.isArray(v)) x = v[column < 0 ? v.length + column : column];
    if (typeof x !== "number" || !Number.isFinite(x))
      return `pooling output has a non-numeric entry (${JSON.stringify(v)})`;
    nums.push(x);
  }
  if (nums.length === 0) return "pooling output is empty";
  switch (reduce) {
    case "last":
      return nums[nums.length - 1]!;
    case "first":
      return nums[0]!;
    case "mean":
      return nums.reduce((s, x) => s + x, 0) / nums.length;
    case "min":
      return Math.min(...nums);
    case "max":
      return Math.max(...nums);
    case "sum":
      return nums.reduce((s, x) => s + x, 0);
  }
}
