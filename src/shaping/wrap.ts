import { type TransformFn, transform } from "../core/combinators/transform.ts";
import type { Reward } from "../core/types.ts";

/** What a score-level shaping node computes from its child's (non-null, error-free) score. */
export type ShapeFn = TransformFn;

/**
 * Builds a shaping node over one child with core's `transform`: a null or failed child passes through (shaping
 * never invents a value), otherwise the child's score goes through `f` and the raw value is kept in `info.raw`.
 * @example shapeNode(child, "shape.tanh", { k: 1 }, (s) => Math.tanh(s))
 */
export function shapeNode(
  child: Reward,
  kind: string,
  params: Record<string, unknown>,
  f: ShapeFn,
  name?: string,
): Reward {
  // Always the object form, so `info` is a copy and the child's own result object is never written to.
  return transform(
    child,
    kind,
    params,
    (s, rollout, ctx) => {
      const v = f(s, rollout, ctx);
      return typeof v === "number" ? { score: v } : v;
    },
    name,
  );
}
