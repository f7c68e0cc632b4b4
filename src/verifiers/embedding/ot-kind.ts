import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { referenceAt } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { metaAt } from "../vision/gold.ts";
import { logSinkhorn } from "./sinkhorn.ts";
import { dot, readVectors, unit } from "./vectors.ts";

const params = z.strictObject({
  /** Path in `meta` of the rollout's set of embeddings (e.g. video-frame or token embeddings). */
  pred_field: z.string().min(1).default("embeddings"),
  /** Path in the reference of the set to align with (e.g. text-token embeddings). */
  reference_field: z.string().min(1).default("embeddings"),
  /** Entropic regularisation ε (on a cosine cost in [0, 2]); smaller = closer to exact OT, slower to converge. */
  epsilon: z.number().positive().default(0.05),
  max_iter: z.number().int().positive().max(10_000).default(500),
  /** Stop when the row marginals are off by less than this (L1). */
  tolerance: z.number().positive().default(1e-6),
  /** Largest n·m cost matrix accepted (memory and time bound). */
  max_cells: z.number().int().positive().default(250_000),
  max_dim: z.number().int().positive().default(65_536),
});

/**
 * Optimal-transport-aligned similarity of two sets of embeddings: Σ_ij π_ij·cos(x_i, y_j) for the entropic OT plan
 * π between uniform weights under the cost 1 − cos, solved by log-domain Sinkhorn with an iteration cap.
 * (PISCES OT-aligned rewards, entropic Sinkhorn; PISCES's exact reward formula is UNCONFIRMED, this is the generic form)
 * @example { kind: embedding.ot, epsilon: 0.05, pred_field: frame_embeddings, reference_field: token_embeddings }
 */
export const embeddingOt = leafKind({
  kind: "embedding.ot",
  summary: "Entropic-OT (log-domain Sinkhorn) aligned cosine similarity between two sets of embeddings.",
  params,
  needs: { isolation: true },
  score(r, p) {
    const xs = readVectors(metaAt(r, p.pred_field), p.max_dim, p.max_cells, `meta.${p.pred_field}`);
    if (typeof xs === "string") return fail("invalid_input", xs);
    const ys = readVectors(
      referenceAt(r, p.reference_field),
      p.max_dim,
      p.max_cells,
      `reference.${p.reference_field}`,
    );
    if (typeof ys === "string") return fail("invalid_input", ys);
    const n = xs.length;
    const m = ys.length;
    if (n * m > p.max_cells)
      return fail("resource", `cost matrix ${n}×${m} exceeds max_cells ${p.max_cells}`);
    if ((xs[0] as Float64Array).length !== (ys[0] as Float64Array).length)
      return fail("invalid_input", "the two sets differ in dimension");
    const ux: Float64Array[] = [];
    const uy: Float64Array[] = [];
    for (const x of xs) {
      const u = unit(x);
      if (!u) return fail("invalid_input", "a rollout embedding is a zero vector");
      ux.push(u);
    }
    for (const y of ys) {
      const u = unit(y);
      if (!u) return fail("invalid_input", "a reference embedding is a zero vector");
      uy.push(u);
    }
    const cos = new Float64Array(n * m);
    const C = new Float64Array(n * m);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        const c = dot(ux[i] as Float64Array, uy[j] as Float64Array);
        cos[i * m + j] = c;
        C[i * m + j] = 1 - c;
      }
    const res = logSinkhorn(
      C,
      new Array(n).fill(1 / n),
      new Array(m).fill(1 / m),
      p.epsilon,
      p.max_iter,
      p.tolerance,
    );
    let sim = 0;
    for (let k = 0; k < n * m; k++) sim += (res.plan[k] as number) * (cos[k] as number);
    return ok(sim, {
      components: { transport_cost: 1 - sim },
      info: { iterations: res.iterations, converged: res.converged, marginal_error: res.marginalError, n, m },
    });
  },
});
