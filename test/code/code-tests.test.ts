import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import type { RewardResult, Rollout } from "../../src/core/types.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

const reward = (params: Record<string, unknown> = {}) =>
  compileNode({ kind: "code.tests", timeout_ms: 5000, ...params }, { registry: defaultRegistry });
const score = (completion: string, reference: unknown, params: Record<string, unknown> = {}, ctx = {}) =>
  reward(params).score({ completion, reference } as Rollout, ctx) as Promise<RewardResult>;
const fence = (lang: string, code: string) => `Here is my solution.\n\`\`\`${lang}\n${code}\n\`\`\`\n`;
const testsOf = (r: RewardResult) => (r.info?.tests ?? []) as { status: string; message?: string }[];
const statuses = (r: RewardResult) => testsOf(r).map((t) => t.status);

const ADD_IO = {
  tests: [
    { input: "1 2\n", output: "3\n" },
    { input: "5 5\n", output: "10" },
    { input: "1 1\n", output: "3\n" },
  ],
};

describe("code.tests: scoring", () => {
  it("stdin/stdout tests in Python: score = passed / total", async () => {
    const r = await score(fence("python", "a, b = map(int, input().split())\nprint(a + b)"), ADD_IO);
    // 1+2=3 passes, 5+5=10 passes (trailing newline ignored by `trim`), 1+1=2 ≠ 3 fails: 2/3.
    assert.equal(r.score, 2 / 3);
    assert.deepEqual(r.components, { passed: 2, total: 3 });
    assert.deepEqual(statuses(r), ["pass", "pass", "wrong_answer"]);
  });

  it("stdin/stdout tests in JavaScript", async () => {
    const code =
      "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\nconsole.log(a + b);";
    const r = await score(fence("js", code), ADD_IO);
    assert.equal(r.score, 2 / 3);
    assert.equal(r.info?.language, "javascript");
  });

  it("assertion tests in Python (MBPP shape, with setup code)", async () => {
    const ref = {
      test_setup_code: "OFFSET = 0",
      test_list: ["assert add(1, 2) == 3 + OFFSET", "assert add(2, 2) == 5", "assert add(-1, 1) == 0"],
    };
    const r = await score(fence("python", "def add(a, b):\n    return a + b"), ref);
    // 3 and 0 are right, 4 ≠ 5: 2/3.
    assert.equal(r.score, 2 / 3);
    assert.deepEqual(statuses(r), ["pass", "wrong_answer", "pass"]);
    assert.equal(r.info?.assertions, "referee");
  });

  it("HumanEval shape: check(candidate) over the entry point", async () => {
    const ref = {
      test: "def check(candidate):\n    assert candidate([1, 2]) == 3\n    assert candidate([]) == 0",
      entry_point: "total",
    };
    assert.equal((await score(fence("python", "def total(xs):\n    return sum(xs)"), ref)).score, 1);
    assert.equal(
      (await score(fence("python", "def total(xs):\n    return len(xs)"), ref, { program_errors: "score" }))
        .score,
      0,
    );
  });

  it("assertion tests in JavaScript see the solution's declarations, sync and async", async () => {
    const ref = {
      tests: [
        { assert: "assert.strictEqual(add(1, 2), 3);" },
        { assert: "assert.strictEqual(await later(4), 4);" },
        { assert: "assert.deepStrictEqual(add(1, 1), 3);" },
        "if (add(2, 2) !== 4) throw new Error('bad');",
      ],
    };
    const code =
      "const add = (a, b) => a + b;\nfunction later(x) { return new Promise((r) => setTimeout(() => r(x), 10)); }";
    const r = await score(fence("javascript", code), ref);
    // Tests 0, 1 and 3 pass, 2 fails: 3/4.
    assert.equal(r.score, 3 / 4);
    assert.deepEqual(statuses(r), ["pass", "pass", "wrong_answer", "pass"]);
  });

  it("APPS shape, also as the input_output JSON string", async () => {
    const io = { inputs: ["2\n", "3\n"], outputs: ["4\n", "9\n"] };
    const code = fence("python", "n = int(input())\nprint(n * n)");
    assert.equal((await score(code, io)).score, 1);
    assert.equal((await score(code, { input_output: JSON.stringify(io) })).score, 1);
  });

  it("takes the last fence of the language, or the whole text", async () => {
    const text = `${fence("python", "print('draft')")}Better:\n${fence("python", "print(int(input()) + 1)")}`;
    assert.equal((await score(text, { tests: [{ input: "1", output: "2" }] })).score, 1);
    const bare = await score("print(int(input()) + 1)", { tests: [{ input: "1", output: "2" }] });
    assert.equal(bare.score, 1);
    assert.equal(bare.info?.code_source, "whole_text");
  });

  it("is deterministic: set order (str hashing) and random numbers repeat across runs", async () => {
    const py = fence("python", "import random\nprint(list({str(i) for i in range(50)}), random.random())");
    const js = fence("js", "console.log(Math.random())");
    const ref = { tests: [{ input: "", output: "never equal" }] };
    const got = async (code: string, seed: number) =>
      testsOf(await score(code, ref, { program_errors: "score" }, { seed }))[0]!.message;
    // Hash randomisation would reorder the 50-element set between runs; seeded random repeats its draw.
    assert.equal(await got(py, 3), await got(py, 3));
    assert.equal(await got(js, 3), await got(js, 3));
    assert.notEqual(await got(js, 3), await got(js, 4));
  });
});

describe("code.tests: typed errors", () => {
  it("sys.exit(0) before the tests run is not a pass", async () => {
    const code = "import sys\ndef add(a, b):\n    return a + b\nsys.exit(0)";
    const r = await score(fence("python", code), { test_list: ["assert add(1, 2) == 3"] });
    assert.equal(r.score, null);
    assert.equal(r.error?.kind, "runtime");
    assert.match(String(testsOf(r)[0]!.message), /exited \(code 0\) before the tests ran/);
    const hard = await score(
      fence("python", "import os\nos._exit(0)"),
      { test_list: ["assert True"] },
      { program_errors: "score" },
    );
    assert.equal(hard.score, 0);
    const node = await score(
      fence("js", "process.exit(0);"),
      { tests: [{ assert: "assert.ok(true)" }] },
      { program_errors: "score" },
    );
    assert.equal(node.score, 0);
  });

  it("printing a fake harness marker does not pass a test", async () => {
    const code =
      'import sys\nsys.stderr.write(\'\\n@@RK:000000000000000000000000:test:{"i": 0, "ok": true}\\n\')\nsys.exit(0)';
    const r = await score(
      fence("python", code),
      { test_list: ["assert False"] },
      { program_errors: "score" },
    );
    assert.equal(r.score, 0);
  });

  it("compile errors are typed `compile`, and later tests are not run", async () => {
    const r = await score(fence("python", "def f(:\n    pass"), ADD_IO);
    assert.equal(r.error?.kind, "compile");
    assert.equal(r.info?.runs, 1);
    assert.deepEqual(statuses(r), ["compile", "compile", "compile"]);
    const j = await score(fence("js", "function f( {"), ADD_IO);
    assert.equal(j.error?.kind, "compile");
  });

  it("runtime errors are typed `runtime`; with program_errors: score they score 0", async () => {
    const code = fence("python", "raise ValueError('boom')");
    const r = await score(code, ADD_IO);
    assert.equal(r.error?.kind, "runtime");
    assert.match(r.error?.message ?? "", /ValueError: boom/);
    const s = await score(code, ADD_IO, { program_errors: "score" });
    assert.equal(s.score, 0);
    assert.equal(s.info?.error_kind, "runtime");
  });

  it("an infinite loop is a `timeout`, stopped at the limit", async () => {
    const t0 = Date.now();
    const r = await score(
      fence("python", "while True:\n    pass"),
      { tests: [{ input: "", output: "x" }] },
      { timeout_ms: 700 },
    );
    assert.equal(r.error?.kind, "timeout");
    assert.ok(Date.now() - t0 < NO_HANG_MS);
  });

  it("a fork bomb is a `timeout`", async () => {
    const bomb = "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass";
    const r = await score(
      fence("python", bomb),
      { test_list: ["assert True"] },
      { timeout_ms: 1000, max_procs: 16 },
    );
    assert.equal(r.error?.kind, "timeout");
  });

  it("a clock-patching solution still times out (time is measured outside)", async () => {
    const code =
      "import time\ntime.time = time.monotonic = time.perf_counter = lambda: 0.0\nwhile True:\n    pass";
    const r = await score(fence("python", code), { test_list: ["assert True"] }, { timeout_ms: 500 });
    assert.equal(r.error?.kind, "timeout");
  });

  it("the working directory and hide_paths are hidden from the program", async () => {
    const data = mkdtempSync("/var/tmp/rewardkit-data-");
    writeFileSync(join(data, "answers.txt"), "42");
    chmodSync(data, 0o755);
    try {
      // A path that does not exist inside the sandbox (a checkout under /tmp sits below the sandbox's own
      // /tmp) is as hidden as an empty one.
      const code = fence(
        "python",
        "import os\np = input()\nprint(os.listdir(p) if os.path.isdir(p) else [])",
      );
      const cwd = await score(code, { tests: [{ input: process.cwd(), output: "[]" }] });
      assert.equal(cwd.score, 1);
      // Visible without hide_paths (the control), an empty directory with it.
      const seen = await score(code, { tests: [{ input: data, output: "['answers.txt']" }] });
      assert.equal(seen.score, 1);
      const hidden = await score(code, { tests: [{ input: data, output: "[]" }] }, { hide_paths: [data] });
      assert.equal(hidden.score, 1);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });

  it("a network call in a solution fails the test", async () => {
    const code =
      "import urllib.request\ndef fetch():\n    return urllib.request.urlopen('http://127.0.0.1:9/', timeout=2).read()";
    const r = await score(fence("python", code), { test_list: ["fetch()"] }, { program_errors: "score" });
    assert.equal(r.score, 0);
    assert.match(String(testsOf(r)[0]!.message), /URLError|Network is unreachable|refused/);
  });

  it("one hanging test fails alone; the ones reported before it keep their result", async () => {
    const ref = { test_list: ["assert f(1) == 1", "while True: pass", "assert f(2) == 2"] };
    // Generous: the passing test before the hang must never race the limit on a loaded machine.
    const r = await score(fence("python", "def f(x):\n    return x"), ref, { timeout_ms: 5000 });
    // Test 0 passes before the hang; tests 1 and 2 end with the run: 1/3.
    assert.equal(r.score, 1 / 3);
    assert.deepEqual(statuses(r), ["pass", "timeout", "timeout"]);
  });

  it("a cancelled signal stops the run with a timeout error", async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const t0 = Date.now();
    const r = await score(
      fence("python", "while True:\n    pass"),
      { test_list: ["assert True"] },
      {},
      { signal: ac.signal },
    );
    assert.equal(r.error?.kind, "timeout");
    assert.match(r.error?.message ?? "", /cancelled/);
    assert.ok(Date.now() - t0 < NO_HANG_MS);
  });
});

describe("code.tests: bad input", () => {
  const bad: [string, unknown, string][] = [
    ["no tests", {}, "invalid_input"],
    ["empty list", { tests: [] }, "invalid_input"],
    ["not JSON", "nonsense", "invalid_input"],
    ["wrong types", { tests: [{ input: 1, output: { a: 1 } }] }, "invalid_input"],
    ["mismatched APPS", { inputs: ["1"], outputs: [] }, "invalid_input"],
    ["call-based APPS", { inputs: [[1]], outputs: [[1]], fn_name: "f" }, "invalid_input"],
    ["bad entry point", { test: "def check(c): pass", entry_point: "f(); import os" }, "invalid_input"],
    ["too many tests", { test_list: Array(300).fill("assert True") }, "invalid_input"],
  ];
  for (const [name, ref, kind] of bad) {
    it(`${name} → ${kind}`, async () => {
      const r = await score(fence("python", "print(1)"), ref);
      assert.equal(r.score, null);
      assert.equal(r.error?.kind, kind);
    });
  }

  it("an empty completion is a parse error; a huge one is refused before running", async () => {
    assert.equal((await score("", ADD_IO)).error?.kind, "parse");
    assert.equal((await score("```python\n\n```", ADD_IO)).error?.kind, "parse");
    const huge = await score(`print(1)\n${"#".repeat(300_000)}`, ADD_IO);
    assert.equal(huge.error?.kind, "invalid_input");
  });

  it("JavaScript tests that do not compile are the reference's fault, not the solution's", async () => {
    const r = await score(fence("js", "const x = 1;"), { tests: [{ assert: "assert.ok(((" }] });
    assert.equal(r.error?.kind, "invalid_input");
  });

  it("the spec is checked: sandboxfusion needs a url, limits are bounded", () => {
    assert.throws(() => reward({ executor: "sandboxfusion" }));
    assert.throws(() => reward({ timeout_ms: 0 }));
    assert.throws(() => reward({ memory_mb: 1_000_000 }));
  });
});
