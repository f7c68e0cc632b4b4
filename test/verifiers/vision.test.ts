import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { boxIou, extractBoxes, scanBoxes } from "../../src/verifiers/vision/boxes.ts";
import { hungarian } from "../../src/verifiers/vision/hungarian.ts";
import { matchScore } from "../../src/verifiers/vision/match.ts";
import { decodeCounts, onesIntervals, runsIou } from "../../src/verifiers/vision/rle.ts";
import { close, MALFORMED, run, wellFormed } from "./helpers.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

/** Minimum assignment cost by trying every injection of the smaller side (the reference for small sizes). */
function bruteForce(c: number[][]): number {
  const rows = c.length;
  const cols = (c[0] as number[]).length;
  const t = rows > cols;
  const a = (i: number, j: number) => (t ? (c[j] as number[])[i] : (c[i] as number[])[j]) as number;
  const n = Math.min(rows, cols);
  const m = Math.max(rows, cols);
  let best = Number.POSITIVE_INFINITY;
  const used = new Array(m).fill(false);
  const go = (i: number, acc: number) => {
    if (i === n) {
      best = Math.min(best, acc);
      return;
    }
    for (let j = 0; j < m; j++) {
      if (used[j]) continue;
      used[j] = true;
      go(i + 1, acc + a(i, j));
      used[j] = false;
    }
  };
  go(0, 0);
  return best;
}

describe("hungarian", () => {
  it("solves small cases", () => {
    assert.deepEqual(
      hungarian([
        [4, 1],
        [2, 8],
      ]),
      {
        pairs: [
          [0, 1],
          [1, 0],
        ],
        cost: 3,
      },
    );
    // (0,1)=1 + (1,0)=2 + (2,2)=2 = 5
    assert.equal(
      hungarian([
        [4, 1, 3],
        [2, 0, 5],
        [3, 2, 2],
      ]).cost,
      5,
    );
    // 2×3: (0,1)=2 + (1,0)=2 = 4 is the cheapest of the six injections
    assert.deepEqual(
      hungarian([
        [1, 2, 3],
        [2, 4, 6],
      ]),
      {
        pairs: [
          [0, 1],
          [1, 0],
        ],
        cost: 4,
      },
    );
    // 3×2 (transposed internally)
    assert.deepEqual(
      hungarian([
        [1, 2],
        [2, 4],
        [3, 6],
      ]),
      {
        pairs: [
          [0, 1],
          [1, 0],
        ],
        cost: 4,
      },
    );
    assert.deepEqual(hungarian([]), { pairs: [], cost: 0 });
    // negative costs (maximisation by negation)
    assert.equal(
      hungarian([
        [-1, -5],
        [-3, -2],
      ]).cost,
      -8,
    );
  });
  it("agrees with brute force on random matrices", () => {
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + Math.floor(rand() * 6);
      const cols = 1 + Math.floor(rand() * 6);
      const c = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => Math.round(rand() * 20) / 4),
      );
      const h = hungarian(c);
      close(h.cost, bruteForce(c), 1e-9);
      assert.equal(h.pairs.length, Math.min(rows, cols));
      assert.equal(new Set(h.pairs.map((p) => p[1])).size, h.pairs.length);
    }
  });
  it("is fast at the 120-object cap", () => {
    const c = Array.from({ length: 120 }, (_, i) =>
      Array.from({ length: 120 }, (_, j) => ((i * 7919 + j * 104729) % 1000) / 1000),
    );
    const t0 = performance.now();
    hungarian(c);
    assert.ok(performance.now() - t0 < NO_HANG_MS);
  });
});

describe("box IoU", () => {
  it("matches the formula", () => {
    // inter 5×5 = 25; union 100 + 100 − 25 = 175
    close(boxIou([0, 0, 10, 10], [5, 5, 15, 15]), 25 / 175);
    // inclusive pixels: [0,9] is 10 px wide; inter 5×5 = 25 of 175
    close(boxIou([0, 0, 9, 9], [5, 5, 14, 14], true), 25 / 175);
    close(boxIou([0, 0, 10, 10], [0, 0, 10, 10]), 1);
    assert.equal(boxIou([0, 0, 10, 10], [20, 20, 30, 30]), 0);
    assert.equal(boxIou([10, 10, 0, 0], [0, 0, 10, 10]), 0); // reversed box: zero area
    assert.equal(boxIou([1, 1, 1, 1], [1, 1, 1, 1]), 0); // both empty
  });
  it("extracts boxes from JSON and free text", () => {
    assert.deepEqual(
      extractBoxes('<answer>[{"bbox_2d": [1, 2, 3, 4], "label": "cat"}]</answer>', "answer", 10).boxes,
      [[1, 2, 3, 4]],
    );
    assert.deepEqual(scanBoxes("at [1, 2, 30, 40.5] and [5,6] and [[7,8,9,10]]"), [
      [1, 2, 30, 40.5],
      [7, 8, 9, 10],
    ]);
    assert.deepEqual(scanBoxes("[1,2,3,4,5]"), []);
  });
});

describe("matchScore", () => {
  it("(#matched − Σcost)/max(M, N)", () => {
    // diagonal matching: costs 0 and 0.5 → (2 − 0.5)/2
    close(
      matchScore(
        [
          [1, 0],
          [0, 0.5],
        ],
        2,
        2,
        0,
      ).score,
      0.75,
    );
    // a third prediction beyond the cap still counts in max(M, N): 1.5/3
    close(
      matchScore(
        [
          [1, 0],
          [0, 0.5],
        ],
        3,
        2,
        0,
      ).score,
      0.5,
    );
    // min_iou 0.6 drops the 0.5 pair: (1 − 0)/2
    close(
      matchScore(
        [
          [1, 0],
          [0, 0.5],
        ],
        2,
        2,
        0.6,
      ).score,
      0.5,
    );
    assert.equal(matchScore([], 0, 0, 0).score, 1);
    assert.equal(matchScore([], 0, 3, 0).score, 0);
    assert.equal(matchScore([[], []], 2, 0, 0).score, 0);
  });
});

describe("run-length masks", () => {
  it("decodes COCO compressed counts", () => {
    // 5, 2, 2 stored raw; then 0 + counts[1] = 2, 3 + counts[2] = 5
    assert.deepEqual(decodeCounts("52203"), [5, 2, 2, 2, 5]);
    // 'O' = 79 − 48 = 31: sign bit set, no continuation → −1; −1 + counts[1] = 1
    assert.deepEqual(decodeCounts("321O"), [3, 2, 1, 1]);
    // 'P' = 32: continuation; then '1' = 1 → 0 | 1 << 5 = 32
    assert.deepEqual(decodeCounts("P1"), [32]);
    assert.equal(decodeCounts("P"), null); // continuation without an end
    assert.equal(decodeCounts(" "), null);
  });
  it("computes IoU on runs", () => {
    const a = onesIntervals({ size: [2, 3], counts: [1, 2, 3] });
    const b = onesIntervals({ size: [2, 3], counts: "222" });
    assert.ok(typeof a !== "string" && typeof b !== "string");
    // ones [1,3) and [2,4): inter 1, union 3
    close(runsIou(a.runs, b.runs), 1 / 3);
    assert.equal(runsIou([], []), 0);
    assert.equal(typeof onesIntervals({ size: [2, 3], counts: [1, 2] }), "string"); // sums to 3, not 6
    assert.equal(typeof onesIntervals({ size: [2, 3], counts: [1, -2, 7] }), "string");
  });
});

describe("vision.box_iou", () => {
  it("scores the first predicted box against the best gold", () => {
    const r = run(
      { kind: "vision.box_iou", thresholds: [0.1, 0.5] },
      {
        completion: "<answer>[0, 0, 10, 10]</answer>",
        reference: [
          [5, 5, 15, 15],
          [100, 100, 110, 110],
        ],
      },
    );
    close(r.score, 1 / 7);
    assert.equal(r.components?.["iou@0.1"], 1);
    assert.equal(r.components?.["iou@0.5"], 0);
  });
  it("converts xywh", () => {
    const r = run(
      { kind: "vision.box_iou", pred_format: "xywh" },
      { completion: "[5, 5, 10, 10]", reference: [5, 5, 15, 15] },
    );
    close(r.score, 1);
  });
  it("no box → 0 with a reason; bad gold → typed error", () => {
    assert.equal(run({ kind: "vision.box_iou" }, { completion: "a cat", reference: [0, 0, 1, 1] }).score, 0);
    for (const reference of [undefined, [1, 2, 3], "box", [Number.NaN, 0, 1, 1]])
      assert.equal(
        run({ kind: "vision.box_iou" }, { completion: "[0,0,1,1]", reference }).error?.kind,
        "invalid_input",
      );
  });
});

describe("vision.match", () => {
  it("matches boxes one-to-one", () => {
    // preds: A = gold1 exactly, B overlaps gold0 with IoU 25/175; (2 − (0 + 150/175))/2
    const r = run(
      { kind: "vision.match", reference_field: "boxes" },
      {
        completion: "<answer>[[20,20,30,30],[5,5,15,15]]</answer>",
        reference: {
          boxes: [
            [0, 0, 10, 10],
            [20, 20, 30, 30],
          ],
        },
      },
    );
    close(r.score, (1 + 25 / 175) / 2);
    assert.equal(r.components?.matched, 2);
  });
  it("matches run-length masks", () => {
    const r = run(
      { kind: "vision.match", target: "masks" },
      {
        completion: "",
        meta: { masks: [{ size: [2, 3], counts: "222" }] },
        reference: [{ size: [2, 3], counts: [1, 2, 3] }],
      },
    );
    close(r.score, 1 / 3);
    const bad = run(
      { kind: "vision.match", target: "masks" },
      {
        completion: "",
        meta: { masks: [{ size: [3, 2], counts: [6] }] },
        reference: [{ size: [2, 3], counts: [6] }],
      },
    );
    assert.equal(bad.error?.kind, "invalid_input");
  });
});

const veasonGold = {
  frames: [
    { id: 0, area: 100, boxes: [[0, 0, 9, 9]], mask: { size: [2, 3], counts: [1, 2, 3] } },
    { id: 4, area: 50 },
  ],
  boxes: [[0, 0, 9, 9]],
};

describe("Veason-R1", () => {
  const ans = (k: number) =>
    `<think>ok</think><answer>{"keyframe_timestamp": ${k}, "bbox_2d_list": [[0,0,9,9], [1,2,3]]}</answer>`;
  it("keyframe reward: area at the keyframe / max area", () => {
    close(run({ kind: "vision.keyframe" }, { completion: ans(4), reference: veasonGold }).score, 0.5);
    close(run({ kind: "vision.keyframe" }, { completion: ans(0), reference: veasonGold }).score, 1);
    assert.equal(run({ kind: "vision.keyframe" }, { completion: ans(3), reference: veasonGold }).score, 0); // not sampled
    assert.equal(run({ kind: "vision.keyframe" }, { completion: "no json", reference: veasonGold }).score, 0);
  });
  it("holistic sum R_fmt + R_key + R_acc", () => {
    // fmt = 1 (think/answer) + 1/2 (one of two listed boxes is valid) = 1.5; key = 50/100;
    // frame 4 has no boxes → reference.boxes; the valid box matches exactly: (1 − 0)/1 = 1; no masks → 0
    const r = run({ kind: "vision.veason" }, { completion: ans(4), reference: veasonGold });
    close(r.components?.format, 1.5);
    close(r.components?.keyframe, 0.5);
    close(r.components?.box_match, 1);
    assert.equal(r.components?.mask, null);
    close(r.score, 3);
    // keyframe 0 with a predicted mask: key 1, mask IoU 1/3 → 1.5 + 1 + 1 + 1/3
    const m = run(
      { kind: "vision.veason" },
      {
        completion: ans(0),
        reference: veasonGold,
        meta: { masks: { "0": { size: [2, 3], counts: [2, 2, 2] } } },
      },
    );
    close(m.score, 1.5 + 1 + 1 + 1 / 3);
  });
});

describe("vision.grounding (GRiP-style)", () => {
  const gold = [
    { bbox: [0, 0, 10, 10], weight: 3 },
    { bbox: [20, 20, 30, 30], weight: 1 },
  ];
  it("weights IoU by salience", () => {
    const c = (boxes: string) => ({
      completion: `<think>x</think><answer>${boxes}</answer>`,
      reference: gold,
    });
    // the salient object found: 3·1/(3 + 1) = 0.75, plus format 1
    close(run({ kind: "vision.grounding" }, c("[[0,0,10,10]]")).score, 1.75);
    // the minor object found: 1/4
    close(run({ kind: "vision.grounding" }, c("[[20,20,30,30]]")).score, 1.25);
    // both plus one spurious box: 4/(4 + 1·1) = 0.8
    close(run({ kind: "vision.grounding" }, c("[[0,0,10,10],[20,20,30,30],[50,50,60,60]]")).score, 1.8);
    // unit weights reduce to Σ IoU / max(M, N): 2/3
    const unit = run(
      { kind: "vision.grounding", format_weight: 0 },
      {
        completion: "<think>x</think><answer>[[0,0,10,10],[20,20,30,30],[50,50,60,60]]</answer>",
        reference: [
          [0, 0, 10, 10],
          [20, 20, 30, 30],
        ],
      },
    );
    close(unit.score, 2 / 3);
  });
  it("format needs the tags and a box", () => {
    const r = run({ kind: "vision.grounding" }, { completion: "[[0,0,10,10]]", reference: gold });
    assert.equal(r.components?.format, 0);
    close(r.score, 0.75);
  });
});

describe("vision kinds on malformed input", () => {
  it("never throw, never hang", () => {
    const nodes: [Record<string, unknown>, unknown][] = [
      [{ kind: "vision.box_iou" }, [0, 0, 10, 10]],
      [{ kind: "vision.match" }, [[0, 0, 10, 10]]],
      [{ kind: "vision.keyframe" }, veasonGold],
      [{ kind: "vision.veason" }, veasonGold],
      [{ kind: "vision.grounding" }, [[0, 0, 10, 10]]],
    ];
    const extra = [
      `[${"[".repeat(50_000)}1,2,3,4${"]".repeat(50_000)}]`,
      `[${"1,".repeat(100_000)}1]`,
      `<answer>${"[0,0,1,1],".repeat(20_000)}</answer>`,
    ];
    for (const [node, reference] of nodes)
      for (const c of [...MALFORMED, ...extra]) {
        const t0 = performance.now();
        wellFormed(run(node, { completion: c as string, reference }));
        assert.ok(performance.now() - t0 < NO_HANG_MS, `${node.kind} took too long`);
      }
    wellFormed(
      run({ kind: "vision.match", target: "masks" }, { completion: "", meta: { masks: "x" }, reference: [] }),
    );
    wellFormed(
      run(
        { kind: "vision.match", target: "masks" },
        { completion: "", meta: { masks: [{ size: [1e9, 1e9], counts: "" }] }, reference: [] },
      ),
    );
  });
});
