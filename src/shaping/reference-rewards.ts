import type { Rollout } from "../core/types.ts";

/**
 * The reference rewards of a rollout (RM scores of reference-policy responses to the same prompt), read from a
 * dotted path under `meta` (default `reference_rewards`); the first `max` finite values are used. Returns an error
 * message when there are none, because shaping against nothing must not silently pass the raw score through.
 * @example referenceRewards({ completion: "", meta: { reference_rewards: [0.1, 0.4] } }) // [0.1, 0.4]
 */
export function referenceRewards(r: Rollout, field = "reference_rewards", max = Infinity): number[] | string {
  let cur: unknown = r.meta;
  for (const key of field.split(".")) {
    if (cur == null || typeof cur !== "object" || !Object.hasOwn(cur as object, key)) {
      cur = undefined;
      break;
    }
    cur = (cur as Record<string, unknown>)[key];
  }
  if (!Array.isArray(cur)) return `meta.${field} must be a list of reference rewards`;
  const out: number[] = [];
  for (const x of cur) {
    if (out.length >= max) break;
    if (typeof x === "number" && Number.isFinite(x)) out.push(x);
  }
  return out.length ? out : `meta.${field} holds no finite reference reward`;
}
