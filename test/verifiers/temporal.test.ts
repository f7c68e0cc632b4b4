import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aggregateIou, tempsampShape, temporalIou } from "../../src/verifiers/temporal/tiou.ts";
import { parseSpans, parseTimeValue } from "../../src/verifiers/temporal/timestamps.ts";
import { close, MALFORMED, run, wellFormed } from "./helpers.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

describe("parseSpans (TimeLens parser)", () => {
  it("reads the SFT target format", () => {
    assert.deepEqual(parseSpans("The event happens in 12.5 - 20.0 seconds.").spans, [[12.5, 20]]);
  });
  it("pairs clock tokens: HH:MM:SS(.f) and MM:SS", () => {
    // 00:01:05 = 65 s; 01:12.5 = 72.5 s
    assert.deepEqual(parseSpans("from 00:01:05 until 01:12.5").spans, [[65, 72.5]]);
    // 1:00:00 = 3600 s
    assert.deepEqual(parseSpans("1:00:00 and 1:00:30, then 2:00 and 2:30").spans, [
      [3600, 3630],
      [120, 150],
    ]);
  });
  it("reads X to Y, only the standalone word", () => {
    assert.deepEqual(parseSpans("between 3 to 7").spans, [[3, 7]]);
    // "into" is not a separator: falls back to pairing bare numbers
    const r = parseSpans("clip 3 into 7");
    assert.equal(r.rule, "numbers");
    assert.deepEqual(r.spans, [[3, 7]]);
  });
  it("prefers ranges over bare numbers", () => {
    // "in 2 videos ... 4.5-9" → the range, not (2, 4.5)
    assert.deepEqual(parseSpans("in 2 videos it is at 4.5-9").spans, [[4.5, 9]]);
  });
  it("pairs bare numbers", () => {
    assert.deepEqual(parseSpans("start 4 end 9 also 11 13").spans, [
      [4, 9],
      [11, 13],
    ]);
  });
  it("finds nothing in text without numbers, and ignores digits inside words", () => {
    assert.deepEqual(parseSpans("no times here").spans, []);
    assert.deepEqual(parseSpans("h264 v2").spans, []);
  });
  it("parses single time values", () => {
    assert.equal(parseTimeValue("01:02"), 62);
    assert.equal(parseTimeValue("12.5s"), 12.5);
    assert.equal(parseTimeValue("12 and 13"), null);
    assert.equal(parseTimeValue(Number.NaN), null);
  });
  it("is linear on a huge digit/colon run", () => {
    const t0 = performance.now();
    parseSpans(`${"1:2".repeat(300_000)} - 5`);
    assert.ok(performance.now() - t0 < NO_HANG_MS);
  });
});

describe("temporalIou", () => {
  it("matches the formula", () => {
    // inter = min(10,15) − max(0,5) = 5; hull = 15 − 0 = 15
    close(temporalIou([0, 10], [5, 15]), 5 / 15);
    close(temporalIou([2, 4], [2, 4]), 1);
    // disjoint: inter 0
    close(temporalIou([0, 1], [2, 3]), 0);
    // contained: inter 2, hull 10
    close(temporalIou([3, 5], [0, 10]), 0.2);
  });
  it("is 0 for reversed or empty predictions (TimeLens: start ≥ end → 0)", () => {
    assert.equal(temporalIou([5, 2], [0, 10]), 0);
    assert.equal(temporalIou([3, 3], [0, 10]), 0);
  });
  it("aggregates several gold spans", () => {
    const pred: [number, number][] = [[0, 10]];
    const gold: [number, number][] = [
      [0, 10],
      [20, 30],
    ];
    close(aggregateIou(pred, gold, "first"), 1);
    close(aggregateIou(pred, gold, "max"), 1);
    // mean over gold of best IoU: (1 + 0)/2
    close(aggregateIou(pred, gold, "mean"), 0.5);
    // matching: Σ IoU / max(1, 2) = 1/2
    close(aggregateIou(pred, gold, "match"), 0.5);
    // two preds crossing: the matching pairs [20,30]↔[20,30] (1) and [0,5]↔[0,10] (0.5): 1.5/2
    close(
      aggregateIou(
        [
          [20, 30],
          [0, 5],
        ],
        gold,
        "match",
      ),
      0.75,
    );
  });
});

describe("tempsampShape", () => {
  it("has the sheet's reference values", () => {
    // f(0) = 0.8 − (e^0.8 − 1)/(e − 1) = 0.8 − 1.2255409/1.7182818 = 0.0867703
    close(tempsampShape(0, 0.8, 1), 0.8 - (Math.exp(0.8) - 1) / (Math.E - 1));
    close(tempsampShape(0, 0.8, 1), 0.08677, 1e-5);
    // continuous at τ: f(τ) = τ
    close(tempsampShape(0.8, 0.8, 1), 0.8);
    // plateau: f(1) = 0.8 + 0.01·ln(1.2) = 0.8018232
    close(tempsampShape(1, 0.8, 1), 0.8 + 0.01 * Math.log(1.2));
    // below τ: f(0.5) = 0.8 − (e^0.3 − 1)/(e − 1) = 0.8 − 0.3498588/1.7182818 = 0.8 − 0.2036097 = 0.5963903
    close(tempsampShape(0.5, 0.8, 1), 0.5963903, 1e-6);
  });
});

describe("temporal.tiou", () => {
  it("scores the answer tag against the gold span with R@IoU components", () => {
    const r = run({ kind: "temporal.tiou" }, { completion: "<answer>5 - 15</answer>", reference: [0, 10] });
    close(r.score, 5 / 15);
    assert.equal(r.components?.["r@0.3"], 1);
    assert.equal(r.components?.["r@0.5"], 0);
  });
  it("falls back to the whole text without a tag (TimeLens)", () => {
    const r = run(
      { kind: "temporal.tiou" },
      { completion: "The event happens in 0.0 - 10.0 seconds.", reference: { start: 0, end: 10 } },
    );
    close(r.score, 1);
  });
  it("scores 0 with a reason when no span is found", () => {
    const r = run({ kind: "temporal.tiou" }, { completion: "I cannot tell.", reference: [0, 10] });
    assert.equal(r.score, 0);
    assert.equal(r.info?.reason, "no time span in the answer");
  });
  it("converts seconds to fractions with the video length (Temporal-RLT JSON answer)", () => {
    // pred [30, 60] s of a 120 s video = [0.25, 0.5]; gold [0.25, 0.75]: IoU = 0.25/0.5 = 0.5
    // format: think + answer, JSON parsed → 1. score = 0.5·0.5 + 0.5·1 = 0.75
    const r = run(
      {
        kind: "temporal.tiou",
        answer_format: "json",
        pred_unit: "seconds",
        gold_unit: "fraction",
        iou_weight: 0.5,
        format_weight: 0.5,
        format_tags: ["think", "answer"],
      },
      {
        completion: '<think>x</think> <answer>{"start_time": "30", "end_time": "60"}</answer>',
        reference: { span: [0.25, 0.75], duration: 120 },
      } as never,
    );
    assert.equal(r.error?.kind, "invalid_input"); // the span is under reference.span, not the reference itself
    const r2 = run(
      {
        kind: "temporal.tiou",
        answer_format: "json",
        reference_field: "span",
        pred_unit: "seconds",
        gold_unit: "fraction",
        iou_weight: 0.5,
        format_weight: 0.5,
        format_tags: ["think", "answer"],
      },
      {
        completion: '<think>x</think> <answer>{"start_time": "30", "end_time": "60"}</answer>',
        reference: { span: [0.25, 0.75], duration: 120 },
      },
    );
    close(r2.components?.iou, 0.5);
    close(r2.score, 0.75);
  });
  it("needs the video length when the units differ", () => {
    const r = run(
      { kind: "temporal.tiou", gold_unit: "fraction" },
      { completion: "1 - 2", reference: [0, 1] },
    );
    assert.equal(r.error?.kind, "invalid_input");
  });
  it("applies TempSamp-R1 shaping and its 0.1 format term", () => {
    // IoU 1 → f = 0.8 + 0.01 ln(1.2); format 1; score = f + 0.1
    const r = run(
      { kind: "temporal.tiou", shaping: { type: "tempsamp" }, format_weight: 0.1, pick: "last" },
      { completion: "<answer> 1.00 to 2.00 and then 3 to 4 </answer>", reference: [3, 4] },
    );
    close(r.components?.shaped, 0.8 + 0.01 * Math.log(1.2));
    close(r.score, 0.8 + 0.01 * Math.log(1.2) + 0.1);
  });
  it("scores reversed predictions 0 unless asked to swap", () => {
    assert.equal(run({ kind: "temporal.tiou" }, { completion: "10 - 0", reference: [0, 10] }).score, 0);
    close(
      run({ kind: "temporal.tiou", swap_reversed: true }, { completion: "10 - 0", reference: [0, 10] }).score,
      1,
    );
  });
  it("rejects unusable references as typed errors", () => {
    for (const reference of [undefined, "soon", [Number.NaN, 1], [5, 1], { start: 1 }]) {
      const r = run({ kind: "temporal.tiou" }, { completion: "1 - 2", reference });
      assert.equal(r.score, null);
      assert.equal(r.error?.kind, "invalid_input", JSON.stringify(reference));
    }
  });
  it("survives malformed completions", () => {
    for (const c of MALFORMED) {
      const t0 = performance.now();
      wellFormed(
        run({ kind: "temporal.tiou", format_weight: 0.1 }, { completion: c as string, reference: [0, 10] }),
      );
      wellFormed(
        run(
          { kind: "temporal.tiou", answer_format: "json" },
          { completion: c as string, reference: [0, 10] },
        ),
      );
      assert.ok(performance.now() - t0 < NO_HANG_MS);
    }
    wellFormed(run({ kind: "temporal.tiou" }, { completion: 42 as never, reference: [0, 10] }));
  });
});

describe("temporal.frames (TSPO)", () => {
  it("is the fraction of distinct selected frames inside the event", () => {
    // selected {1,2,3,4} (the duplicate 4 counts once), event {3,4,5}: 2/4
    const r = run(
      { kind: "temporal.frames" },
      { completion: "", meta: { selected_frames: [1, 2, 3, 4, 4] }, reference: { event_frames: [3, 4, 5] } },
    );
    close(r.score, 0.5);
  });
  it("accepts the event as time spans and frames as steps", () => {
    // frame times 1, 5, 9, 12 against spans [0,5] ∪ [10,20]: 1, 5, 12 inside → 3/4
    const r = run(
      { kind: "temporal.frames", gold_as: "spans" },
      {
        completion: "",
        steps: [1, 5, 9, 12].map((t) => ({ kind: "frame", t })),
        reference: {
          event_frames: [
            [10, 20],
            [0, 5],
          ],
        },
      },
    );
    close(r.score, 0.75);
  });
  it("gives general samples (no event mask) 1, as TSPO does", () => {
    assert.equal(
      run({ kind: "temporal.frames" }, { completion: "", meta: { selected_frames: [1] }, reference: {} })
        .score,
      1,
    );
    assert.equal(
      run({ kind: "temporal.frames", no_event: "null" }, { completion: "", reference: {} }).score,
      null,
    );
  });
  it("reports bad inputs as typed errors", () => {
    const bad = run(
      { kind: "temporal.frames" },
      { completion: "", meta: { selected_frames: [1, "x"] }, reference: { event_frames: [1] } },
    );
    assert.equal(bad.error?.kind, "invalid_input");
    const none = run({ kind: "temporal.frames" }, { completion: "", reference: { event_frames: [1] } });
    assert.equal(none.error?.kind, "invalid_input");
  });
});
