import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

const dir = mkdtempSync(join(tmpdir(), "rk-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));
// The CLI from source, as a user runs it (a separate process: exit codes and streams are real).
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("rewardkit CLI", () => {
  it("score: an invalid spec exits 2 with the path and reason, and writes nothing", () => {
    const spec = file(
      "bad.yaml",
      'name: x\nreward: {kind: sum, terms: [{kind: text.exact}, {kind: text.exact, weight: "x"}]}\n',
    );
    const out = join(dir, "never.jsonl");
    const r = cli("score", "--spec", spec, "--in", "examples/demo/rollouts.jsonl", "--out", out);
    assert.equal(r.code, 2);
    assert.match(r.err, /reward\.terms\[1\]\.weight: expected a number, got "x"/);
    assert.equal(existsSync(out), false);
  });
  it("score: malformed rows are counted; --strict makes them a failure", () => {
    const spec = file("ok.yaml", "name: x\nreward: {kind: text.exact}\n");
    const input = file(
      "rows.jsonl",
      '{"completion":"<answer>4</answer>","reference":"4"}\n{"completion":\n{"response":"<answer>4</answer>","answer":"5"}\n',
    );
    const out = join(dir, "out.jsonl");
    const r = cli("score", "--spec", spec, "--in", input, "--out", out, "--json");
    assert.equal(r.code, 0, r.err);
    const summary = JSON.parse(r.out);
    assert.equal(summary.rows, 3);
    assert.deepEqual(summary.errors, { invalid_input: 2 });
    assert.equal(readFileSync(out, "utf8").trim().split("\n").length, 3);
    const mapped = cli(
      "score",
      "--spec",
      spec,
      "--in",
      input,
      "--map",
      "completion=response,reference=answer",
      "--json",
    );
    assert.equal(JSON.parse(mapped.out).components.score.mean, 0); // "4" vs "5"
    assert.equal(cli("score", "--spec", spec, "--in", input, "--strict").code, 1);
    const flag = cli("score", "--spec", spec, "--in", input, "--map", "answer=x");
    assert.equal(flag.code, 2);
    assert.match(flag.err, /--map: unknown field "answer"/);
  });
  it("test: runs the demo spec's examples; a failing example exits 1 with expected vs actual", () => {
    const ok = cli("test", "examples/demo/spec.yaml");
    assert.equal(ok.code, 0);
    assert.match(ok.out, /\n8 passed, 0 failed\n$/);
    const spec = file(
      "fails.yaml",
      'name: x\nreward: {kind: text.exact}\nexamples:\n  - rollout: {completion: "<answer>4</answer>", reference: "4"}\n    expect: {score: 0}\n',
    );
    const bad = cli("test", spec);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /score: expected 0, got 1/);
    assert.match(bad.out, /0 passed, 1 failed/);
  });
  it("check: prints the composition and warns about hacking-prone shapes", () => {
    const spec = file(
      "lint.yaml",
      "name: x\nreward: {kind: sum, terms: [{kind: format.tags, weight: 1}, {kind: text.exact, weight: 0.5}]}\n",
    );
    const r = cli("check", spec);
    assert.equal(r.code, 0);
    assert.match(r.out, /sum@1/);
    assert.match(r.out, /warning: reward: format terms weigh 1 against 0\.5/);
  });
  it("check: probes every judge with the master keys; an unreachable judge is reported, not passed", () => {
    const spec = file(
      "judge.yaml",
      "name: j\nreward: {kind: judge.score, model: m, base_url: 'http://127.0.0.1:9/v1', max_retries: 0, timeout_ms: 2000, cache: false, input: [{role: user, content: 'Grade: {{sample.output_text}}'}]}\n",
    );
    const r = cli("check", spec);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /warning: reward \(judge\.score\) could not be probed with "Thought process:": upstream/,
    );
    assert.doesNotMatch(cli("check", spec, "--no-probe-judges").out, /could not be probed/);
  });
  it("demo: scores the embedded data and prints the summary", () => {
    const r = cli("demo");
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /rows: 246 {2}scored: 242 {2}null: 4 {2}errors: invalid_input=4/);
    assert.match(r.out, /\ncorrect +\d+/);
  });
});
