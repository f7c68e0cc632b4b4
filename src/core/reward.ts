import { finiteResult } from "./finite.ts";
import { errorFromThrown, isPromise } from "./result.ts";
import type {
  MaybePromise,
  NodeSpec,
  Reward,
  RewardContext,
  RewardNeeds,
  RewardResult,
  Rollout,
} from "./types.ts";

/** What `defineReward` needs: identity, parameters, needs and a scorer. */
export interface RewardDefinition<P extends Record<string, unknown>> {
  kind: string;
  version?: number;
  /** Component name (defaults to the kind). */
  name?: string;
  params?: P;
  needs?: RewardNeeds;
  children?: readonly Reward[];
  score(rollout: Rollout, params: P, ctx: RewardContext): MaybePromise<RewardResult>;
}

/**
 * Turns a scoring function into a `Reward` that never throws, never returns NaN as a score,
 * and dispatches to the isolated executor when it declares isolation.
 * @example
 * const nonEmpty = defineReward({ kind: "my.nonempty", score: (r) => ({ score: r.completion.length > 0 ? 1 : 0 }) });
 */
export function defineReward<P extends Record<string, unknown> = Record<string, never>>(
  def: RewardDefinition<P>,
): Reward {
  const params = (def.params ?? {}) as P;
  const version = def.version ?? 1;
  const needs = def.needs ?? {};
  const spec: NodeSpec = { ...params, kind: def.kind };
  if (def.name !== undefined) spec.name = def.name;
  const guarded = (rollout: Rollout, ctx: RewardContext): MaybePromise<RewardResult> => {
    try {
      const out = def.score(rollout, params, ctx);
      return isPromise(out)
        ? out.then(checkResult, (e) => ({ score: null, error: errorFromThrown(e) }))
        : checkResult(out);
    } catch (e) {
      return { score: null, error: errorFromThrown(e) };
    }
  };
  const reward: Reward = {
    id: `${def.kind}@${version}`,
    kind: def.kind,
    name: def.name ?? def.kind,
    spec,
    needs,
    score(rollout, ctx) {
      if (needs.isolation && ctx.executor && !ctx.inWorker) {
        const opts: { deadlineMs?: number; signal?: AbortSignal; step?: number } = {};
        if (ctx.step !== undefined) opts.step = ctx.step;
        if (ctx.deadlineMs !== undefined) opts.deadlineMs = ctx.deadlineMs;
        if (ctx.signal !== undefined) opts.signal = ctx.signal;
        return ctx.executor.run(spec, rollout, opts);
      }
      return guarded(rollout, ctx);
    },
  };
  if (def.children) (reward as { children?: readonly Reward[] }).children = def.children;
  return reward;
}

/** Rejects results a caller could misread: a non-finite score or a malformed shape. */
function checkResult(r: RewardResult): RewardResult {
  return finiteResult(r);
}

/** Whether any node in the tree needs isolation or the network. */
export function treeNeeds(r: Reward): Required<RewardNeeds> {
  const out = { isolation: !!r.needs.isolation, network: !!r.needs.network };
  for (const c of r.children ?? []) {
    const n = treeNeeds(c);
    out.isolation ||= n.isolation;
    out.network ||= n.network;
  }
  return out;
}

/** Prints a reward as its composition, one node per line. */
export function describeReward(r: Reward, indent = ""): string {
  const own = Object.entries(r.spec)
    .filter(([k, v]) => k !== "kind" && k !== "name" && !isNodeLike(v))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(" ");
  const head = `${indent}${r.name === r.kind ? r.id : `${r.name}: ${r.id}`}${own ? ` ${own}` : ""}`;
  const kids = (r.children ?? []).map((c) => describeReward(c, `${indent}  `));
  return [head, ...kids].join("\n");
}

function isNodeLike(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(isNodeLike);
  if (v && typeof v === "object") {
    if ("kind" in v) return true;
    return Object.values(v).some((x) => x && typeof x === "object" && "kind" in x);
  }
  return false;
}
