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

/** One term of a weighted sum. */
export interface Term {
  reward: Reward;
  weight?: number;
}

/** Options of `weighted`. */
export interface WeightedOptions {
  name?: string;
  /** Divide by the total |weight| of the terms that applied (so a null term's weight leaves the denominator). */
  normalize?: boolean;
}

/**
 * Weighted sum Σ wᵢ·rᵢ over the terms that apply; every term's value is kept in `components`.
 * A null term is left out (and its weight out of any normalisation); all-null gives null; a weight of 0 logs a
 * metric only; an error in a weighted term makes the score null and is carried, never turned into a 0.
 * @example weighted([{ reward: correct, weight: 1 }, { reward: format, weight: 0.1 }])
 */
export function weighted(terms: readonly Term[], opts: WeightedOptions = {}): Reward {
  const children = terms.map((t) => t.reward);
  const weights = terms.map((t) => t.weight ?? 1);
  const names = uniqueNames(children);
  const flat = children.map(isAnonymousCombinator);
  const params = {
    normalize: opts.normalize ?? false,
    terms: terms.map((t, i) => ({ ...t.reward.spec, weight: weights[i] })),
  };
  return defineReward({
    kind: "sum",
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    params,
    children,
    score: (rollout, _p, ctx) =>
      then(scoreChildren(children, rollout, ctx), (rs) =>
        combineWeighted(rs, weights, names, params.normalize, flat),
      ),
  });
}

/** The weighted-sum rule on already computed term results (shared with the spec's `sum` kind). */
export function combineWeighted(
  rs: RewardResult[],
  weights: number[],
  names: string[],
  normalize: boolean,
  flat: boolean[] = [],
): RewardResult {
  const components: Record<string, number | null> = {};
  let total = 0;
  let wsum = 0;
  let applied = 0;
  let error: RewardError | undefined;
  const metricErrors: Record<string, RewardError> = {};
  rs.forEach((r, i) => {
    const name = names[i]!;
    const w = weights[i]!;
    mergeComponents(components, name, r, flat[i]);
    if (r.error) {
      if (w === 0) metricErrors[name] = r.error;
      else error ??= childError(name, r.error);
      return;
    }
    if (r.score === null || w === 0) return;
    total += w * r.score;
    wsum += Math.abs(w);
    applied++;
  });
  const out: RewardResult = { score: null, components };
  const info = collectInfo(names, rs);
  if (info) out.info = info;
  if (Object.keys(metricErrors).length) (out.info ??= {}).metric_errors = metricErrors;
  if (error) {
    out.error = error;
    return out;
  }
  if (applied === 0) return out;
  out.score = normalize ? (wsum === 0 ? 0 : total / wsum) : total;
  const steps = sumSteps(rs, weights);
  if (steps) out.steps = steps;
  return out;
}

/** Element-wise weighted sum of per-step rewards when every weighted term that has steps agrees on their count. */
function sumSteps(rs: RewardResult[], weights: number[]): (number | null)[] | undefined {
  let len = -1;
  for (let i = 0; i < rs.length; i++) {
    const s = rs[i]!.steps;
    if (!s || weights[i] === 0) continue;
    if (len === -1) len = s.length;
    else if (s.length !== len) return undefined;
  }
  if (len < 0) return undefined;
  const out: (number | null)[] = new Array(len).fill(null);
  for (let i = 0; i < rs.length; i++) {
    const s = rs[i]!.steps;
    const w = weights[i]!;
    if (!s || w === 0) continue;
    for (let j = 0; j < len; j++) {
      const v = s[j];
      if (v == null) continue;
      out[j] = (out[j] ?? 0) + w * v;
    }
  }
  return out;
}
