import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import { compileNode } from "../../src/spec/compile.ts";

const KINDS = [
  "temporal.tiou",
  "temporal.frames",
  "temporal.date",
  "memory.t1",
  "vision.box_iou",
  "vision.match",
  "vision.keyframe",
  "vision.veason",
  "vision.grounding",
  "embedding.goal",
  "embedding.ot",
];

describe("B library kinds in the default registry", () => {
  it("every kind is registered and compiles with its defaults", () => {
    for (const kind of KINDS) {
      assert.ok(defaultRegistry.get(kind), kind);
      assert.equal(compileNode({ kind }, { registry: defaultRegistry }).id, `${kind}@1`);
    }
  });
  it("bad parameters are spec errors, not runtime failures", () => {
    assert.throws(() =>
      compileNode({ kind: "temporal.tiou", aggregate: "median" }, { registry: defaultRegistry }),
    );
    assert.throws(() => compileNode({ kind: "embedding.goal", alpha: 2 }, { registry: defaultRegistry }));
    assert.throws(() => compileNode({ kind: "vision.match", unknown: 1 }, { registry: defaultRegistry }));
  });
  it("only embedding.ot asks for isolation", () => {
    for (const kind of KINDS)
      assert.equal(
        !!compileNode({ kind }, { registry: defaultRegistry }).needs.isolation,
        kind === "embedding.ot",
        kind,
      );
  });
  it("is deterministic: same input, same result", () => {
    const node = { kind: "embedding.ot", epsilon: 0.1 };
    const r = {
      completion: "",
      meta: {
        embeddings: [
          [1, 2],
          [3, 1],
        ],
      },
      reference: {
        embeddings: [
          [2, 1],
          [0, 1],
          [1, 1],
        ],
      },
    };
    const a = compileNode(node, { registry: defaultRegistry }).score(r, {});
    const b = compileNode(node, { registry: defaultRegistry }).score(r, {});
    assert.deepEqual(a, b);
  });
});
