// Math-Verify's own test vectors (development split), each run with the options it records.
// Rows flagged `quirk` encode Math-Verify artefacts and are checked separately (docs/math.md says which differ).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { verifyMath } from "../../src/verifiers/math/verify.ts";
import { type DevCase, devCaseOptions, loadDevCases } from "./dev-cases.ts";

const rows = loadDevCases();
const run = (r: DevCase) => verifyMath(r.gold, r.pred, devCaseOptions(r));

describe("Math-Verify dev vectors (non-quirk rows)", () => {
  const plain = rows.filter((r) => !r.flags?.includes("quirk"));
  test("the split has the 105 non-quirk rows the benchmark anchor was measured on", () => {
    assert.equal(plain.length, 105);
  });
  for (const r of plain) {
    test(`${r.id}: expected ${r.expected}${r.note ? ` (${r.note})` : ""}`, () => {
      const v = run(r);
      assert.equal(v.correct, r.expected, JSON.stringify(v));
      assert.equal(v.error, undefined);
    });
  }
});

describe("Math-Verify quirk rows we deliberately decide on the mathematics", () => {
  const byId = new Map(rows.map((r) => [r.id, r]));
  test("mv-0261: 1 - 1/e is not 1 + 1/e (Math-Verify says equal: both sides fall back to the embedded 1)", () => {
    const v = run(byId.get("mv-0261")!);
    assert.equal(v.correct, false);
  });
  test("mv-0260: 1 - 1/e equals itself, through a real parse rather than the embedded 1", () => {
    const v = run(byId.get("mv-0260")!);
    assert.equal(v.correct, true);
    assert.notEqual(v.gold.parsed, "1");
  });
});
