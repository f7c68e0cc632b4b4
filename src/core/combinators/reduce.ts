import { defineReward } from "../reward.ts";
import { then } from "../result.ts";
import type { Reward, RewardError, RewardResult } from "../types.ts";
import {
  childError,
  collectInfo,
  isAnonymousCombinator,
  mergeComponents,
  scoreChildren,
  uniqueNames,
} from "./_children.ts";

type Op = "product" | "min" | "max";

const REDUCERS: Record<Op, (acc: number, x: number) => number> = {
  product: (a, x) => a * x,
  min: (a, x) => Math.min(a, x),
  max: (a, x) => Math.max(a, x),
};

function reduceOver(op: Op, children: readonly Reward[], name?: string): Reward {
  const names = uniqueNames(children);
  const flat = children.map(isAnonymousCombinator);
  return defineReward({
    kind: op,
    ...(name !== undefined ? { name } : {}),
    params: { terms: children.map((c) => c.spec) },
    children,
    score: (rollout, _p, ctx) =>
      then(scoreChildren(children, rollout, ctx), (rs) => combineReduce(op, rs, names, flat)),
  });
}

/** The product/min/max rule: nulls are left out, all-null gives null, any error is carried. */
export function combineReduce(
  op: Op,
  rs: RewardResult[],
  names: string[],
  flat: boolean[] = [],
): RewardResult {
  const components: Record<string, number | null> = {};
  let acc: number | null = null;
  let error: RewardError | undefined;
  rs.forEach((r, i) => {
    mergeComponents(components, names[i]!, r, flat[i]);
    if (r.error) error ??= childError(names[i]!, r.error);
    else if (r.score !== null) acc = acc === null ? r.score : REDUCERS[op](acc, r.score);
  });
  const out: RewardResult = { score: error ? null : acc, components };
  if (error) out.error = error;
  const info = collectInfo(names, rs);
  if (info) out.info = info;
  return out;
}

/**
 * Product Π rᵢ over the terms that apply (a multiplicative gate of several checks).
 * @example product([formatOk, correct])
 */
export const product = (children: readonly Reward[], name?: string): Reward =>
  reduceOver("product", children, name);

/**
 * Minimum over the terms that apply (the weakest link; PURE-style min-form aggregation).
 * @example minOf([stepA, stepB])
 */
export const minOf = (children: readonly Reward[], name?: string): Reward =>
  reduceOver("min", children, name);

/**
 * Maximum over the terms that apply (best of several acceptable checks).
 * @example maxOf([exactMatch, numericMatch])
 */
export const maxOf = (children: readonly Reward[], name?: string): Reward =>
  reduceOver("max", children, name);
