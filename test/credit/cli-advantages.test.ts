import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { Command } from "commander";
import { register, runAdvantages } from "../../src/cli/commands/advantages.ts";
import { close } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "rk-adv-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const rows = [
  { id: 1, group: "p1", completion: "a", reward: { score: 1 } },
  { id: 2, group: "p1", completion: "b", reward: { score: 0 } },
  { id: 3, group: "p2", completion: "c", reward: { score: 1 } },
  { id: 4, group: "p1", completion: "d", reward: { score: null, error: { kind: "parse", message: "x" } } },
  { id: 5, group: "p2", completion: "e", reward: { score: 1 } },
];
const input = join(dir, "scored.jsonl");
writeFileSync(input, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);

const flags = {
  in: input,
  estimator: "rloo" as const,
  whiten: true,
  scoreField: "reward.score",
  groupField: "group",
  stepsField: "reward.steps",
  valuesField: "values",
};

describe("rewardkit advantages", () => {
  it("adds advantage to every row, grouped by group, nulls unscorable", async () => {
    const { text, summary } = await runAdvantages(flags);
    const out = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // p1 scorable [1, 0] → RLOO ±1; p2 [1, 1] → 0; the null row 0
    close(
      out.map((r) => r.advantage),
      [1, -1, 0, 0, 0],
    );
    assert.equal(out[3].reward.error.kind, "parse");
    assert.match(summary, /5 rows, 2 groups.*1 unscorable.*1 groups with no signal/);
  });
  it("drops no-signal groups on request", async () => {
    const { text } = await runAdvantages({ ...flags, dropNoSignal: true });
    assert.deepEqual(
      text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).id),
      [1, 2, 4],
    );
  });
  it("GAE with rollout steps and values writes step_advantages", async () => {
    const f = join(dir, "steps.jsonl");
    writeFileSync(
      f,
      `${JSON.stringify({
        group: "g",
        reward: { score: 1 },
        steps: [
          { reward: 0, value: 0.5 },
          { reward: 1, value: 0.5 },
        ],
      })}\n`,
    );
    const { text } = await runAdvantages({ ...flags, in: f, estimator: "gae", whiten: false });
    const row = JSON.parse(text);
    close(row.step_advantages, [0.5, 0.5]);
    close(row.advantage, 0.5);
  });
  it("the registered command writes the output file atomically", async () => {
    const program = new Command().exitOverride();
    register(program);
    const out = join(dir, "adv.jsonl");
    const err = process.stderr.write;
    process.stderr.write = () => true;
    try {
      await program.parseAsync(["advantages", "--in", input, "--out", out, "--estimator", "grpo"], {
        from: "user",
      });
    } finally {
      process.stderr.write = err;
    }
    const lines = readFileSync(out, "utf8").trim().split("\n");
    assert.equal(lines.length, 5);
    assert.ok(!readdirSync(dir).some((n) => n.endsWith(".tmp")));
  });
  it("a bad line is reported with its number and nothing is written", async () => {
    const bad = join(dir, "bad.jsonl");
    writeFileSync(bad, '{"reward":{"score":1}}\nnot json\n');
    await assert.rejects(runAdvantages({ ...flags, in: bad }), /bad\.jsonl:2: invalid JSON/);
  });
});
