import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadColumns } from "../../src/runs/columns.ts";
import { fromScoredRow } from "../../src/runs/record.ts";
import { componentsOfSpec, specHash } from "../../src/runs/spec-info.ts";
import { RunStore, writeRunAtomically } from "../../src/runs/store.ts";
import { tempDir } from "./helpers.ts";

const rec = (
  id: string,
  step: number,
  score: number | null,
  comps: Record<string, number | null>,
  extra = {},
) => ({
  id,
  step,
  group: "g",
  prompt: "p",
  completion: "x".repeat(Number(id) + 1),
  score,
  components: comps,
  length: Number(id) + 1,
  ...extra,
});

describe("run store", () => {
  it("keeps every field and folds per-step statistics that match a direct computation", () => {
    const run = RunStore.create(join(tempDir(), "r"));
    run.append([
      rec("0", 0, 1, { a: 1, b: 0 }),
      rec("1", 0, 0.5, { a: 0.5, b: null }, { truncated: true }),
      rec("2", 1, null, { a: null }, { error: { kind: "timeout", message: "slow" } }),
    ]);
    run.append([rec("3", 1, 2, { a: 1, c: 1 }, { steps: [0.5, 1.5], advantage: 0.7 })]);
    assert.equal(run.count(), 4);
    assert.deepEqual(
      run.components().map((c) => c.name),
      ["a", "b", "c"],
    );
    const s = (step: number, key: string) =>
      run.db
        .prepare("SELECT n, sum, sumsq, min, max FROM step_stats WHERE step = ? AND key = ?")
        .get(step, key);
    assert.deepEqual(s(0, "score"), { n: 2, sum: 1.5, sumsq: 1.25, min: 0.5, max: 1 });
    assert.deepEqual(s(0, "c:b"), { n: 1, sum: 0, sumsq: 0, min: 0, max: 0 });
    assert.deepEqual(s(0, "truncated"), { n: 2, sum: 1, sumsq: 1, min: 0, max: 1 });
    assert.deepEqual(s(1, "null"), { n: 1, sum: 1, sumsq: 1, min: 1, max: 1 });
    assert.deepEqual(s(1, "err:timeout"), { n: 1, sum: 1, sumsq: 1, min: 1, max: 1 });
    assert.deepEqual(s(1, "c:c"), { n: 1, sum: 1, sumsq: 1, min: 1, max: 1 });
    const row = run.db.prepare("SELECT * FROM rollouts WHERE id = '3'").get() as Record<string, unknown>;
    assert.equal(row.steps, "[0.5,1.5]");
    assert.equal(row.advantage, 0.7);
    const cols = loadColumns(run);
    assert.deepEqual(cols.steps, [0, 1]);
    assert.ok(Number.isNaN(cols.score[2]!));
    assert.equal(cols.errorKinds[cols.error[2]!], "timeout");
    assert.deepEqual([...cols.rowsOfStep[1]!], [2, 3]);
    run.close();
  });

  it("reopens for appending; a spec records its hash and the weights and roles of its terms", () => {
    const dir = join(tempDir(), "r");
    const spec = {
      name: "s",
      reward: {
        kind: "sum",
        terms: [
          {
            kind: "gate",
            name: "accuracy",
            weight: 1,
            check: { kind: "format.tags", name: "format" },
            reward: { kind: "text.exact", name: "correct" },
          },
          { kind: "judge.score", name: "judge", weight: 0.5 },
          { kind: "length.overlong", name: "overlong" },
        ],
      },
    };
    let run = RunStore.create(dir);
    run.setSpec(spec);
    run.close();
    run = RunStore.open(dir);
    assert.equal(run.getMeta("spec_hash"), specHash(spec));
    // key order does not change the hash
    assert.equal(specHash({ reward: spec.reward, name: "s" }), specHash(spec));
    const byName = Object.fromEntries(run.components().map((c) => [c.name, [c.weight, c.role]]));
    assert.deepEqual(byName, {
      accuracy: [1, "verifier"],
      format: [null, "verifier"],
      correct: [null, "verifier"],
      judge: [0.5, "model"],
      overlong: [1, "shaping"],
    });
    assert.equal(componentsOfSpec({ kind: "text.exact" })[0]!.weight, 1);
    run.close();
  });

  it("a failed atomic build leaves no directory behind", async () => {
    const parent = tempDir();
    const dir = join(parent, "run");
    await assert.rejects(
      writeRunAtomically(dir, {}, (run) => {
        run.append([rec("0", 0, 1, {})]);
        throw new Error("boom");
      }),
      /boom/,
    );
    assert.equal(existsSync(dir), false);
    assert.deepEqual(readdirSync(parent), []);
    await writeRunAtomically(dir, {}, (run) => run.append([rec("0", 0, 1, {})]));
    assert.equal(RunStore.isRun(dir), true);
    await assert.rejects(
      writeRunAtomically(dir, {}, () => {}),
      /already exists/,
    );
  });

  it("reads a scored row: chat text, judge accounting, truncation, and the original rollout for re-scoring", () => {
    const r = fromScoredRow(
      {
        id: 9,
        group: "q",
        prompt: [{ role: "user", content: "2+2?" }],
        completion: [{ role: "assistant", content: "4" }],
        meta: { finish_reason: "length", step: 4 },
        reward: {
          score: 1,
          components: { j: 1 },
          info: { j: { usage: { calls: 2, prompt_tokens: 10, completion_tokens: 5, cached_calls: 2 } } },
        },
      },
      { index: 0 },
    );
    assert.equal(r.id, "9");
    assert.equal(r.step, 4);
    assert.equal(r.prompt, "user: 2+2?");
    assert.equal(r.completion, "assistant: 4");
    assert.equal(r.truncated, true);
    assert.equal(r.tokens, 15);
    assert.equal(r.cache_hit, true);
    assert.deepEqual((r.extra!.rollout as { completion: unknown }).completion, [
      { role: "assistant", content: "4" },
    ]);
  });
});
