import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goalBaselineReward } from "../../src/verifiers/embedding/goal.ts";
import { logSinkhorn } from "../../src/verifiers/embedding/sinkhorn.ts";
import { close, run, wellFormed } from "./helpers.ts";

describe("VLM-RM goal–baseline reward", () => {
  it("α = 0 is the cosine similarity for unit vectors: 1 − ½‖x − g‖² = xᵀg", () => {
    const x = [0.6, 0.8, 0];
    const g = [1, 0, 0];
    close(goalBaselineReward(x, g, [0, 0, 1], 0), 0.6);
  });
  it("α = 1 keeps only the component along d = g − b", () => {
    // g = (1,0), b = (0,1): d = (1,−1), ‖d‖² = 2. x = (0,1): v = x − g = (−1,1); v·d = −2;
    // vP = (v·d/‖d‖²)d = −1·(1,−1) = (−1,1); ‖vP‖² = 2 → R = 1 − 1 = 0
    close(goalBaselineReward([0, 1], [1, 0], [0, 1], 1), 0);
    // x orthogonal to d moves nothing along d: x = (1/√2, 1/√2) → v = (1/√2 − 1, 1/√2), v·d = −1, vP = −½(1,−1),
    // ‖vP‖² = ½ → R = 0.75
    close(goalBaselineReward([Math.SQRT1_2, Math.SQRT1_2], [1, 0], [0, 1], 1), 0.75);
  });
  it("α = 0.5 is the halfway mix: vP = ½v + ½(v·d/‖d‖²)d", () => {
    // x = (0,1), g = (1,0), b = (0,1): v = (−1,1), projection part (−1,1): vP = (−1,1), R = 0
    close(goalBaselineReward([0, 1], [1, 0], [0, 1], 0.5), 0);
    // x = (0,0,1), g = (1,0,0), b = (0,1,0): v = (−1,0,1), d = (1,−1,0), v·d = −1, proj = −½(1,−1,0)
    // vP = ½(−1,0,1) + ½(−½,½,0) = (−0.75, 0.25, 0.5); ‖vP‖² = 0.5625 + 0.0625 + 0.25 = 0.875 → R = 0.5625
    close(goalBaselineReward([0, 0, 1], [1, 0, 0], [0, 1, 0], 0.5), 0.5625);
  });
});

describe("embedding.goal", () => {
  it("reads x from meta and goal/baseline from params, normalising and averaging prompts", () => {
    // x = (3, 4) → (0.6, 0.8); goal prompts (2,0) and (0,5) → mean of unit vectors (0.5, 0.5); α = 0:
    // R = 1 − ½‖(0.1, 0.3)‖² = 1 − ½·0.1 = 0.95
    const r = run(
      {
        kind: "embedding.goal",
        alpha: 0,
        goal: [
          [2, 0],
          [0, 5],
        ],
      },
      { completion: "", meta: { embedding: [3, 4] } },
    );
    close(r.score, 0.95);
  });
  it("reads goal and baseline from the reference", () => {
    const r = run(
      { kind: "embedding.goal", alpha: 1 },
      { completion: "", meta: { embedding: [0, 1] }, reference: { goal: [1, 0], baseline: [0, 1] } },
    );
    close(r.score, 0);
  });
  it("reports bad vectors as typed errors", () => {
    const cases: [Record<string, unknown>, Record<string, unknown> | undefined, unknown][] = [
      [{ kind: "embedding.goal", goal: [1, 0], baseline: [0, 1] }, undefined, undefined],
      [{ kind: "embedding.goal", goal: [1, 0], baseline: [0, 1] }, { embedding: [1, Number.NaN] }, undefined],
      [{ kind: "embedding.goal", goal: [1, 0], baseline: [0, 1] }, { embedding: [0, 0] }, undefined],
      [{ kind: "embedding.goal", goal: [1, 0, 0], baseline: [0, 1, 0] }, { embedding: [1, 0] }, undefined],
      [{ kind: "embedding.goal", goal: [1, 0], baseline: [2, 0] }, { embedding: [1, 0] }, undefined],
      [{ kind: "embedding.goal" }, { embedding: [1, 0] }, { goal: "cat" }],
      [{ kind: "embedding.goal", max_dim: 4 }, { embedding: new Array(10).fill(1) }, undefined],
      [{ kind: "embedding.goal", goal: [1, 0] }, { embedding: [1, 0] }, undefined],
    ];
    for (const [node, meta, reference] of cases) {
      const r = run(node, { completion: "", ...(meta ? { meta } : {}), reference });
      assert.equal(r.score, null);
      assert.equal(r.error?.kind, "invalid_input", JSON.stringify(node));
    }
  });
});

describe("log-domain Sinkhorn", () => {
  it("2×2 with a symmetric cost: π₁₁ = ½/(1 + e^{−1/ε})", () => {
    const res = logSinkhorn(new Float64Array([0, 1, 1, 0]), [0.5, 0.5], [0.5, 0.5], 0.5, 500, 1e-12);
    assert.ok(res.converged);
    close(res.plan[0], 0.5 / (1 + Math.exp(-2)), 1e-9);
    close(res.plan[1], 0.5 - 0.5 / (1 + Math.exp(-2)), 1e-9);
  });
  it("one row: the marginals force π = b", () => {
    const res = logSinkhorn(new Float64Array([0.3, 1.7, 0.9]), [1], [0.2, 0.3, 0.5], 0.1, 100, 1e-12);
    close(res.plan[0], 0.2, 1e-12);
    close(res.plan[2], 0.5, 1e-12);
  });
  it("stays finite for tiny ε where e^{−C/ε} underflows, and approaches exact OT", () => {
    // e^{−2/1e-4} = 0 in doubles; the log domain still finds the permutation plan
    const C = new Float64Array([2, 0, 2, 0, 2, 2, 2, 2, 0]);
    const third = [1 / 3, 1 / 3, 1 / 3];
    const res = logSinkhorn(C, third, third, 1e-4, 1000, 1e-10);
    assert.ok(res.plan.every(Number.isFinite));
    close(res.plan[1], 1 / 3, 1e-6);
    close(res.plan[3], 1 / 3, 1e-6);
    close(res.plan[8], 1 / 3, 1e-6);
  });
  it("stops at the iteration cap and says so", () => {
    const C = new Float64Array([0, 1, 2, 1, 0, 1, 2, 1, 0]);
    const third = [1 / 3, 1 / 3, 1 / 3];
    const res = logSinkhorn(C, third, [0.7, 0.2, 0.1], 1e-3, 3, 1e-15);
    assert.equal(res.iterations, 3);
    assert.equal(res.converged, false);
  });
});

describe("embedding.ot", () => {
  it("2×2 orthonormal sets with ε = 0.5: Σ π·cos = 1/(1 + e^{−2}) = σ(2)", () => {
    // cost 1 − cos = [[0,1],[1,0]]; π on the diagonal = ½/(1 + e^{−2}) each, cos there = 1
    const r = run(
      { kind: "embedding.ot", epsilon: 0.5, tolerance: 1e-12 },
      {
        completion: "",
        meta: {
          embeddings: [
            [1, 0],
            [0, 2],
          ],
        },
        reference: {
          embeddings: [
            [3, 0],
            [0, 1],
          ],
        },
      },
    );
    close(r.score, 1 / (1 + Math.exp(-2)), 1e-9);
    close(r.components?.transport_cost, 1 - 1 / (1 + Math.exp(-2)), 1e-9);
    assert.equal(r.info?.converged, true);
  });
  it("one rollout embedding against m references: the mean cosine", () => {
    // x = (1,0); y = (1,0), (0,1), (1,1)/√2 → cos 1, 0, 1/√2; mean = (1 + 0.7071068)/3
    const r = run(
      { kind: "embedding.ot" },
      {
        completion: "",
        meta: { embeddings: [1, 0] },
        reference: {
          embeddings: [
            [1, 0],
            [0, 1],
            [1, 1],
          ],
        },
      },
    );
    close(r.score, (1 + Math.SQRT1_2) / 3, 1e-9);
  });
  it("is invariant to the order of the set (alignment, not position)", () => {
    const ref = {
      embeddings: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    };
    const a = run(
      { kind: "embedding.ot", epsilon: 0.01 },
      {
        completion: "",
        meta: {
          embeddings: [
            [0, 0, 1],
            [1, 0, 0],
            [0, 1, 0],
          ],
        },
        reference: ref,
      },
    );
    const b = run(
      { kind: "embedding.ot", epsilon: 0.01 },
      {
        completion: "",
        meta: {
          embeddings: [
            [1, 0, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
        },
        reference: ref,
      },
    );
    close(a.score, b.score as number, 1e-9);
    assert.ok((a.score as number) > 0.99);
  });
  it("declares isolation and bounds the work", () => {
    const big = {
      completion: "",
      meta: { embeddings: new Array(600).fill([1, 0]) },
      reference: { embeddings: new Array(600).fill([0, 1]) },
    };
    assert.equal(run({ kind: "embedding.ot" }, big).error?.kind, "resource");
    for (const [meta, reference] of [
      [{ embeddings: [[1, 0]] }, { embeddings: [[1, 0, 0]] }],
      [{ embeddings: [[0, 0]] }, { embeddings: [[1, 0]] }],
      [{ embeddings: "x" }, { embeddings: [[1, 0]] }],
      [{ embeddings: [[1, Number.POSITIVE_INFINITY]] }, { embeddings: [[1, 0]] }],
      [{}, { embeddings: [[1, 0]] }],
      [{ embeddings: [[1, 0], [1]] }, { embeddings: [[1, 0]] }],
    ] as const) {
      const r = run({ kind: "embedding.ot" }, { completion: "", meta: meta as never, reference });
      wellFormed(r);
      assert.equal(r.error?.kind, "invalid_input", JSON.stringify(meta));
    }
  });
});
