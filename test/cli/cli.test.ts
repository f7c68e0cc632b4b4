import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "rk-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));
// The CLI in-process (exit codes and streams captured); the packed bin is run as a process in test/package.
const cli = runCli;
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("rewardkit CLI", () => {
  it("score: an invalid spec exits 2 with the path and reason, and writes nothing", async () => {
    const spec = file(
      "bad.yaml",
      'name: x\nreward: {kind: sum, terms: [{kind: text.exact}, {kind: text.exact, weight: "x"}]}\n',
    );
    const out = join(dir, "never.jsonl");
    const r = await cli("score", "--spec", spec, "--in", "examples/demo/rollouts.jsonl", "--out", out);
    assert.equal(r.code, 2);
    assert.match(r.err, /reward\.terms\[1\]\.weight: expected a number, got "x"/);
    assert.equal(existsSync(out), false);
  });
  it("score: malformed rows are counted; --strict makes them a failure", async () => {
    const spec = file("ok.yaml", "name: x\nreward: {kind: text.exact}\n");
    const input = file(
      "rows.jsonl",
      '{"completion":"<answer>4</answer>","reference":"4"}\n{"completion":\n{"response":"<answer>4</answer>","answer":"5"}\n',
    );
    const out = join(dir, "out.jsonl");
    const r = await cli("score", "--spec", spec, "--in", input, "--out", out, "--json");
    assert.equal(r.code, 0, r.err);
    const summary = JSON.parse(r.out);
    assert.equal(summary.rows, 3);
    assert.deepEqual(summary.errors, { invalid_input: 2 });
    assert.equal(readFileSync(out, "utf8").trim().split("\n").length, 3);
    const mapped = await cli(
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
    assert.equal((await cli("score", "--spec", spec, "--in", input, "--strict")).code, 1);
    const flag = await cli("score", "--spec", spec, "--in", input, "--map", "answer=x");
    assert.equal(flag.code, 2);
    assert.match(flag.err, /--map: unknown field "answer"/);
  });
  it("test: runs the demo spec's examples; a failing example exits 1 with expected vs actual", async () => {
    const ok = await cli("test", "examples/demo/spec.yaml");
    assert.equal(ok.code, 0);
    assert.match(ok.out, /\n8 passed, 0 failed\n$/);
    const spec = file(
      "fails.yaml",
      'name: x\nreward: {kind: text.exact}\nexamples:\n  - rollout: {completion: "<answer>4</answer>", reference: "4"}\n    expect: {score: 0}\n',
    );
    const bad = await cli("test", spec);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /score: expected 0, got 1/);
    assert.match(bad.out, /0 passed, 1 failed/);
  });
  it("check: prints the composition and warns about hacking-prone shapes", async () => {
    const spec = file(
      "lint.yaml",
      "name: x\nreward: {kind: sum, terms: [{kind: format.tags, weight: 1}, {kind: text.exact, weight: 0.5}]}\n",
    );
    const r = await cli("check", spec);
    assert.equal(r.code, 0);
    assert.match(r.out, /sum@1/);
    assert.match(r.out, /warning: reward: format terms weigh 1 against 0\.5/);
  });
  it("check: probes every judge with the master keys; an unreachable judge is reported, not passed", async () => {
    const spec = file(
      "judge.yaml",
      "name: j\nreward: {kind: judge.score, model: m, base_url: 'http://127.0.0.1:9/v1', max_retries: 0, timeout_ms: 2000, cache: false, input: [{role: user, content: 'Grade: {{sample.output_text}}'}]}\n",
    );
    const r = await cli("check", spec);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /warning: reward \(judge\.score\) could not be probed with "Thought process:": upstream/,
    );
    assert.doesNotMatch((await cli("check", spec, "--no-probe-judges")).out, /could not be probed/);
  });
  it("demo: scores the embedded data and prints the summary", async () => {
    const r = await cli("demo");
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /rows: 246 {2}scored: 242 {2}null: 4 {2}errors: invalid_input=4/);
    assert.match(r.out, /\ncorrect +\d+/);
  });
});

describe("flags and typed failures", () => {
  it("a bad number flag exits 2 with `--flag: reason`, not raw schema JSON", async () => {
    const rows = file(
      "adv.jsonl",
      '{"group":"a","reward":{"score":1}}\n{"group":"a","reward":{"score":0}}\n',
    );
    const r = await cli("advantages", "--in", rows, "--eps", "-1");
    assert.equal(r.code, 2);
    assert.match(r.err, /--eps: must be > 0, got -1/);
    assert.doesNotMatch(r.err, /"code"|\[\s*\{/);
    const g = await cli("advantages", "--in", rows, "--gamma", "x");
    assert.equal(g.code, 2);
    assert.match(g.err, /--gamma: expected a number, got "x"/);
    const w = await cli("score", "--spec", "examples/demo/spec.yaml", "--in", rows, "--workers", "0");
    assert.equal(w.code, 2);
    assert.match(w.err, /--workers: must be ≥ 1, got 0/);
  });
});
