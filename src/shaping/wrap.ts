import { defineReward } from "../core/reward.ts";
import { then } from "../core/result.ts";
import type { Reward, RewardContext, RewardResult, Rollout } from "../core/types.ts";

/** What a score-level shaping node computes from its child's (non-null, error-free) score. */
export type ShapeFn = (
  score: number,
  rollout: Rollout,
  ctx: RewardContext,
) => number | { score: number | null; info?: Record<string, unknown>; error?: RewardResult["error"] };

/**
 * Builds a shaping node over one child: a null or failed child passes through unchanged (shaping never invents a
 * value), otherwise the child's score goes through `f` and the raw value is kept in `info.raw`.
 * @example shapeNode(child, "shape.tanh", { k: 1 }, (s) => Math.tanh(s))
 */
export function shapeNode(
  child: Reward,
  kind: string,
  params: Record<string, unknown>,
  f: ShapeFn,
  name?: string,
): Reward {
  return defineReward({
    kind,
    ...(name !== undefined ? { name } : {}),
    params: { ...params, reward: child.spec },
    children: [child],
    score: (rollout, _p, ctx) =>
      then(child.score(rollout, ctx), (r): RewardResult => {
        if (r.score === null || r.error) return r;
        const v = f(r.score, rollout, ctx);
        const res = typeof v === "number" ? { score: v } : v;
        const out: RewardResult = { ...r, score: res.score, info: { ...r.info, raw: r.score, ...res.info } };
        if (res.error) out.error = res.error;
        return out;
      }),
  });
}
