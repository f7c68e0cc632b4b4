import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { render, rolloutScope } from "../../src/judges/template.ts";
import {
  finalSegment,
  lastJsonObject,
  parseLabel,
  parsePreference,
  parseScore,
  readPreference,
} from "../../src/judges/verdict.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

describe("parseScore", () => {
  // Each row: judge answer → expected number (or null = parse error).
  const cases: [string, string, number | null][] = [
    ["structured output", '{"steps": [], "result": 7}', 7],
    ["numeric string is accepted", '{"result": "7.5"}', 7.5],
    ["word is not a number", '{"result": "seven"}', null],
    ["null result", '{"result": null}', null],
    ["score field", '{"score": 3}', 3],
    ["last JSON wins after reasoning", 'Maybe {"result": 2}? No. {"result": 9}', 9],
    ["think block is skipped", '<think>{"result": 1}</think>{"result": 4}', 4],
    ["unclosed think: no verdict", "<think>I would say 10", null],
    ["UnifiedReward-Think style tags", "<think>long…</think><answer>Final score: 6</answer>", 6],
    ["<score> tag", "reasoning... <score>8</score>", 8],
    ["boxed", "so the grade is \\boxed{5}", 5],
    ["[[x]] MT-bench style", "Rating: [[4]]", 4],
    ["score: x (last one)", "Score: 2\nOn reflection, final score: 3", 3],
    ["bare number", "  0.25 ", 0.25],
    ["empty", "", null],
    ["prose only", "The response is good.", null],
    ["truncated JSON falls back to text", '{"steps": [{"description": "x"', null],
    ["markdown fence", '```json\n{"result": 0.5}\n```', 0.5],
  ];
  for (const [name, text, want] of cases) {
    test(name, () => {
      const v = parseScore(text);
      if (want === null) assert.equal(v.ok, false, JSON.stringify(v));
      else {
        assert.ok(v.ok, JSON.stringify(v));
        assert.equal(v.value, want);
      }
    });
  }

  test("linear on hostile answers: 200k spaces, 20k unclosed braces, 20k 'score' words", () => {
    const t0 = Date.now();
    parseScore(`score${" ".repeat(200_000)}x`);
    parseScore("{".repeat(20_000));
    parseScore("score ".repeat(20_000));
    parseScore(`${"<think>".repeat(10_000)}</think>${'{"a":'.repeat(5000)}`);
    parseLabel(`${"a".repeat(1)}${" ".repeat(100_000)}b`, ["yes", "no"]);
    parsePreference(`verdict: ${" ".repeat(100_000)}x`);
    assert.ok(Date.now() - t0 < NO_HANG_MS, `${Date.now() - t0} ms`);
  });
});

describe("parseLabel", () => {
  const labels = ["correct", "incorrect"];
  test("JSON result, case-insensitive", () => {
    assert.deepEqual(parseLabel('{"result": "Correct"}', labels), { ok: true, label: "correct" });
  });
  test("a JSON label outside the set is a parse error", () => {
    assert.equal(parseLabel('{"result": "maybe"}', labels).ok, false);
  });
  test("'incorrect' never reads as 'correct'", () => {
    assert.deepEqual(parseLabel("Label: incorrect", labels), { ok: true, label: "incorrect" });
    assert.equal(parseLabel("The answer is not correct at all, it is wrong", labels).ok, false);
  });
  test("final line after reasoning", () => {
    assert.deepEqual(parseLabel("<think>hmm correct?</think>\n**incorrect**", labels), {
      ok: true,
      label: "incorrect",
    });
  });
});

describe("parsePreference", () => {
  const cases: [string, string, "A" | "B" | "tie" | null][] = [
    ["JSON verdict", '{"principles": [], "analysis": "", "verdict": "B"}', "B"],
    ["[[A]] after reasoning", "Both fine, but A is clearer. [[A]]", "A"],
    ["image 2 is better (UnifiedReward style)", "<think>…</think><answer>Image 2 is better</answer>", "B"],
    ["tie", "Final verdict: tie", "tie"],
    ["verdict tag", "<verdict>Response A</verdict>", "A"],
    ["nothing", "I cannot decide.", null],
    ["invalid JSON verdict", '{"verdict": "C"}', null],
  ];
  for (const [name, text, want] of cases) {
    test(name, () => {
      const v = parsePreference(text);
      if (want === null) assert.equal(v.ok, false);
      else assert.deepEqual(v, { ok: true, preference: want });
    });
  }
  test("readPreference does not read 'assistant' alone as A", () => {
    assert.equal(readPreference("assistant"), undefined);
    assert.equal(readPreference("Answer 1"), "A");
  });
});

describe("segments and JSON", () => {
  test("finalSegment", () => {
    assert.equal(finalSegment("<think>x</think> y "), "y");
    assert.equal(finalSegment("<answer>z</answer>"), "z");
    assert.equal(finalSegment("<think>never closed"), "");
  });
  test("lastJsonObject skips LaTeX groups", () => {
    assert.deepEqual(lastJsonObject('\\frac{1}{2} then {"result": 1} then \\sqrt{2}'), { result: 1 });
  });
});

describe("templates", () => {
  const scope = rolloutScope({
    prompt: [{ role: "user", content: "2+2?" }],
    completion: [
      { role: "assistant", content: "4", tool_calls: [{ function: { name: "calc", arguments: "{}" } }] },
    ],
    reference: { answer: "4" },
    meta: { source: "gsm8k" },
  });
  test("item and sample variables, JSON paths", () => {
    const r = render(
      "Q={{ item.prompt }} A={{sample.output_text}} ref={{item.answer}} src={{item.source}} tool={{sample.output_tools[0].function.name}}",
      scope,
    );
    assert.deepEqual(r, { ok: true, text: "Q=2+2? A=4 ref=4 src=gsm8k tool=calc" });
  });
  test("objects render as JSON; missing variables are reported", () => {
    assert.deepEqual(render("{{item.reference}}", scope), { ok: true, text: '{"answer":"4"}' });
    assert.deepEqual(render("{{item.nope}}", scope), { ok: false, missing: "item.nope" });
  });
  test("substituted text is not expanded again (no template injection)", () => {
    const s = rolloutScope({ completion: "{{item.secret}}", meta: { secret: "s3cr3t" } });
    assert.deepEqual(render("{{sample.output_text}}", s), { ok: true, text: "{{item.secret}}" });
  });
  test("output_json is present only for JSON completions", () => {
    assert.deepEqual(rolloutScope({ completion: '{"a": 1}' }).sample.output_json, { a: 1 });
    assert.equal(rolloutScope({ completion: "a" }).sample.output_json, undefined);
  });
});
