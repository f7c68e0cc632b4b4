import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { referenceAt } from "../../core/text.ts";
import type { Rollout } from "../../core/types.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { metaAt } from "../vision/gold.ts";
import { goalBaselineReward } from "./goal.ts";
import { meanVector, norm, readVectors, unit } from "./vectors.ts";

const vectors = z.union([z.array(z.number()), z.array(z.array(z.number()))]);

const params = z.strictObject({
  /** Path in `meta` of the rollout's embedding x (e.g. the CLIP embedding of the rendered frame). */
  embedding_field: z.string().min(1).default("embedding"),
  /** Goal prompt embedding(s); when absent, read from the reference at `goal_field`. */
  goal: vectors.optional(),
  baseline: vectors.optional(),
  goal_field: z.string().min(1).default("goal"),
  baseline_field: z.string().min(1).default("baseline"),
  /** Projection strength α: 0 = cosine similarity, 1 = full projection on the baseline→goal line (README: 0.5). */
  alpha: z.number().min(0).max(1).default(0.5),
  /** Normalise x, and each goal/baseline vector before averaging, as CLIP embeddings are. */
  normalize: z.boolean().default(true),
  max_dim: z.number().int().positive().default(65_536),
  max_prompts: z.number().int().positive().default(1024),
});
type Params = z.infer<typeof params>;

/** The mean of the goal or baseline vectors from the parameters or the reference; a message when unusable. */
function prompts(r: Rollout, own: unknown, field: string, p: Params, what: string): Float64Array | string {
  const raw = own ?? referenceAt(r, field);
  if (raw === undefined) return `no ${what} embedding in the parameters or at reference.${field}`;
  const vs = readVectors(raw, p.max_dim, p.max_prompts, what);
  return typeof vs === "string" ? vs : meanVector(vs, p.normalize, what);
}

/**
 * VLM-RM's goal–baseline projection reward over an embedding carried in the rollout: R = 1 − ½‖(x − g)P‖²,
 * P = α·ddᵀ/‖d‖² + (1 − α)I, d = g − b. (VLM-RMs, arXiv 2310.12921)
 * @example { kind: embedding.goal, alpha: 0.5, goal: [[...]], baseline: [[...]] }
 */
export const embeddingGoal = leafKind({
  kind: "embedding.goal",
  summary:
    "VLM-RM goal–baseline projection reward 1 − ½‖(x − g)P‖² over an embedding carried in the rollout.",
  params,
  score(r, p) {
    const rawX = metaAt(r, p.embedding_field);
    const xs = readVectors(rawX, p.max_dim, 1, `meta.${p.embedding_field}`);
    if (typeof xs === "string") return fail("invalid_input", xs);
    let x = xs[0] as Float64Array;
    if (p.normalize) {
      const u = unit(x);
      if (!u) return fail("invalid_input", "the rollout embedding is a zero vector");
      x = u;
    }
    const g = prompts(r, p.goal, p.goal_field, p, "goal");
    if (typeof g === "string") return fail("invalid_input", g);
    // with α = 0 the baseline does not enter the formula, so it may be absent
    const b =
      p.alpha === 0 && p.baseline === undefined && referenceAt(r, p.baseline_field) === undefined
        ? g
        : prompts(r, p.baseline, p.baseline_field, p, "baseline");
    if (typeof b === "string") return fail("invalid_input", b);
    if (g.length !== x.length || b.length !== x.length)
      return fail(
        "invalid_input",
        `dimensions differ: embedding ${x.length}, goal ${g.length}, baseline ${b.length}`,
      );
    const d = new Float64Array(g.length);
    for (let i = 0; i < d.length; i++) d[i] = (g[i] as number) - (b[i] as number);
    if (p.alpha > 0 && !(norm(d) > 0))
      return fail("invalid_input", "goal and baseline coincide: the projection direction is undefined");
    return ok(goalBaselineReward(x, g, b, p.alpha), { info: { dim: x.length, alpha: p.alpha } });
  },
});
