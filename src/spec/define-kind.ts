import type { z } from "zod";
import { defineReward } from "../core/reward.ts";
import type { MaybePromise, RewardContext, RewardNeeds, RewardResult, Rollout } from "../core/types.ts";
import type { BuildContext, KindDefinition } from "./registry.ts";

/** What a leaf kind (no child nodes) declares. */
export interface LeafKind<P> {
  kind: string;
  version?: number;
  summary: string;
  params: z.ZodType<P>;
  /** What the kind needs; a function when it depends on the parameters (e.g. a regex engine). */
  needs?: RewardNeeds | ((params: P) => RewardNeeds);
  /** Optional one-time preparation from the parameters (compile a regex, a schema, ...). */
  prepare?: (params: P, ctx: BuildContext) => unknown;
  score(rollout: Rollout, params: P, ctx: RewardContext, prepared: any): MaybePromise<RewardResult>;
}

/**
 * Declares a leaf reward kind for the registry; the builder wraps `score` so it never throws.
 * @example
 * export const nonEmpty = leafKind({ kind: "text.nonempty", summary: "1 if the completion has text.",
 *   params: z.strictObject({}), score: (r) => ({ score: completionText(r).trim() ? 1 : 0 }) });
 */
export function leafKind<P extends Record<string, unknown>>(def: LeafKind<P>): KindDefinition<P> {
  return {
    kind: def.kind,
    version: def.version ?? 1,
    summary: def.summary,
    params: def.params,
    ...(def.needs && typeof def.needs !== "function" ? { needs: def.needs } : {}),
    build(params, _children, ctx) {
      const prepared = def.prepare ? def.prepare(params, ctx) : undefined;
      const needs = typeof def.needs === "function" ? def.needs(params) : def.needs;
      return defineReward<P>({
        kind: def.kind,
        version: def.version ?? 1,
        ...(ctx.name !== undefined ? { name: ctx.name } : {}),
        params,
        ...(needs ? { needs } : {}),
        score: (rollout, p, c) => def.score(rollout, p, c, prepared),
      });
    },
  };
}
