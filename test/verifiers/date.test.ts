import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { logDistance, weberPosition } from "../../src/verifiers/temporal/date-distance.ts";
import { parseDates, yearPoint } from "../../src/verifiers/temporal/dates.ts";
import { close, MALFORMED, run, wellFormed } from "./helpers.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

describe("parseDates", () => {
  it("reads the usual date forms", () => {
    const day = (year: number, month: number, d: number) => ({ year, month, day: d, granularity: "day" });
    assert.deepEqual(parseDates("2022-07-16"), [day(2022, 7, 16)]);
    assert.deepEqual(parseDates("2022-07-16T11:13:00Z")[0], day(2022, 7, 16));
    assert.deepEqual(parseDates("July 14, 2022"), [day(2022, 7, 14)]);
    assert.deepEqual(parseDates("Jul. 14th 2022"), [day(2022, 7, 14)]);
    assert.deepEqual(parseDates("14 July 2022"), [day(2022, 7, 14)]);
    assert.deepEqual(parseDates("the 14th of July, 2022"), [day(2022, 7, 14)]);
    assert.deepEqual(parseDates("07/14/2022"), [day(2022, 7, 14)]);
    // day-first, and an unambiguous 14/07 is read day-first even without the flag
    assert.deepEqual(parseDates("03/04/2020", { dayFirst: true }), [day(2020, 4, 3)]);
    assert.deepEqual(parseDates("14/07/2022"), [day(2022, 7, 14)]);
    assert.deepEqual(parseDates("March 2020"), [{ year: 2020, month: 3, granularity: "month" }]);
    assert.deepEqual(parseDates("2020-03"), [{ year: 2020, month: 3, granularity: "month" }]);
  });
  it("reads years with eras (astronomical numbering: 44 BC = −43)", () => {
    assert.deepEqual(parseDates("44 BC"), [{ year: -43, granularity: "year" }]);
    assert.deepEqual(parseDates("44 B.C."), [{ year: -43, granularity: "year" }]);
    assert.deepEqual(parseDates("AD 79"), [{ year: 79, granularity: "year" }]);
    assert.deepEqual(parseDates("in 1969."), [{ year: 1969, granularity: "year" }]);
  });
  it("rejects impossible dates", () => {
    // 2023 is not a leap year: Feb 29 is not a date; the scanner then reads the pieces as years
    assert.ok(parseDates("2023-02-29").every((d) => d.granularity !== "day"));
    assert.deepEqual(parseDates("2024-02-29")[0], { year: 2024, month: 2, day: 29, granularity: "day" });
  });
  it("places dates on a year axis", () => {
    // July = month 7: 2000 + 6/12
    close(yearPoint({ year: 2000, month: 7, granularity: "month" }, "month"), 2000.5);
    // 2001-01-02: day of year 1 (0-based) of 365
    close(yearPoint({ year: 2001, month: 1, day: 2, granularity: "day" }, "day"), 2001 + 1 / 365);
    // leap year: 2000-12-31 is day 365 (0-based) of 366
    close(yearPoint({ year: 2000, month: 12, day: 31, granularity: "day" }, "day"), 2000 + 365 / 366);
  });
});

describe("Weber–Fechner distance", () => {
  it("compresses distances away from the reference point", () => {
    // ψ(2015) seen from 2025 with s = 1: −ln(1 + 10) = −2.3978953
    close(weberPosition(2015, 2025, 1), -Math.log(11));
    // one year apart near r: |ln(1+5) − ln(1+4)| = ln(6/5) = 0.1823216
    close(logDistance(2020, 2021, 2025, 1), Math.log(6 / 5));
    // one year apart far from r: ln(226/225) = 0.0044346
    close(logDistance(1800, 1801, 2025, 1), Math.log(226 / 225));
    assert.ok(logDistance(1800, 1801, 2025, 1) < logDistance(2020, 2021, 2025, 1));
    // across r: ln(1+5) + ln(1+5)
    close(logDistance(2020, 2030, 2025, 1), 2 * Math.log(6));
  });
});

describe("temporal.date", () => {
  const gold = { completion: "", reference: "July 20, 1969" };
  it("log mode with the gold as reference point: (1 + |Δ|/s)^(−1/τ)", () => {
    // same year: 1
    close(run({ kind: "temporal.date" }, { ...gold, completion: "<answer>1969</answer>" }).score, 1);
    // 1970 vs 1969 at year granularity: D = ln 2, score = e^{−ln 2} = 0.5
    close(run({ kind: "temporal.date" }, { ...gold, completion: "<answer>1970</answer>" }).score, 0.5);
    // τ = 2: 2^{−1/2} = 0.7071068
    close(run({ kind: "temporal.date", decay: 2 }, { ...gold, completion: "1970" }).score, Math.SQRT1_2);
  });
  it("log mode with a fixed reference point", () => {
    // r = 2025, s = 1: D = ln(1+56) − ln(1+55) = ln(57/56); score = 56/57
    const r = run({ kind: "temporal.date", reference_point: 2025 }, { ...gold, completion: "1970" });
    close(r.score, 56 / 57);
    close(r.components?.distance_years, 1);
  });
  it("compares days when both sides have days", () => {
    // 1969-07-21 vs 1969-07-20: Δ = 1/365 year; score = 1/(1 + 1/365) = 365/366
    const r = run({ kind: "temporal.date" }, { ...gold, completion: "It was 21 July 1969." });
    close(r.score, 365 / 366);
    assert.equal(r.components?.exact, 0);
  });
  it("picks the most specific date in a sentence", () => {
    // "Apollo 11" is a year-like number; the full date wins
    const r = run(
      { kind: "temporal.date", mode: "exact" },
      { ...gold, completion: "Apollo 11 landed on July 20, 1969" },
    );
    assert.equal(r.score, 1);
    const first = run(
      { kind: "temporal.date", mode: "exact", pick: "first" },
      { ...gold, completion: "Apollo 11 landed on July 20, 1969" },
    );
    assert.equal(first.score, 0);
  });
  it("exact and tolerance modes", () => {
    assert.equal(run({ kind: "temporal.date", mode: "exact" }, { ...gold, completion: "1970" }).score, 0);
    assert.equal(
      run(
        { kind: "temporal.date", mode: "exact", granularity: "year" },
        { ...gold, completion: "1969-12-31" },
      ).score,
      1,
    );
    // 1969-07-27 is 7 days off: within 7 days, not within 6
    const c = { ...gold, completion: "1969-07-27" };
    assert.equal(
      run({ kind: "temporal.date", mode: "tolerance", tolerance: 7, tolerance_unit: "days" }, c).score,
      1,
    );
    assert.equal(
      run({ kind: "temporal.date", mode: "tolerance", tolerance: 6, tolerance_unit: "days" }, c).score,
      0,
    );
    assert.equal(
      run({ kind: "temporal.date", mode: "tolerance", tolerance: 1 }, { ...gold, completion: "1970" }).score,
      1,
    );
  });
  it("takes the best of several golds and year numbers", () => {
    assert.equal(
      run({ kind: "temporal.date", mode: "exact" }, { completion: "1066", reference: [1065, "1066"] }).score,
      1,
    );
  });
  it("scores 0 without a date and reports bad golds as typed errors", () => {
    const r = run({ kind: "temporal.date" }, { ...gold, completion: "I do not know" });
    assert.equal(r.score, 0);
    assert.equal(r.info?.reason, "no date in the answer");
    for (const reference of [undefined, "someday", 1969.5, [], { year: 1 }]) {
      assert.equal(
        run({ kind: "temporal.date" }, { completion: "1969", reference }).error?.kind,
        "invalid_input",
      );
    }
  });
  it("survives malformed completions", () => {
    for (const c of MALFORMED) {
      const t0 = performance.now();
      wellFormed(run({ kind: "temporal.date" }, { ...gold, completion: c as string }));
      assert.ok(performance.now() - t0 < NO_HANG_MS);
    }
    wellFormed(run({ kind: "temporal.date" }, { ...gold, completion: { x: 1 } as never }));
  });
});

describe("dayNumber", () => {
  it("counts days from 1970-01-01 in the proleptic Gregorian calendar", async () => {
    const { dayNumber } = await import("../../src/verifiers/temporal/dates.ts");
    assert.equal(dayNumber(1970, 1, 1), 0);
    assert.equal(dayNumber(2000, 3, 1), Date.UTC(2000, 2, 1) / 86_400_000);
    // year 50 (Date.UTC would read it as 1950): 1900 years of 365 days plus the leap days in 50..1949:
    // multiples of 4 from 52 to 1948 = 475, minus 19 centuries, plus 400/800/1200/1600 = 460 → 693,960
    assert.equal(dayNumber(1950, 1, 1) - dayNumber(50, 1, 1), 1900 * 365 + 460);
  });
});
