import { defineReward } from "../reward.ts";
import { then } from "../result.ts";
import type { Reward, RewardContext, RewardResult, Rollout } from "../types.ts";

/** What a transform may return instead of a plain score: a score (or null) with extra `info`, or a typed error. */
export interface TransformOutput {
  score: number | null;
  info?: Record<string, unknown>;
  error?: RewardResult["error"];
}

/** The function of a transform: the child's (non-null, error-free) score, with the rollout and context at hand. */
export type TransformFn = (score: number, rollout: Rollout, ctx: RewardContext) => number | TransformOutput;

/**
 * Maps a child's score through `f`, keeping its components, info, error and null unchanged.
 * Null stays null and errors pass through: a transform never invents a value. The raw score goes to `info.raw`;
 * an object returned by `f` adds its `info` (on a copy of the child's) and may replace the score by null or an error.
 * @example transform(correct, "double", { factor: 2 }, (s) => 2 * s)
 */
export function transform(
  child: Reward,
  kind: string,
  params: Record<string, unknown>,
  f: TransformFn,
  name?: string,
): Reward {
  return defineReward({
    kind,
    ...(name !== undefined ? { name } : {}),
    params: { ...params, reward: child.spec },
    children: [child],
    score: (rollout, _p, ctx) =>
      then(child.score(rollout, ctx), (r): RewardResult => {
        if (r.score === null || r.error) return { ...r, score: null };
        const v = f(r.score, rollout, ctx);
        if (typeof v === "number") {
          // A new info object: the child's own may be shared (cached, frozen) and must not be written to.
          return { ...r, score: v, info: { ...r.info, raw: r.score } };
        }
        const out: RewardResult = { ...r, score: v.score, info: { ...r.info, raw: r.score, ...v.info } };
        if (v.error) out.error = v.error;
        return out;
      }),
  });
}

/**
 * Clamps a score into [min, max].
 * @example clamp(lengthBonus, { min: -1, max: 1 })
 */
export function clamp(child: Reward, o: { min?: number; max?: number; name?: string }): Reward {
  const lo = o.min ?? Number.NEGATIVE_INFINITY;
  const hi = o.max ?? Number.POSITIVE_INFINITY;
  const params: Record<string, unknown> = {};
  if (o.min !== undefined) params.min = o.min;
  if (o.max !== undefined) params.max = o.max;
  return transform(child, "clamp", params, (s) => Math.min(hi, Math.max(lo, s)), o.name);
}

/**
 * Affine rescale `factor·s + offset` (e.g. map {0,1} to {−1,+1} with factor 2, offset −1 as in DAPO).
 * @example scale(correct, { factor: 2, offset: -1 })
 */
export function scale(child: Reward, o: { factor?: number; offset?: number; name?: string }): Reward {
  const a = o.factor ?? 1;
  const b = o.offset ?? 0;
  return transform(child, "scale", { factor: a, offset: b }, (s) => a * s + b, o.name);
}

/** One level of a tier map: scores at or above `at` get `value`. */
export interface Tier {
  at: number;
  value: number;
}

/**
 * Piecewise map from a score to levels (Sweet Spot Learning's zones, arXiv 2601.22491 §3): the highest tier
 * whose `at` the score reaches gives the value; below every tier gives `below` (default 0).
 * @example tiers(proximity, [{ at: 0.75, value: 1 }, { at: 0.5, value: 0.5 }, { at: 0.25, value: 0.25 }])
 */
export function tiers(
  child: Reward,
  levels: readonly Tier[],
  o: { below?: number; name?: string } = {},
): Reward {
  const sorted = [...levels].sort((x, y) => y.at - x.at);
  const below = o.below ?? 0;
  return transform(
    child,
    "tiers",
    { tiers: sorted, below },
    (s) => {
      for (const t of sorted) if (s >= t.at) return t.value;
      return below;
    },
    o.name,
  );
}
