import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { scoreDataset } from "../../src/io/score-dataset.ts";
import { loadSpecFile } from "../../src/runtime/spec-file.ts";
import { recordScoredFile } from "../../src/runs/record-scored.ts";
import { rescoreRun, spearman } from "../../src/runs/rescore.ts";
import { RunStore } from "../../src/runs/store.ts";
import { compileSpec } from "../../src/spec/spec.ts";
import { defaultRegistry } from "../../src/builtins.ts";
import { readFileSync } from "node:fs";
import { tempDir } from "./helpers.ts";

describe("spec diff (rescore)", () => {
  it("Spearman's rho matches scipy.stats.spearmanr, ties included", () => {
    // scipy.stats.spearmanr([1,2,3,4,5],[5,6,7,8,7]).statistic = 0.8207826816681233
    assert.ok(Math.abs(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) - 0.8207826816681233) < 1e-12);
    // ranks [1,2.5,2.5,4] vs [1,3,2,4]: 4.5 / sqrt(4.5 * 5)
    assert.ok(Math.abs(spearman([1, 2, 2, 3], [1, 3, 2, 4]) - 4.5 / Math.sqrt(22.5)) < 1e-12);
    assert.ok(Number.isNaN(spearman([1, 1], [1, 2])));
  });

  it("re-scores the demo run with a spec without the format gate: deltas, rho and flips match scoring both directly", async () => {
    const tmp = tempDir();
    const a = loadSpecFile("examples/demo/spec.yaml");
    const bSpec = { name: "no-gate", reward: { kind: "text.exact", name: "correct", from: "answer_tag" } };
    const b = compileSpec(bSpec, { registry: defaultRegistry });
    const outA = join(tmp, "a.jsonl");
    const outB = join(tmp, "b.jsonl");
    await scoreDataset({ reward: a.reward, input: "examples/demo/rollouts.jsonl", output: outA });
    await scoreDataset({ reward: b.reward, input: "examples/demo/rollouts.jsonl", output: outB });
    const scores = (f: string) =>
      readFileSync(f, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).reward.score as number | null);
    const sa = scores(outA);
    const sb = scores(outB);
    let up = 0;
    let down = 0;
    const pa: number[] = [];
    const pb: number[] = [];
    sa.forEach((x, i) => {
      const y = sb[i]!;
      if (x === null || y === null) return;
      pa.push(x);
      pb.push(y);
      if (x < 0.5 && y >= 0.5) up++;
      if (x >= 0.5 && y < 0.5) down++;
    });
    const dir = join(tmp, "run");
    await recordScoredFile(dir, outA, { spec: a.spec });
    const run = RunStore.open(dir);
    const s = await rescoreRun(run, b, { threshold: 0.5 });
    assert.equal(s.rows, 246);
    assert.equal(s.paired, pa.length);
    assert.equal(s.flips_up, up);
    assert.equal(s.flips_down, down);
    assert.ok(up > 0, "the ungated spec passes some completions the gate failed");
    assert.ok(Math.abs(s.spearman - spearman(pa, pb)) < 1e-12);
    const stored = run.db
      .prepare("SELECT count(*) AS n FROM rescore_scores WHERE name = 'no-gate'")
      .get() as { n: number };
    assert.equal(stored.n, 246);
    // same rollouts, same spec ⇒ same result
    const again = await rescoreRun(run, b, { threshold: 0.5 });
    assert.deepEqual(again, s);
    run.close();
  });
});
