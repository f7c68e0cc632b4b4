// OpenAI `python` graders run in the code sandbox: the returned float is the reward; exceptions, non-floats,
// syntax errors and limits set their OpenAI flag with `result.score: null` (never an unflagged 0).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { registryBackends } from "../../src/graders/backends.ts";
import { validateGrader } from "../../src/graders/compile.ts";
import { runGrader } from "../../src/graders/run.ts";
import { sandboxSupport } from "../../src/sandbox/probe.ts";
import { type CodeExecutor, failedOutcome } from "../../src/sandbox/types.ts";
import { Runtime } from "../../src/runtime/runtime.ts";
import { createApp } from "../../src/server/app.ts";
import { demoSpec } from "./helpers.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

const support = await sandboxSupport();
const skip = !support.mode && `no sandbox on this machine: ${support.reason}`;

const py = (source: string, extra: Record<string, unknown> = {}) =>
  validateGrader({ type: "python", name: "py", source, ...extra });
const backends = registryBackends(undefined, { python: { limits: { wallMs: 10_000 } } });
const run = (source: string, sample: string, item: unknown = {}) =>
  runGrader(py(source), sample, item, { backends });

describe("python graders in the sandbox", { skip }, () => {
  it("over HTTP: grade(sample, item) reads output_text, output_json and item", async () => {
    const app = createApp({ specs: [demoSpec()] }).app;
    const source = [
      "def grade(sample, item):",
      "    if sample['output_text'] == item['answer']:",
      "        return 1.0",
      "    return float(sample['output_json']['x']) / 4",
    ].join("\n");
    const call = async (model_sample: string) => {
      const res = await app.request("/v1/graders/run", {
        method: "POST",
        body: JSON.stringify({ grader: py(source), model_sample, item: { answer: "yes" } }),
      });
      assert.equal(res.status, 200);
      return (await res.json()) as any;
    };
    const exact = await call("yes");
    assert.equal(exact.reward, 1);
    assert.deepEqual(exact.metadata.scores, { py: 1 });
    assert.ok(Object.values(exact.metadata.errors).every((v) => v === false || v === null));
    // output_json {"x": 3} → 3/4.
    assert.equal((await call('{"x": 3}')).reward, 0.75);
  });
  it("over HTTP the grader runs in its runtime's sandbox (one per runtime, closed with it), not a process-wide one", async () => {
    const runtimes = [new Runtime({ replay: false }), new Runtime({ replay: false })];
    const made: Runtime[] = [];
    for (const rt of runtimes) {
      const own = rt.sharedObject.bind(rt);
      rt.sharedObject = ((key: string, make: () => unknown, close?: (v: unknown) => unknown) =>
        own(
          key,
          () => {
            made.push(rt);
            return make();
          },
          close,
        )) as Runtime["sharedObject"];
    }
    for (const runtime of runtimes) {
      const { app } = createApp({ specs: [demoSpec()], runtime });
      for (let i = 0; i < 2; i++) {
        const res = await app.request("/v1/graders/run", {
          method: "POST",
          body: JSON.stringify({ grader: py(`def grade(s, i):\n    return ${i}.5`), model_sample: "x" }),
        });
        assert.equal(((await res.json()) as { reward: number }).reward, i + 0.5);
      }
    }
    // Each runtime made its sandbox once, on first use.
    assert.deepEqual(made, runtimes);
    await Promise.all(runtimes.map((r) => r.close()));
  });
  it("an int counts as a float; pass_threshold sets info.passed", async () => {
    const out = await runGrader(
      py("def grade(s, i):\n    return 1", { pass_threshold: 0.5 }),
      "x",
      {},
      { backends },
    );
    assert.equal(out.reward, 1);
    assert.equal(out.result.info?.passed, true);
  });
  it("an exception is python_grader_runtime_error with the traceback, score null", async () => {
    const out = await run("def grade(s, i):\n    return 1 / 0", "x");
    assert.equal(out.reward, 0);
    assert.equal(out.result.score, null);
    assert.equal(out.result.error?.kind, "runtime");
    assert.equal(out.metadata.errors.python_grader_runtime_error, true);
    assert.match(out.metadata.errors.python_grader_runtime_error_details!, /ZeroDivisionError/);
    assert.equal(out.metadata.errors.other_error, false);
  });
  it("a non-float, a bool, NaN or a missing grade() are runtime errors", async () => {
    const cases: [string, RegExp][] = [
      ["def grade(s, i):\n    return 'high'", /str, not a float/],
      ["def grade(s, i):\n    return True", /bool, not a float/],
      ["def grade(s, i):\n    return float('nan')", /not a finite float/],
      ["def grade(s, i):\n    return None", /NoneType, not a float/],
      ["def score(s, i):\n    return 1.0", /no function grade/],
      ["import sys\ndef grade(s, i):\n    sys.exit(0)", /exit\(0\)/],
    ];
    for (const [source, why] of cases) {
      const out = await run(source, "x");
      assert.equal(out.result.score, null, source);
      assert.equal(out.metadata.errors.python_grader_runtime_error, true, source);
      assert.match(out.metadata.errors.python_grader_runtime_error_details!, why, source);
    }
  });
  it("a syntax error is a compile error, flagged as python_grader_runtime_error", async () => {
    const out = await run("def grade(s, i) return 1", "x");
    assert.equal(out.result.error?.kind, "compile");
    assert.equal(out.metadata.errors.python_grader_runtime_error, true);
    assert.match(out.metadata.errors.python_grader_runtime_error_details!, /SyntaxError/);
  });
  it("a grader that never returns hits the wall limit: unresponsive_reward_error", async () => {
    const b = registryBackends(undefined, { python: { limits: { wallMs: 800 } } });
    const t0 = Date.now();
    const out = await runGrader(
      py("def grade(s, i):\n    while True:\n        pass"),
      "x",
      {},
      { backends: b },
    );
    assert.ok(Date.now() - t0 < NO_HANG_MS);
    assert.equal(out.result.error?.kind, "timeout");
    assert.equal(out.metadata.errors.unresponsive_reward_error, true);
  });
  it("the grader's own output cannot forge the result; randomness is seeded", async () => {
    const forged = await run(
      "import sys\ndef grade(s, i):\n    print('@@RK:0:done:{\"value\": 1}', file=sys.stderr)\n    return 0.25",
      "x",
    );
    assert.equal(forged.reward, 0.25);
    const rnd = "import random\ndef grade(s, i):\n    return random.random()";
    assert.equal((await run(rnd, "x")).reward, (await run(rnd, "x")).reward);
  });
  it("inside multi: calculate_output over a python and a string_check grader", async () => {
    const g = validateGrader({
      type: "multi",
      name: "m",
      graders: {
        len: {
          type: "python",
          name: "len",
          source: "def grade(s, i):\n    return len(s['output_text']) / 10",
        },
        eq: {
          type: "string_check",
          name: "eq",
          input: "{{ sample.output_text }}",
          reference: "abcde",
          operation: "eq",
        },
      },
      calculate_output: "0.5 * len + 0.5 * eq",
    });
    const out = await runGrader(g, "abcde", {}, { backends });
    // len = 5/10 = 0.5, eq = 1 → 0.25 + 0.5.
    assert.equal(out.reward, 0.75);
    assert.deepEqual(out.sub_rewards, { len: 0.5, eq: 1 });
  });
});

describe("python graders when the sandbox cannot run", () => {
  it("a sandbox failure is python_grader_server_error (sandbox_error), score null", async () => {
    const broken: CodeExecutor = {
      name: "broken",
      run: async () => failedOutcome("sandbox_error", "no sandbox: unshare not found", "broken"),
    };
    const b = registryBackends(undefined, { python: { executor: broken } });
    const out = await runGrader(py("def grade(s, i):\n    return 1.0"), "x", {}, { backends: b });
    assert.equal(out.reward, 0);
    assert.equal(out.result.score, null);
    assert.equal(out.metadata.errors.python_grader_server_error, true);
    assert.equal(out.metadata.errors.python_grader_server_error_type, "sandbox_error");
  });
});
