import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveLimits } from "../../src/sandbox/limits.ts";
import { outputMatches } from "../../src/verifiers/code/compare.ts";
import { extractCode } from "../../src/verifiers/code/extract-code.ts";
import { readMarkers } from "../../src/verifiers/code/markers.ts";
import { parseTests } from "../../src/verifiers/code/test-cases.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

describe("extractCode", () => {
  it("takes the last fence of the wanted language", () => {
    const t = "```python\na = 1\n```\ntext\n```js\nb()\n```\n```py\nc = 3\n```\n";
    assert.deepEqual(extractCode(t, "python"), { code: "c = 3\n", language: "python", source: "fence" });
    assert.deepEqual(extractCode(t, "javascript"), {
      code: "b()\n",
      language: "javascript",
      source: "fence",
    });
    // With no language asked for, the last fence of any known language.
    assert.equal(extractCode(t, null).code, "c = 3\n");
  });

  it("falls back to the last untagged fence, then the whole text", () => {
    assert.deepEqual(extractCode("x\n```\nprint(2)\n```", "python"), {
      code: "print(2)\n",
      language: null,
      source: "untagged_fence",
    });
    assert.deepEqual(extractCode("print(3)", "python"), {
      code: "print(3)",
      language: null,
      source: "whole_text",
    });
    // A fence of another language is not run as Python.
    assert.equal(extractCode("```rust\nfn main(){}\n```", "python").source, "whole_text");
  });

  it("an unclosed fence runs to the end and is flagged; tildes and longer fences work", () => {
    assert.deepEqual(extractCode("```python\nprint(1)\n", "python"), {
      code: "print(1)\n",
      language: "python",
      source: "fence",
      unclosed: true,
    });
    assert.equal(extractCode("~~~python\nx = '```'\n~~~\n", "python").code, "x = '```'\n");
    assert.equal(extractCode("````python\n```\ninner\n```\n````\n", "python").code, "```\ninner\n```\n");
  });

  it("is linear on hostile input (200k fence openers)", () => {
    const t0 = performance.now();
    extractCode("```python\n".repeat(200_000), "python");
    extractCode("`".repeat(1_000_000), null);
    assert.ok(performance.now() - t0 < NO_HANG_MS);
  });
});

describe("outputMatches", () => {
  it("trim ignores trailing spaces per line and trailing blank lines, not leading ones", () => {
    assert.equal(outputMatches("3 \n\n\n", "3", "trim"), true);
    assert.equal(outputMatches("1\r\n2\r\n", "1\n2\n", "trim"), true);
    assert.equal(outputMatches(" 3", "3", "trim"), false);
    assert.equal(outputMatches("1\n\n2", "1\n2", "trim"), false);
  });
  it("exact and tokens", () => {
    assert.equal(outputMatches("3\n", "3", "exact"), false);
    assert.equal(outputMatches("3\r\n", "3\n", "exact"), true);
    assert.equal(outputMatches("1  2\n3", "1 2 3", "tokens"), true);
    assert.equal(outputMatches("1 2", "1 2 3", "tokens"), false);
  });
  it("a long run of spaces before a character stays fast", () => {
    const t0 = performance.now();
    outputMatches(`${" ".repeat(500_000)}x`, "x", "trim");
    assert.ok(performance.now() - t0 < NO_HANG_MS);
  });
});

describe("parseTests", () => {
  it("reads every supported shape", () => {
    assert.deepEqual(parseTests({ tests: [{ input: "1", output: "2" }, "assert x"] }, 10), {
      cases: [
        { type: "io", input: "1", output: "2" },
        { type: "assert", code: "assert x" },
      ],
    });
    assert.deepEqual(parseTests([{ stdin: ["a", "b"], stdout: 3 }], 10), {
      cases: [{ type: "io", input: "a\nb", output: "3" }],
    });
    assert.deepEqual(parseTests({ test: "def check(c): pass", entry_point: "f", language: "py" }, 10), {
      cases: [{ type: "assert", code: "def check(c): pass\ncheck(f)" }],
      language: "python",
    });
    assert.deepEqual(parseTests('{"inputs": ["1"], "outputs": ["1"]}', 10), {
      cases: [{ type: "io", input: "1", output: "1" }],
    });
  });
  it("says why a reference is unusable", () => {
    assert.match(String(parseTests(null, 10)), /no tests/);
    assert.match(String(parseTests({ tests: [1] }, 10)), /test 0/);
    assert.match(String(parseTests({ test_list: ["a", "b"] }, 1)), /more than max_tests/);
  });
});

describe("readMarkers", () => {
  it("keeps only this run's nonce; other text is the program's stderr", () => {
    const err = 'warn\n@@RK:abc:test:{"i":0,"ok":true}\n@@RK:xyz:test:{"i":1,"ok":true}\n@@RK:abc:done:{}\n';
    const { events, rest } = readMarkers(err, "abc");
    assert.deepEqual(
      events.map((e) => e.event),
      ["test", "done"],
    );
    assert.equal(rest, 'warn\n@@RK:xyz:test:{"i":1,"ok":true}');
  });
  it("ignores malformed marker bodies", () => {
    assert.deepEqual(readMarkers("@@RK:n:test:{not json\n@@RK:n:test:42\n", "n").events, []);
  });
});

describe("resolveLimits", () => {
  it("fills defaults and clamps into [1, max]", () => {
    const l = resolveLimits({ wallMs: 0, memoryMb: 1e9, cpuMs: Number.NaN });
    assert.equal(l.wallMs, 1);
    assert.equal(l.memoryMb, 16_384);
    assert.equal(l.cpuMs, 10_000);
  });
});
