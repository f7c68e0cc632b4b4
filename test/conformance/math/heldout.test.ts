// math.equivalent on a held-out corpus written independently of gen.py (gen_heldout.py: own seed, phrasings
// and answer forms), labelled with the mathematically right verdict, beside Math-Verify's recorded verdicts.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { conformanceDoc, loadVerdictRows, ourVerdicts, type VerdictRow } from "./verdict-rows.ts";

const rows = loadVerdictRows("heldout-verdicts.jsonl");
const doc = conformanceDoc;

const ours = ourVerdicts(rows);
const decided = rows.filter((r) => !r.ambiguous);

describe("math.equivalent on the held-out corpus", () => {
  test("the fixture: ≥ 1,500 pairs over ≥ 25 classes, both verdicts in every class, one named commit", () => {
    assert.ok(rows.length >= 1500, `${rows.length} rows`);
    const classes = new Set(rows.map((r) => r.class));
    assert.ok(classes.size >= 25, `${classes.size} classes`);
    for (const c of classes) {
      const labels = new Set(rows.filter((r) => r.class === c).map((r) => r.label));
      assert.equal(labels.size, 2, `class ${c} has both right and wrong predictions`);
    }
    assert.deepEqual([...new Set(rows.map((r) => `${r.mv_commit}+${r.l2s_commit}`))], ["5d148cf+0873506"]);
    assert.ok(decided.length >= 0.98 * rows.length, "ambiguous rows are a small, named minority");
  });

  test("≥ 99% right, overall on the decided rows", () => {
    const right = decided.filter((r) => ours.get(r.id) === r.label);
    const misses = decided.filter((r) => ours.get(r.id) !== r.label).map((r) => `${r.id} ${r.class}`);
    assert.ok(
      right.length / decided.length >= 0.99,
      `${right.length}/${decided.length}; ${misses.join(", ")}`,
    );
  });

  test("every miss (decided or ambiguous) is listed by id in docs/conformance/math.md", () => {
    for (const r of rows.filter((x) => ours.get(x.id) !== x.label))
      assert.ok(doc.includes(r.id), `${r.id} (${r.class}) is not documented`);
  });

  test("the document states both sides' agreement as measured on this fixture", () => {
    const count = (f: (r: VerdictRow) => boolean, of: VerdictRow[]) => `${of.filter(f).length}/${of.length}`;
    for (const s of [
      count((r) => ours.get(r.id) === r.label, rows),
      count((r) => ours.get(r.id) === r.label, decided),
      count((r) => r.math_verify === r.label, rows),
      count((r) => r.math_verify === r.label, decided),
    ])
      assert.ok(doc.includes(s), `${s} is not in the document`);
  });
});
