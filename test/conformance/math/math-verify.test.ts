// math.equivalent against a generated corpus labelled with the mathematically right verdict, beside the
// verdicts Math-Verify itself gave on the same pairs (recorded by label.py at a named commit).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { conformanceDoc, loadVerdictRows, ourVerdicts, type VerdictRow } from "./verdict-rows.ts";

const rows = loadVerdictRows("verdicts.jsonl");
const doc = conformanceDoc;

const ours = ourVerdicts(rows);
const ourRight = rows.filter((r) => ours.get(r.id) === r.label);
const mvRight = rows.filter((r) => r.math_verify === r.label);

describe("math.equivalent on the generated corpus labelled by Math-Verify", () => {
  test("the fixture is the recorded corpus: ≥ 2,000 pairs over ≥ 20 classes at one named commit", () => {
    assert.ok(rows.length >= 2000, `${rows.length} rows`);
    assert.ok(new Set(rows.map((r) => r.class)).size >= 20);
    assert.deepEqual([...new Set(rows.map((r) => `${r.mv_commit}+${r.l2s_commit}`))], ["5d148cf+0873506"]);
    // Near misses are there in every class, so agreement cannot come from always saying "equal".
    for (const c of new Set(rows.map((r) => r.class))) {
      const labels = new Set(rows.filter((r) => r.class === c).map((r) => r.label));
      assert.equal(labels.size, 2, `class ${c} has both right and wrong predictions`);
    }
  });

  test("≥ 99% agreement with the mathematically right verdict", () => {
    const share = ourRight.length / rows.length;
    const misses = rows.filter((r) => ours.get(r.id) !== r.label).map((r) => `${r.id} ${r.class}`);
    assert.ok(share >= 0.99, `${ourRight.length}/${rows.length}; misses: ${misses.slice(0, 20).join(", ")}`);
  });

  test("every miss of ours is listed by id in docs/conformance/math.md", () => {
    for (const r of rows.filter((x) => ours.get(x.id) !== x.label)) {
      assert.ok(doc.includes(r.id), `${r.id} (${r.class}) is not documented`);
    }
  });

  test("every disagreement with Math-Verify falls in a class the document explains", () => {
    const classes = new Set(rows.filter((r) => ours.get(r.id) !== r.math_verify).map((r) => r.class));
    for (const c of classes) assert.ok(doc.includes(`\`${c}\``), `class ${c} is not in the document`);
  });

  test("the document states both agreements as measured on this fixture", () => {
    assert.ok(
      doc.includes(`${ourRight.length}/${rows.length}`),
      `rewardkit ${ourRight.length}/${rows.length}`,
    );
    assert.ok(
      doc.includes(`${mvRight.length}/${rows.length}`),
      `Math-Verify ${mvRight.length}/${rows.length}`,
    );
  });
});
