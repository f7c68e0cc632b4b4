// math.equivalent on a held-out corpus written independently of gen.py (gen_heldout.py: own seed, phrasings
// and answer forms), labelled with the mathematically right verdict, beside Math-Verify's recorded verdicts.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { verifyMath } from "../../../src/verifiers/math/verify.ts";

interface Row {
  id: string;
  class: string;
  gold: string;
  pred: string;
  label: boolean;
  /** Set where the right verdict depends on a reading policy rather than on the mathematics. */
  ambiguous?: string;
  math_verify: boolean;
  mv_commit: string;
  l2s_commit: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const rows: Row[] = readFileSync(join(here, "heldout-verdicts.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Row);
const doc = readFileSync(join(here, "..", "..", "..", "docs", "conformance", "math.md"), "utf8");

const ours = new Map(rows.map((r) => [r.id, verifyMath(r.gold, r.pred).correct]));
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
    const count = (f: (r: Row) => boolean, of: Row[]) => `${of.filter(f).length}/${of.length}`;
    for (const s of [
      count((r) => ours.get(r.id) === r.label, rows),
      count((r) => ours.get(r.id) === r.label, decided),
      count((r) => r.math_verify === r.label, rows),
      count((r) => r.math_verify === r.label, decided),
    ])
      assert.ok(doc.includes(s), `${s} is not in the document`);
  });
});
