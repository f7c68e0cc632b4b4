import { createHash } from "node:crypto";
import { isPromise } from "../core/result.ts";
import type { Reward, RewardResult } from "../core/types.ts";
import type { CompiledSpec } from "../spec/spec.ts";

/** One spec the server can score with, by name. */
export interface ServedSpec {
  name: string;
  reward: Reward;
  /** SHA-256 of the spec JSON plus every node's `id@version`: changes whenever a result could. */
  hash: string;
  /** Per-item deadline for isolated rewards (the spec's `execution.deadline_ms`, else the server's). */
  deadlineMs?: number;
}

/**
 * Wraps compiled specs for serving: a stable hash per spec (the replay-cache key) and, when `leafTimer` is
 * given, each leaf reward timed per rollout for the per-kind duration metric.
 * @example const served = serveSpecs([compiled], (kind) => metrics.rewardDuration.handle({ kind }));
 */
export function serveSpecs(
  specs: readonly CompiledSpec[],
  leafTimer?: (kind: string) => (seconds: number) => void,
): Map<string, ServedSpec> {
  const out = new Map<string, ServedSpec>();
  for (const c of specs) {
    const name = c.spec.name;
    if (out.has(name)) throw new Error(`two specs are named "${name}"; spec names must be unique`);
    const ids: string[] = [];
    walk(c.reward, (r) => ids.push(r.id));
    const hash = createHash("sha256")
      .update(JSON.stringify(c.spec))
      .update("\0")
      .update(ids.join(","))
      .digest("hex")
      .slice(0, 32);
    if (leafTimer) walk(c.reward, (r) => timeLeaf(r, leafTimer));
    const deadline = c.spec.execution?.deadline_ms;
    out.set(name, {
      name,
      reward: c.reward,
      hash,
      ...(deadline !== undefined ? { deadlineMs: deadline } : {}),
    });
  }
  return out;
}

/** Visits every node of a reward tree with an explicit stack. */
function walk(root: Reward, f: (r: Reward) => void): void {
  const stack: Reward[] = [root];
  while (stack.length) {
    const r = stack.pop()!;
    f(r);
    if (r.children) stack.push(...r.children);
  }
}

/** Replaces a leaf's `score` with a timed one (leaves only, so times are not counted twice up the tree). */
function timeLeaf(r: Reward, leafTimer: (kind: string) => (seconds: number) => void): void {
  if (r.children?.length) return;
  const inner = r.score;
  const observe = leafTimer(r.kind);
  (r as { score: Reward["score"] }).score = (rollout, ctx) => {
    const t0 = performance.now();
    const out = inner.call(r, rollout, ctx);
    if (isPromise(out)) {
      return out.then((v: RewardResult) => {
        observe((performance.now() - t0) / 1000);
        return v;
      });
    }
    observe((performance.now() - t0) / 1000);
    return out;
  };
}
