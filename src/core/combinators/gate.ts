import { defineReward } from "../reward.ts";
import { isPromise, then } from "../result.ts";
import type { MaybePromise, Reward, RewardResult } from "../types.ts";
import { childError, isAnonymousCombinator, mergeComponents } from "./_children.ts";

/** Options of `gate`. */
export interface GateOptions {
  name?: string;
  /** The check passes when its score is at least this (default 1). */
  threshold?: number;
  /** Score when the check fails (default 0); ignored when `scale` is set. */
  otherwise?: number;
  /** When set, a failed check multiplies the gated reward by this instead of replacing it. */
  scale?: number;
}

/**
 * A format check that zeroes (or scales) the rest: `check ≥ threshold ? reward : otherwise` (or `reward·scale`).
 * A null check does not apply, so the reward passes through; an error in the check is carried.
 * With `otherwise`, a failed check skips the gated reward entirely (no cost for malformed output).
 * @example gate(tagsPresent, correct, { otherwise: 0 })
 */
export function gate(check: Reward, reward: Reward, opts: GateOptions = {}): Reward {
  const threshold = opts.threshold ?? 1;
  const params: Record<string, unknown> = { check: check.spec, reward: reward.spec, threshold };
  if (opts.scale !== undefined) params.scale = opts.scale;
  else params.otherwise = opts.otherwise ?? 0;
  const cname = check.name === reward.name ? `${check.name}#check` : check.name;
  return defineReward({
    kind: "gate",
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    params,
    children: [check, reward],
    score: (rollout, _p, ctx) =>
      flat(check.score(rollout, ctx), (c): MaybePromise<RewardResult> => {
        const components: Record<string, number | null> = {};
        mergeComponents(components, cname, c);
        if (c.error) return { score: null, components, error: childError(cname, c.error) };
        const passed = c.score === null || c.score >= threshold;
        if (!passed && opts.scale === undefined) {
          const out: RewardResult = { score: opts.otherwise ?? 0, components };
          out.info = { gate: "failed", ...(c.info ? { [cname]: c.info } : {}) };
          return out;
        }
        return then(reward.score(rollout, ctx), (r) => {
          mergeComponents(components, reward.name, r, isAnonymousCombinator(reward));
          const out: RewardResult = { score: null, components };
          const info: Record<string, unknown> = { gate: passed ? "passed" : "scaled" };
          if (c.info) info[cname] = c.info;
          if (r.info) info[reward.name] = r.info;
          out.info = info;
          if (r.error) out.error = childError(reward.name, r.error);
          else if (r.score !== null) out.score = passed ? r.score : r.score * (opts.scale ?? 0);
          if (r.steps) out.steps = r.steps;
          return out;
        });
      }),
  });
}

function flat<T, U>(x: MaybePromise<T>, f: (v: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(x) ? x.then(f) : f(x);
}
