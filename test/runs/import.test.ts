import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { encodeParquet } from "../../src/io/parquet.ts";
import { detectFormat, importRun } from "../../src/runs/import/index.ts";
import { RunStore } from "../../src/runs/store.ts";
import { tempDir } from "./helpers.ts";

type Row = Record<string, unknown>;
const rowsOf = (run: RunStore) => run.db.prepare("SELECT * FROM rollouts ORDER BY rid").all() as Row[];
const comp = (run: RunStore, name: string) => `c${run.components().find((c) => c.name === name)!.col}`;

describe("runs import", () => {
  it("TRL completions_*.parquet: one column per reward function, NaN = does not apply, groups by prompt", async () => {
    const src = join(tempDir(), "completions");
    mkdirSync(src);
    // TRL writes step as a string column; reward columns are unweighted; advantage per row
    const file = (step: number, rows: Row[]) =>
      writeFileSync(join(src, `completions_${String(step).padStart(5, "0")}.parquet`), encodeParquet(rows));
    file(5, [
      { step: "5", prompt: "p1", completion: "a", accuracy_reward: 1, format_reward: 0.5, advantage: 0.7 },
      { step: "5", prompt: "p1", completion: "bb", accuracy_reward: 0, format_reward: 0.5, advantage: -0.7 },
      {
        step: "5",
        prompt: "p2",
        completion: "c",
        accuracy_reward: Number.NaN,
        format_reward: 1,
        advantage: 0,
      },
    ]);
    file(10, [
      { step: "10", prompt: "p1", completion: "d", accuracy_reward: 1, format_reward: 1, advantage: 0 },
    ]);
    assert.equal(detectFormat(src), "trl");
    const dir = join(tempDir(), "run");
    assert.deepEqual(await importRun(src, dir), { rows: 4, format: "trl" });
    const run = RunStore.open(dir);
    const rows = rowsOf(run);
    assert.deepEqual(
      rows.map((r) => r.step),
      [5, 5, 5, 10],
    );
    assert.deepEqual(
      rows.map((r) => r.score),
      [1.5, 0.5, 1, 2],
    );
    assert.deepEqual(
      rows.map((r) => r.advantage),
      [0.7, -0.7, 0, 0],
    );
    assert.equal(rows[2]![comp(run, "accuracy_reward")], null);
    assert.equal(rows[0]!.grp, rows[1]!.grp);
    assert.notEqual(rows[0]!.grp, rows[2]!.grp);
    assert.notEqual(rows[0]!.grp, rows[3]!.grp); // same prompt, other step: another group
    run.close();
  });

  it("verl rollout_data_dir {step}.jsonl: extra keys become components; timeout/error are typed errors, not 0", async () => {
    const src = join(tempDir(), "rollouts");
    mkdirSync(src);
    const line = (o: Row) => JSON.stringify(o);
    writeFileSync(
      join(src, "3.jsonl"),
      [
        line({
          input: "q",
          output: "<answer>4</answer>",
          gts: "4",
          score: 1,
          step: 3,
          acc: 1,
          request_id: "r1",
        }),
        line({
          input: "q",
          output: "x",
          gts: "4",
          score: 0.0,
          step: 3,
          acc: 0,
          timeout: true,
          request_id: "r2",
        }),
        line({
          input: "q",
          output: "y",
          gts: "4",
          score: 0.0,
          step: 3,
          acc: 0,
          error: "HTTP 500",
          request_id: "r3",
        }),
        "{not json",
      ].join("\n"),
    );
    writeFileSync(
      join(src, "4.jsonl"),
      `${line({ input: "q2", output: "5", gts: "5", score: 1, step: 4, acc: 1 })}\n`,
    );
    assert.equal(detectFormat(src), "verl");
    const dir = join(tempDir(), "run");
    await importRun(src, dir);
    const run = RunStore.open(dir);
    const rows = rowsOf(run);
    assert.deepEqual(
      rows.map((r) => [r.id, r.step, r.score, r.error_kind]),
      [
        ["r1", 3, 1, null],
        ["r2", 3, null, "timeout"],
        ["r3", 3, null, "upstream"],
        ["3:4", 3, null, "invalid_input"],
        ["4:1", 4, 1, null],
      ],
    );
    assert.equal(rows[0]![comp(run, "acc")], 1);
    assert.equal(rows[0]!.reference, '"4"');
    run.close();
  });

  it("OpenRLHF-style dumps: per-sample lines and whole /get_reward exchanges; a null reward is an error", async () => {
    const src = join(tempDir(), "dump");
    mkdirSync(src);
    writeFileSync(
      join(src, "rewards.jsonl"),
      [
        JSON.stringify({
          global_step: 1,
          prompt: "Q:",
          response: " A",
          label: "A",
          reward: 1,
          extra_logs: { acc: 1 },
        }),
        JSON.stringify({
          global_step: 2,
          query: ["Q: one", "Q: two"],
          prompts: ["Q:", "Q:"],
          labels: ["one", "one"],
          rewards: [1, null],
          scores: [1, 0],
          extra_logs: { acc: [1, 0] },
        }),
      ].join("\n"),
    );
    assert.equal(detectFormat(src), "openrlhf");
    const dir = join(tempDir(), "run");
    assert.equal((await importRun(src, dir)).rows, 3);
    const run = RunStore.open(dir);
    const rows = rowsOf(run);
    assert.deepEqual(
      rows.map((r) => [r.step, r.completion, r.score, r.error_kind]),
      [
        [1, " A", 1, null],
        [2, " one", 1, null],
        [2, " two", null, "upstream"],
      ],
    );
    assert.deepEqual(
      rows.map((r) => r[comp(run, "acc")]),
      [1, 1, 0],
    );
    run.close();
  });
});
