import { z } from "zod";
import { formula } from "../../core/combinators/formula.ts";
import { gate } from "../../core/combinators/gate.ts";
import { maxOf, minOf, product } from "../../core/combinators/reduce.ts";
import { weighted } from "../../core/combinators/sum.ts";
import { clamp, scale, tiers } from "../../core/combinators/transform.ts";
import { defineReward } from "../../core/reward.ts";
import type { Reward } from "../../core/types.ts";
import type { KindDefinition } from "../registry.ts";

const finite = z.number().refine(Number.isFinite, "expected a finite number");

/** The combinator kinds every spec can use. */
export const combinatorKinds: KindDefinition[] = [
  {
    kind: "sum",
    version: 1,
    summary:
      "Weighted sum of terms; every term's value is logged in components; weight 0 logs a metric only.",
    params: z.strictObject({ normalize: z.boolean().default(false) }),
    children: { terms: "nodes" },
    weightedChildren: true,
    build: (p, c, ctx) => {
      const terms = (c.terms as Reward[]).map((reward, i) => ({ reward, weight: ctx.weights?.[i] ?? 1 }));
      return weighted(terms, { normalize: p.normalize, ...(ctx.name ? { name: ctx.name } : {}) });
    },
  },
  {
    kind: "product",
    version: 1,
    summary: "Product of the terms that apply.",
    params: z.strictObject({}),
    children: { terms: "nodes" },
    build: (_p, c, ctx) => product(c.terms as Reward[], ctx.name),
  },
  {
    kind: "min",
    version: 1,
    summary: "Minimum of the terms that apply.",
    params: z.strictObject({}),
    children: { terms: "nodes" },
    build: (_p, c, ctx) => minOf(c.terms as Reward[], ctx.name),
  },
  {
    kind: "max",
    version: 1,
    summary: "Maximum of the terms that apply.",
    params: z.strictObject({}),
    children: { terms: "nodes" },
    build: (_p, c, ctx) => maxOf(c.terms as Reward[], ctx.name),
  },
  {
    kind: "gate",
    version: 1,
    summary: "A check that zeroes (otherwise) or scales (scale) the gated reward when it fails.",
    params: z.strictObject({
      threshold: finite.default(1),
      otherwise: finite.optional(),
      scale: finite.optional(),
    }),
    children: { check: "node", reward: "node" },
    build: (p, c, ctx) =>
      gate(c.check as Reward, c.reward as Reward, {
        threshold: p.threshold,
        ...(p.otherwise !== undefined ? { otherwise: p.otherwise } : {}),
        ...(p.scale !== undefined ? { scale: p.scale } : {}),
        ...(ctx.name ? { name: ctx.name } : {}),
      }),
  },
  {
    kind: "clamp",
    version: 1,
    summary: "Clamps a score into [min, max].",
    params: z.strictObject({ min: finite.optional(), max: finite.optional() }),
    children: { reward: "node" },
    build: (p, c, ctx) => clamp(c.reward as Reward, { ...p, ...(ctx.name ? { name: ctx.name } : {}) }),
  },
  {
    kind: "scale",
    version: 1,
    summary: "Affine rescale factor·s + offset.",
    params: z.strictObject({ factor: finite.default(1), offset: finite.default(0) }),
    children: { reward: "node" },
    build: (p, c, ctx) => scale(c.reward as Reward, { ...p, ...(ctx.name ? { name: ctx.name } : {}) }),
  },
  {
    kind: "tiers",
    version: 1,
    summary: "Piecewise map from a score to levels (Sweet Spot Learning zones).",
    params: z.strictObject({
      tiers: z.array(z.strictObject({ at: finite, value: finite })).min(1),
      below: finite.default(0),
    }),
    children: { reward: "node" },
    build: (p, c, ctx) =>
      tiers(c.reward as Reward, p.tiers, { below: p.below, ...(ctx.name ? { name: ctx.name } : {}) }),
  },
  {
    kind: "formula",
    version: 1,
    summary:
      "A formula over named terms: + - * / ^ and min max abs floor ceil exp sqrt log (OpenAI calculate_output).",
    params: z.strictObject({ expr: z.string().min(1) }),
    children: { terms: "named" },
    build: (p, c, ctx) => formula(p.expr, c.terms as Record<string, Reward>, ctx.name),
  },
  {
    kind: "const",
    version: 1,
    summary: "A constant score (null allowed: does not apply).",
    params: z.strictObject({ value: finite.nullable() }),
    build: (p, _c, ctx) =>
      defineReward({
        kind: "const",
        params: p,
        ...(ctx.name ? { name: ctx.name } : {}),
        score: () => ({ score: p.value }),
      }),
  },
];
