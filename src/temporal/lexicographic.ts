import { z } from "zod";
import { defineReward } from "../core/reward.ts";
import { all, fail, ok, then } from "../core/result.ts";
import type { Reward } from "../core/types.ts";
import type { KindDefinition } from "../spec/registry.ts";

/**
 * Compares two reward vectors lexicographically (the first objective decides unless the two are within its
 * tolerance, then the next…): negative when `a` is worse, positive when better, 0 when equal throughout.
 * (Lexicographic multi-objective RL, Skalse et al., arXiv 2212.13769)
 * @example compareLexicographic([1, 0], [0.9, 1]) // > 0: the first objective decides
 */
export function compareLexicographic(
  a: readonly number[],
  b: readonly number[],
  tolerance: number | readonly number[] = 0,
): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const tol = typeof tolerance === "number" ? tolerance : (tolerance[i] ?? 0);
    const d = a[i]! - b[i]!;
    if (Math.abs(d) > tol) return d;
  }
  return 0;
}

/**
 * The scalar that orders quantised reward vectors exactly as `compareLexicographic` does: each objective v_i
 * in [lo_i, hi_i] is quantised to q_i ∈ {0, …, L_i − 1} and the score is the mixed-radix number
 * Σ_i q_i·Π_{j>i} L_j divided by Π_j L_j − 1 (so it lies in [0, 1]).
 * @example lexicographicScalar([1, 0], [{ lo: 0, hi: 1, levels: 2 }, { lo: 0, hi: 1, levels: 2 }]) // 2/3
 */
export function lexicographicScalar(
  v: readonly number[],
  scales: readonly { lo: number; hi: number; levels: number }[],
): number {
  let acc = 0;
  let total = 1;
  for (let i = 0; i < scales.length; i++) {
    const { lo, hi, levels } = scales[i]!;
    const x = Math.min(1, Math.max(0, (v[i]! - lo) / (hi - lo)));
    acc = acc * levels + Math.round(x * (levels - 1));
    total *= levels;
  }
  return acc / (total - 1);
}

const params = z
  .strictObject({
    /** Per objective (same order as `objectives`): its range and how many levels it is quantised to. */
    scales: z
      .array(
        z.strictObject({
          lo: z.number().default(0),
          hi: z.number().default(1),
          levels: z.number().int().min(2).max(1000).default(11),
        }),
      )
      .optional(),
  })
  .refine((p) => (p.scales ?? []).every((s) => s.lo < s.hi), "each scale needs lo < hi");

/**
 * `multi.lexicographic`: a reward vector from `objectives` (highest priority first), reported in `components`
 * and `info.vector`, with a scalar score that orders the quantised vectors lexicographically. Any objective
 * failing makes the whole vector unscorable. (arXiv 2212.13769; formalism comparison: arXiv 2310.11840)
 * @example { kind: multi.lexicographic, objectives: [{ kind: temporal.ltlf, formula: "G !delete" }, { kind: text.exact }] }
 */
export const lexicographicKind: KindDefinition<z.infer<typeof params>> = {
  kind: "multi.lexicographic",
  version: 1,
  summary:
    "Reward vector (highest priority first) with a scalar that orders quantised vectors lexicographically.",
  params,
  children: { objectives: "nodes" },
  build(p, children, ctx) {
    const objs = children.objectives as Reward[];
    const scales = objs.map((_, i) => p.scales?.[i] ?? { lo: 0, hi: 1, levels: 11 });
    return defineReward({
      kind: "multi.lexicographic",
      ...(ctx.name !== undefined ? { name: ctx.name } : {}),
      params: { ...p, objectives: objs.map((o) => o.spec) },
      score: (r, _p, c) =>
        then(all(objs.map((o) => o.score(r, c))), (results) => {
          const components = Object.fromEntries(objs.map((o, i) => [o.name, results[i]!.score]));
          const bad = results.findIndex((x) => x.score === null);
          if (bad >= 0)
            return fail(
              results[bad]!.error?.kind ?? "invalid_input",
              `objective ${objs[bad]!.name} has no score`,
              {
                components,
              },
            );
          const vector = results.map((x) => x.score!);
          return ok(lexicographicScalar(vector, scales), { components, info: { vector } });
        }),
    });
  },
};
