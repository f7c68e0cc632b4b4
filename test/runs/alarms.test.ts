import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  componentDominance,
  disagreement,
  judgeErrors,
  lengthDrift,
  runAlarms,
  varianceCollapse,
} from "../../src/runs/alarms/index.ts";
import { loadColumns } from "../../src/runs/columns.ts";
import { RunStore } from "../../src/runs/store.ts";
import { storedSynthetic, tempDir } from "./helpers.ts";

const shape = { steps: 20, promptsPerStep: 16, groupSize: 8 };

describe("reward-hacking monitors", () => {
  it("an honest run raises nothing", () => {
    const run = storedSynthetic({ ...shape, hack: "none" });
    assert.deepEqual(runAlarms(loadColumns(run)), []);
    run.close();
  });

  it("a length-exploiting policy raises length drift from the step it starts, with its long samples", () => {
    const run = storedSynthetic({ ...shape, hack: "length", hackFrom: 12 });
    const cols = loadColumns(run);
    const [a] = lengthDrift(cols);
    assert.ok(a);
    assert.equal(a.steps[0], 12);
    assert.deepEqual(a.steps, [12, 13, 14, 15, 16, 17, 18, 19]);
    assert.ok(a.value > 4, `ratio ${a.value}`);
    // every sample is from a drifted step and longer than anything in the baseline
    const byId = new Map(cols.id.map((id, i) => [id, i]));
    let baseMax = 0;
    for (const k of [0, 1, 2, 3])
      for (const i of cols.rowsOfStep[k]!) baseMax = Math.max(baseMax, cols.length[i]!);
    for (const id of a.samples) {
      const i = byId.get(id)!;
      assert.ok(cols.step[i]! >= 12 && cols.length[i]! > baseMax);
    }
    // the judge loves the long answers the verifier fails
    assert.ok(disagreement(cols).some((x) => x.component === "judge vs correct" && x.steps[0] === 12));
    run.close();
  });

  it("a judge master key raises model-vs-verifier disagreement whose samples are exactly the keyed completions", () => {
    const run = storedSynthetic({ ...shape, hack: "master_key", hackFrom: 10 });
    const cols = loadColumns(run);
    const alarms = disagreement(cols).filter((x) => x.component === "judge vs correct");
    assert.equal(alarms.length, 1);
    const a = alarms[0]!;
    assert.equal(a.steps[0], 10);
    const keyed = run.db
      .prepare("SELECT id FROM rollouts WHERE completion LIKE '%MASTER-KEY%' ORDER BY rid")
      .all()
      .map((r) => (r as { id: string }).id);
    assert.equal(a.sampleCount, keyed.length);
    assert.deepEqual(a.samples, keyed.slice(0, 500));
    run.close();
  });

  it("collapsed groups raise variance collapse; the samples are those groups, all with identical rewards", () => {
    const run = storedSynthetic({ ...shape, hack: "collapse", hackFrom: 15 });
    const cols = loadColumns(run);
    const [a] = varianceCollapse(cols);
    assert.ok(a);
    assert.deepEqual(a.steps, [15, 16, 17, 18, 19]);
    assert.equal(a.value, 1);
    assert.equal(a.sampleCount, 5 * 16 * 8);
    const rows = run.db
      .prepare(
        `SELECT grp, min(score) AS lo, max(score) AS hi FROM rollouts WHERE id IN (${a.samples.map(() => "?").join(",")}) GROUP BY grp`,
      )
      .all(...a.samples) as { lo: number; hi: number }[];
    for (const g of rows) assert.equal(g.lo, g.hi);
    run.close();
  });

  it("grader errors above the threshold are raised with the failed rollouts", () => {
    const run = RunStore.create(tempDir());
    const recs = [];
    for (let step = 0; step < 4; step++)
      for (let i = 0; i < 20; i++) {
        const failed = step === 2 && i < 4; // 20% at step 2
        recs.push({
          id: `${step}-${i}`,
          step,
          group: null,
          prompt: "",
          completion: "x",
          score: failed ? null : 1,
          components: {},
          error: failed ? { kind: "upstream", message: "judge: HTTP 429" } : null,
          length: 1,
        });
      }
    run.append(recs);
    const [a] = judgeErrors(loadColumns(run));
    assert.ok(a);
    assert.deepEqual(a.steps, [2]);
    assert.equal(a.value, 0.2);
    assert.deepEqual(a.samples, ["2-0", "2-1", "2-2", "2-3"]);
    assert.match(a.message, /upstream=4/);
    run.close();
  });

  it("component dominance measures each component's share of the reward variance", () => {
    // R = a + b; early steps: a and b vary equally (share 0.5 each); later only b varies (share 1)
    const run = RunStore.create(tempDir());
    const recs = [];
    for (let step = 0; step < 10; step++)
      for (let i = 0; i < 16; i++) {
        const a = step < 5 ? i % 2 : 0.5;
        const b = Math.floor(i / 2) % 2;
        recs.push({
          id: `${step}-${i}`,
          step,
          group: null,
          prompt: "",
          completion: "x",
          score: a + b,
          components: { a, b },
          length: 1,
        });
      }
    run.append(recs);
    run.setRole("a", "verifier", 1);
    run.setRole("b", "verifier", 1);
    const alarms = componentDominance(loadColumns(run));
    assert.equal(alarms.length, 1);
    assert.equal(alarms[0]!.component, "b");
    assert.deepEqual(alarms[0]!.steps, [5, 6, 7, 8, 9]);
    assert.ok(Math.abs(alarms[0]!.value - 1) < 1e-12);
    run.close();
  });
});
