import { all } from "../result.ts";
import type { MaybePromise, Reward, RewardContext, RewardError, RewardResult, Rollout } from "../types.ts";

/** Scores every child, staying synchronous when all children are. */
export function scoreChildren(
  children: readonly Reward[],
  rollout: Rollout,
  ctx: RewardContext,
): MaybePromise<RewardResult[]> {
  return all(children.map((c) => c.score(rollout, ctx)));
}

/**
 * Copies a child's score and its own components into `into`: the child's score under `name`, its components
 * under their own names (so nesting does not rename a leaf), prefixed `name.sub` only where a name is taken.
 * An unnamed combinator child (`flat`) is not logged itself, only its components.
 */
export function mergeComponents(
  into: Record<string, number | null>,
  name: string,
  r: RewardResult,
  flat = false,
): void {
  if (!flat || !r.components) into[name] = r.score;
  if (r.components)
    for (const [k, v] of Object.entries(r.components)) into[k in into ? `${name}.${k}` : k] = v;
}

/** True for a combinator the spec did not name: its components are merged without a prefix. */
export function isAnonymousCombinator(c: Reward): boolean {
  return !!c.children?.length && c.name === c.kind;
}

/** Prefixes a child's error with its component path so the caller sees which term failed. */
export function childError(name: string, e: RewardError): RewardError {
  return { kind: e.kind, message: e.message, path: e.path ? `${name}.${e.path}` : name };
}

/** Unique component names for a list of children (`a`, `a#2`, ...). */
export function uniqueNames(children: readonly Reward[]): string[] {
  const seen = new Map<string, number>();
  return children.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return n === 1 ? c.name : `${c.name}#${n}`;
  });
}

/** Per-child info, kept only when a child reported some. */
export function collectInfo(names: string[], results: RewardResult[]): Record<string, unknown> | undefined {
  let info: Record<string, unknown> | undefined;
  results.forEach((r, i) => {
    if (r.info) (info ??= {})[names[i]!] = r.info;
  });
  return info;
}
