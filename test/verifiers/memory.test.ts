import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  computationAccuracy,
  durationDays,
  localizationAccuracy,
  optionAccuracy,
  timelineAccuracy,
} from "../../src/verifiers/memory/answer-accuracy.ts";
import { sessionId } from "../../src/verifiers/memory/memory-t1-kind.ts";
import {
  DEFAULT_END,
  DEFAULT_START,
  rangeRelation,
  sessionProximity,
  textMatch,
  timestampDay,
} from "../../src/verifiers/memory/session-time.ts";
import { dayNumber } from "../../src/verifiers/temporal/dates.ts";
import { close, MALFORMED, run, wellFormed } from "./helpers.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

describe("Memory-T1 answer accuracy", () => {
  it("option questions: exact set match", () => {
    assert.equal(optionAccuracy("(a)(b)", "(b) (a)"), 1);
    assert.equal(optionAccuracy("(a)", "(a)(b)"), 0);
    assert.equal(optionAccuracy("B", "b"), 0); // case-sensitive, as in the reference
  });
  it("timeline: TP/|pred| by position; no items is unevaluable", () => {
    // only (a) is in place: 1/3
    close(timelineAccuracy("(a)(c)(b)", "(a)(b)(c)"), 1 / 3);
    // 2 predicted, both in place: 2/2, though the gold has 3
    close(timelineAccuracy("(a)(b)", "(a)(b)(c)"), 1);
    assert.equal(timelineAccuracy("", "(a)"), null);
  });
  it("computation: <n> <unit> pairs within ±1 day", () => {
    assert.equal(durationDays("2 years 3 days"), 733);
    assert.equal(durationDays("3days"), 0); // the unit must follow whitespace
    assert.equal(computationAccuracy("3 days", "72 hours"), 1);
    // month = 30 days: |30 − 31| ≤ 1
    assert.equal(computationAccuracy("1 month", "31 days"), 1);
    // pairs, not totals: [730, 3] vs [733] → no pair matches
    assert.equal(computationAccuracy("2 years 3 days", "733 days"), 0);
    assert.equal(computationAccuracy("", ""), 1);
  });
  it("localization: graded day distance (the intended formula)", () => {
    const g = "2022-07-14";
    const at = (d: number) => new Date(Date.UTC(2022, 6, 14 + d)).toISOString().slice(0, 10);
    assert.equal(localizationAccuracy(at(0), g), 1);
    close(localizationAccuracy(at(1), g), 0.9); // 1 − 0.1
    close(localizationAccuracy(at(-5), g), 0.5); // max(0.5, 0.5)
    close(localizationAccuracy(at(7), g), 0.5); // max(0.5, 0.3)
    close(localizationAccuracy(at(8), g), 0.48); // 0.5 − 0.02·1
    close(localizationAccuracy(at(27), g), 0.1); // 0.5 − 0.02·20 = 0.1
    close(localizationAccuracy(at(30), g), 0.1); // max(0.1, 0.04)
    assert.equal(localizationAccuracy(at(31), g), 0);
    close(localizationAccuracy("July 16, 2022", g), 0.8);
    // unparseable: string equality
    assert.equal(localizationAccuracy("last summer", "last summer"), 1);
    assert.equal(localizationAccuracy("last summer", g), 0);
  });
});

describe("Memory-T1 temporal consistency", () => {
  it("session proximity", () => {
    const s = dayNumber(2022, 7, 1);
    const e = dayNumber(2022, 7, 31);
    assert.equal(sessionProximity(s, s, e), 1);
    // 15 days after a 30-day range: d = 0.5 → 1.5/(1 + e^0.25) − 0.5 = 1.5/2.2840254 − 0.5 = 0.1567352
    close(sessionProximity(e + 15, s, e), 1.5 / (1 + Math.exp(0.25)) - 0.5);
    close(sessionProximity(e + 15, s, e), 0.1567352, 1e-7);
    // just outside: d → 0 gives 1.5/2 − 0.5 = 0.25, not 1 (the cliff the formula has)
    close(sessionProximity(s - 1, s, s + 1_000_000), 0.25, 1e-6);
    // far away: clipped at −0.5
    close(sessionProximity(e + 1e9, s, e), -0.5);
    // a point range counts as 1 day
    close(sessionProximity(s + 2, s, s), 1.5 / (1 + Math.exp(1)) - 0.5);
  });
  it("range relation", () => {
    assert.equal(rangeRelation(0, 10, 2, 3), 1);
    assert.equal(rangeRelation(0, 10, 8, 12), 0.5);
    assert.equal(rangeRelation(0, 10, 11, 12), -1);
    assert.equal(rangeRelation(0, 10, 5, 4), -1); // invalid event range
  });
  it("text match", () => {
    // S = [bob, birthday, dinner]; L = [when, did, alice, attend, birthday, party]; overlap 1/3;
    // one match at position 4: no continuity bonus; position weight (1 − 4/6)·0.2 = 0.0666667 → 0.4
    close(textMatch("Bob birthday dinner", "When did Alice attend the birthday party?"), 0.4);
    // S = [birthday, party, photos]; matches at 4, 5 (run of 2): overlap 2/3, continuity min(0.3, 2/3·0.3) = 0.2,
    // position (1 − 4.5/6)·0.2 = 0.05 → 0.9166667
    close(
      textMatch("birthday party photos", "When did Alice attend the birthday party?"),
      2 / 3 + 0.2 + 0.05,
    );
    assert.equal(textMatch("the and of", "the and of"), 0); // stop words and short words only
    assert.equal(textMatch("Alice birthday party", "When did Alice attend the birthday party?"), 1); // capped
  });
  it("timestamps with defaults", () => {
    assert.equal(timestampDay("2022-07-16T11:13:00Z", 0), dayNumber(2022, 7, 16));
    assert.equal(timestampDay("unknown", DEFAULT_START), dayNumber(2020, 1, 1));
    assert.equal(timestampDay(null, DEFAULT_END), dayNumber(2025, 8, 1));
    assert.equal(timestampDay("2023-02-30", 7), 7);
  });
  it("session ids", () => {
    assert.equal(sessionId("<session_12>"), "session_12");
    assert.equal(sessionId("session_ then session_3x"), "session_3");
    assert.equal(sessionId("session"), null);
  });
});

const record = {
  answer: "July 14, 2022",
  ability: "localization",
  question: "<question>\nQuestion: When did Alice attend the birthday party?\n</question>",
  question_time_range: "{'start': '2022-07-01', 'end': '2022-07-31'}",
  gold_selected_sessions: ["session_1"],
  all_sessions: [
    {
      session_id: "session_1",
      session_time: "2022-07-10",
      utterances: [
        {
          events: [
            { event_summary: "Alice birthday party", event_time: ["2022-07-14", "2022-07-14"] },
            { event_summary: "Bob birthday dinner", event_time: ["2022-06-25", "2022-07-05"] },
            { event_summary: "Alice birthday party", event_time: ["unknown", "unknown"] },
            { event_summary: "Weather report", event_time: ["2022-07-02", "2022-07-02"] },
          ],
        },
        { events: null },
      ],
    },
    { session_id: "session_2", session_time: "2022-08-15", utterances: [] },
  ],
};
const output = JSON.stringify({
  selected_memory: ["<session_1>", "session_2", "session_2"],
  answer: "2022-07-16",
});

describe("memory.t1", () => {
  it("combines 0.6·acc + 0.2·ground + 0.2·time on a worked example", () => {
    // acc: Δ = 2 days → 0.8. ground: {s1, s2} overlaps {s1} → 0.5.
    // s1: session inside → 1; events: sim 1 × contained 1, sim 0.4 × overlap 0.5 = 0.2; unknown skipped;
    //     "Weather report" sim 0 < 0.2 skipped → density (1 + 0.2)/2 = 0.6 → (1 + 0.6)/2 = 0.8
    // s2: 15 days after a 30-day range → 0.1567352, no events → (0.1567352 + 0)/2 = 0.0783676
    // (the duplicate session_2 counts once) time = (0.8 + 0.0783676)/2 = 0.4391838
    // R = 0.48 + 0.1 + 0.0878368 = 0.6678368
    const sess2 = 1.5 / (1 + Math.exp(0.25)) - 0.5;
    const time = (0.8 + sess2 / 2) / 2;
    const r = run({ kind: "memory.t1" }, { completion: `\`\`\`json\n${output}\n\`\`\``, reference: record });
    close(r.components?.accuracy, 0.8);
    close(r.components?.grounding, 0.5);
    close(r.components?.time, time);
    close(r.score, 0.6 * 0.8 + 0.2 * 0.5 + 0.2 * time);
    close(r.score, 0.6678368, 1e-7);
  });
  it("reproduces the published code's localization bug only when asked", () => {
    // v7: metrics["exact_match"] on a float raises → −0.5 for every localization answer
    const r = run(
      { kind: "memory.t1", localization: "v7_compat" },
      { completion: output, reference: record },
    );
    const time = (0.8 + (1.5 / (1 + Math.exp(0.25)) - 0.5) / 2) / 2;
    close(r.components?.accuracy, -0.5);
    close(r.score, 0.6 * -0.5 + 0.2 * 0.5 + 0.2 * time);
  });
  it("exact grounding, empty selection and custom weights", () => {
    const exact = JSON.stringify({ selected_memory: ["session_1"], answer: "July 14, 2022" });
    const r = run({ kind: "memory.t1" }, { completion: exact, reference: record });
    // acc 1, ground 1, time 0.8 → 0.6 + 0.2 + 0.16
    close(r.score, 0.96);
    const none = run(
      { kind: "memory.t1" },
      { completion: '{"selected_memory": [], "answer": "x"}', reference: record },
    );
    // acc 0 ("x" vs a date: string inequality), ground −1, time 0
    close(none.score, -0.2);
    assert.equal(none.components?.time_session, null);
    const w = run(
      { kind: "memory.t1", weights: { accuracy: 1, grounding: 0, time: 0 } },
      { completion: exact, reference: record },
    );
    close(w.score, 1);
  });
  it("timeline answers without items score the error value", () => {
    const r = run(
      { kind: "memory.t1" },
      {
        completion: '{"selected_memory": ["session_1"], "answer": ""}',
        reference: { ...record, ability: "timeline", answer: "(a)(b)" },
      },
    );
    close(r.components?.accuracy, -0.5);
  });
  it("unparseable output scores −1 (the formula's own value), with the reason", () => {
    for (const c of ["not json", "[1, 2]", '"answer"', '```json\n{"a": 1', ""]) {
      const r = run({ kind: "memory.t1" }, { completion: c, reference: record });
      assert.equal(r.score, -1, c);
      assert.ok(typeof r.info?.reason === "string");
    }
  });
  it("bad references are typed errors", () => {
    for (const reference of [
      undefined,
      "x",
      [1],
      { ability: "timeline" },
      { answer: "x", all_sessions: "no" },
    ]) {
      assert.equal(
        run({ kind: "memory.t1" }, { completion: output, reference }).error?.kind,
        "invalid_input",
      );
    }
  });
  it("survives malformed outputs and records", () => {
    for (const c of MALFORMED) {
      const t0 = performance.now();
      wellFormed(run({ kind: "memory.t1" }, { completion: c as string, reference: record }));
      assert.ok(performance.now() - t0 < NO_HANG_MS);
    }
    const weird = JSON.stringify({
      selected_memory: [{ id: "session_1" }, 7, null, "session_999"],
      answer: [1, 2],
    });
    wellFormed(run({ kind: "memory.t1" }, { completion: weird, reference: record }));
    const badSessions = {
      ...record,
      all_sessions: [null, 5, { session_id: "session_1", utterances: [null, { events: [null, {}] }] }],
    };
    wellFormed(run({ kind: "memory.t1" }, { completion: output, reference: badSessions }));
  });
});
