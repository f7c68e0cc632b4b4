import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { parseExperiment, runExperiment } from "../../src/lab/experiment.ts";
import { meanCi } from "../../src/lab/summary.ts";
import { runCli } from "../cli/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "rk-lab-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const small = {
  name: "small",
  episodes: 40,
  seeds: 3,
  env: { kind: "chain", length: 5 },
  agents: [{ kind: "q_learning", alpha: 0.5 }],
  designs: [{ kind: "sparse" }, { kind: "count", mode: "global", beta: 1 }],
};

describe("lab experiments", () => {
  test("the 95% CI is t(0.975, n−1)·s/√n", () => {
    const { mean, ci } = meanCi([1, 2, 3, 4]);
    assert.equal(mean, 2.5);
    // s = √(5/3), t(0.975, 3) = 3.182.
    assert.ok(Math.abs(ci - (3.182 * Math.sqrt(5 / 3)) / 2) < 1e-12);
    assert.deepEqual(meanCi([7]), { mean: 7, ci: 0 });
  });

  test("runs the grid in worker threads, writes results, summary, curves and report; same seeds ⇒ same files", async () => {
    const exp = parseExperiment(small);
    const a = await runExperiment(exp, { outDir: join(dir, "a"), workers: 2 });
    const b = await runExperiment(exp, { outDir: join(dir, "b"), workers: 1 });
    assert.deepEqual(a.errors, []);
    for (const f of ["results.jsonl", "summary.json", "curves-chain_5-q_learning.svg", "report.md"])
      assert.equal(readFileSync(join(dir, "a", f), "utf8"), readFileSync(join(dir, "b", f), "utf8"), f);
    const rows = readFileSync(join(dir, "a", "results.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // 2 designs × 3 seeds × 40 episodes, in grid order.
    assert.equal(rows.length, 240);
    assert.deepEqual(Object.keys(rows[0]), [
      "env",
      "agent",
      "design",
      "seed",
      "episode",
      "return",
      "success",
      "length",
      "steps",
    ]);
    assert.deepEqual([rows[0].design, rows[0].seed, rows[0].episode], ["sparse", 1, 0]);
    assert.deepEqual([rows[239].design, rows[239].seed, rows[239].episode], ["count_global", 3, 39]);
    // The summary's numbers are those of the rows: success over the last 20% (8 episodes) per seed, averaged.
    const summary = JSON.parse(readFileSync(join(dir, "a", "summary.json"), "utf8"));
    for (const s of summary.summaries) {
      const perSeed = [1, 2, 3].map((seed) => {
        const tail = rows.filter((r) => r.design === s.design && r.seed === seed && r.episode >= 32);
        return tail.filter((r) => r.success).length / tail.length;
      });
      assert.ok(Math.abs(s.successRate - perSeed.reduce((x, y) => x + y, 0) / 3) < 1e-12);
    }
    const png = readFileSync(join(dir, "a", "curves-chain_5-q_learning.png"));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.readUInt32BE(16), 720);
    assert.match(readFileSync(join(dir, "a", "curves-chain_5-q_learning.svg"), "utf8"), /count_global/);
    assert.match(
      readFileSync(join(dir, "a", "report.md"), "utf8"),
      /\| chain_5 \| q_learning \| count_global \|/,
    );
  });

  test("a bad experiment stops with the path and the reason (exit 2); a good one prints its summary", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(
      bad,
      "name: x\nepisodes: -1\nseeds: 2\nenv: { kind: chain }\nagents: [{ kind: q_learning, alpha: foo }]\ndesigns: [{ kind: nope }]\n",
    );
    const r = await runCli("lab", "run", bad, "--out", join(dir, "bad"));
    assert.equal(r.code, 2);
    assert.match(r.err, /episodes: /);
    assert.match(r.err, /agents\[0\]\.alpha: /);
    assert.match(r.err, /designs\[0\]\.kind: /);
    assert.equal(existsSync(join(dir, "bad")), false);
    const hrm = join(dir, "hrm.yaml");
    writeFileSync(
      hrm,
      "name: x\nepisodes: 5\nseeds: 1\nenv: { kind: chain }\nagents: [{ kind: hrm }]\ndesigns: [{ kind: sparse }]\n",
    );
    const r2 = await runCli("lab", "run", hrm);
    assert.equal(r2.code, 2);
    assert.match(r2.err, /hrm needs an environment with a reward machine/);
    const flag = await runCli("lab", "run", hrm, "--workers", "0");
    assert.equal(flag.code, 2);
    const good = join(dir, "good.yaml");
    writeFileSync(good, JSON.stringify({ ...small, episodes: 10, seeds: 2 }));
    const ok = await runCli("lab", "run", good, "--out", join(dir, "good"), "--workers", "1");
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /chain_5 q_learning count_global: success/);
    assert.ok(readdirSync(join(dir, "good")).includes("report.md"));
  });

  test("every example experiment is valid", () => {
    const examples = join(import.meta.dirname, "../../examples/lab");
    const files = readdirSync(examples).filter((f) => f.endsWith(".yaml"));
    assert.ok(files.length >= 8);
    for (const f of files) parseExperiment(parseYaml(readFileSync(join(examples, f), "utf8")));
  });
});
