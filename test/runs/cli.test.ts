import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadSpecFile } from "../../src/runtime/spec-file.ts";
import { RunRecorder } from "../../src/runs/recorder.ts";
import { RunStore } from "../../src/runs/store.ts";
import { startServer } from "../../src/server/serve.ts";
import { tempDir } from "./helpers.ts";

const tmp = tempDir("rk-runs-cli-");
after(() => rmSync(tmp, { recursive: true, force: true }));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("runs from the CLI", () => {
  const dir = join(tmp, "demo");
  it("score --run records two steps; advantages --run fills GRPO advantages; alarms and info read it back", () => {
    for (const step of ["0", "1"]) {
      const r = cli(
        "score",
        "--spec",
        "examples/demo/spec.yaml",
        "--in",
        "examples/demo/rollouts.jsonl",
        "--run",
        dir,
        "--step",
        step,
      );
      assert.equal(r.code, 0, r.err);
    }
    const adv = cli("advantages", "--run", dir, "--estimator", "grpo");
    assert.equal(adv.code, 0, adv.err);
    assert.match(adv.err, /advantages: 492 rollouts/);
    const run = RunStore.open(dir);
    assert.equal(run.count(), 492);
    assert.ok(run.getMeta("spec_hash"));
    // GRPO: within a group of one step, advantages are (r − mean)/(std + eps) and sum to ~0
    const g = run.db
      .prepare("SELECT score, advantage FROM rollouts WHERE step = 0 AND grp = 'q000' AND score IS NOT NULL")
      .all() as { score: number; advantage: number }[];
    const mean = g.reduce((s, r) => s + r.score, 0) / g.length;
    const std = Math.sqrt(g.reduce((s, r) => s + (r.score - mean) ** 2, 0) / (g.length - 1));
    for (const r of g) assert.ok(Math.abs(r.advantage - (r.score - mean) / (std + 1e-6)) < 1e-9);
    run.close();
    const info = cli("runs", "info", dir);
    assert.match(info.out, /492 rollouts/);
    assert.match(info.out, /accuracy×1 \(verifier\)/);
    const alarms = cli("runs", "alarms", dir, "--json");
    assert.equal(alarms.code, 0, alarms.err);
    assert.ok(Array.isArray(JSON.parse(alarms.out)));
  });

  it("runs alarms on a directory that is not a run exits 2 with the path", () => {
    const r = cli("runs", "alarms", join(tmp, "nothing"));
    assert.equal(r.code, 2);
    assert.match(r.err, /nothing: not a run directory/);
  });

  it("serve --record: scored requests land in the run off the hot path", async () => {
    const spec = loadSpecFile("examples/demo/spec.yaml");
    const rdir = join(tmp, "live");
    const recorder = new RunRecorder(rdir, { spec: spec.spec, flushMs: 20 });
    const srv = await startServer({
      specs: [spec],
      host: "127.0.0.1",
      port: 0,
      handleSignals: false,
      log: () => {},
      onScored: (_s, r, res, step, ms) => recorder.record(r, res, step, ms),
    });
    try {
      const res = await fetch(`${srv.url}/v1/score`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          step: 7,
          rollouts: [
            { id: "a", completion: "<think>1+1=2</think><answer>2</answer>", reference: "2" },
            { id: "b", completion: "no tags", reference: "2" },
          ],
        }),
      });
      assert.equal(res.status, 200);
    } finally {
      await srv.drain(1000);
      await recorder.close();
    }
    assert.equal(recorder.written, 2);
    const run = RunStore.open(rdir);
    const rows = run.db.prepare("SELECT id, step, score FROM rollouts ORDER BY id").all();
    assert.deepEqual(rows, [
      { id: "a", step: 7, score: 1 },
      { id: "b", step: 7, score: 0 },
    ]);
    run.close();
  });

  it("the recorder's queue is bounded: what does not fit is dropped and counted, never blocking", async () => {
    const rec = new RunRecorder(join(tmp, "bounded"), { maxQueued: 3, flushMs: 60_000 });
    const rollouts = Array.from({ length: 5 }, (_, i) => ({ id: String(i), completion: "x" }));
    rec.record(
      rollouts,
      rollouts.map(() => ({ score: 1 })),
    );
    assert.equal(rec.dropped, 2);
    await rec.close();
    assert.equal(rec.written, 3);
  });
});
