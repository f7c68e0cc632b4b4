import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import type { RewardContext, RewardResult, Rollout } from "../../src/core/types.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { parseTextCalls } from "../../src/verifiers/tools/calls.ts";
import { toolrlFormatOk } from "../../src/verifiers/tools/toolrl-format.ts";
import { matchScore, toolrlBounds, toolrlMatch } from "../../src/verifiers/tools/toolrl-score.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

const call = (name: string, args: Record<string, unknown> = {}) => ({ name, args });

function score(node: Record<string, unknown>, rollout: Rollout, ctx: RewardContext = {}): RewardResult {
  const r = compileNode({ kind: "tools.toolrl", ...node }, { registry: defaultRegistry }).score(rollout, ctx);
  assert.ok(!(r instanceof Promise));
  return r as RewardResult;
}

const near = (a: number | null | undefined, b: number, eps = 1e-9) =>
  assert.ok(typeof a === "number" && Math.abs(a - b) <= eps, `expected ${b}, got ${a}`);

describe("ToolRL match_score", () => {
  it("is the multiset overlap |∩| / (|L1| + |L2| − |∩|)", () => {
    near(matchScore(["a", "b"], ["a"]), 0.5); // 1 / (2 + 1 − 1)
    near(matchScore(["a", "a", "b"], ["a", "c"]), 0.25); // 1 / (3 + 2 − 1)
    near(matchScore(["a", "b"], ["b", "a"]), 1); // equal multisets, any order
    near(matchScore([], []), 1); // equal (both empty)
    near(matchScore([], ["a"]), 0); // one side empty
  });
  it("is 1 or 0 under REFINEDREWARD", () => {
    near(matchScore(["a", "b"], ["a"], true), 0);
    near(matchScore(["b", "a"], ["a", "b"], true), 1);
  });
});

describe("ToolRL correctness score", () => {
  it("scores one call with one wrong value", () => {
    // names: 1; S_max = 1 + (1 + 2) = 4; best = keys 1 + values 1 = 2; score = 3 → 6·3/4 − 3 = 1.5
    const m = toolrlMatch([call("f", { a: 1, b: 2 })], [call("f", { a: 1, b: 3 })]);
    near(m.score, 3);
    near(m.sMax, 4);
  });
  it("credits a missing call only through the name score", () => {
    // names: 1/(2+1−1) = 0.5; S_max = 1 + 2 + 2 = 5; g matches fully (1 + 1); score 2.5 → 6·2.5/5 − 3 = 0
    const m = toolrlMatch([call("f", { x: 1 }), call("g", { y: 2 })], [call("g", { y: 2 })]);
    near(m.score, 2.5);
    near(m.sMax, 5);
    assert.deepEqual(m.matched, [-1, 0]);
  });
  it("matches greedily in ground-truth order, as the reference does", () => {
    // gt0 f(x=1) takes the only pred f(x=2) (keys 1 + value 0 = 1); gt1 f(x=2) finds it used.
    // names 0.5; score = 0.5 + 1 = 1.5 (an optimal matching would give 2.5); S_max = 5
    const m = toolrlMatch([call("f", { x: 1 }), call("f", { x: 2 })], [call("f", { x: 2 })]);
    near(m.score, 1.5);
    assert.deepEqual(m.matched, [0, -1]);
  });
  it("does not take a candidate whose total is 0", () => {
    // gt f() vs pred f(z=1): keys match([], [z]) = 0, no values → total 0, not matched; score = names 1; S_max = 2
    const m = toolrlMatch([call("f")], [call("f", { z: 1 })]);
    near(m.score, 1);
    near(m.sMax, 2);
    assert.deepEqual(m.matched, [-1]);
  });
  it("gives per-tool all-or-nothing credit under INTERMEDIATEREWARD", () => {
    // names 1; S_max = 1 + 1 + 1 = 3; f exact → 1, g differs → 0; score 2
    const m = toolrlMatch(
      [call("f", { x: 1 }), call("g", { y: 2 })],
      [call("f", { x: 1 }), call("g", { y: 3 })],
      {
        intermediate: true,
      },
    );
    near(m.score, 2);
    near(m.sMax, 3);
  });
});

describe("ToolRL bounds and schedules", () => {
  it("dynamic: interpolates over 150 steps and caps", () => {
    assert.deepEqual(toolrlBounds(0, "dynamic", false), {
      correctMax: 2,
      correctMin: -2,
      formatMax: 2,
      formatMin: -2,
    });
    // step 75: max_c = min(3, 1·75/150 + 2) = 2.5; min_c = max(−3, −1·75/150 − 2) = −2.5;
    // max_f = max(1, 2 − 1·75/150) = 1.5; min_f = min(−1, −2 + 2·75/150) = −1
    assert.deepEqual(toolrlBounds(75, "dynamic", false), {
      correctMax: 2.5,
      correctMin: -2.5,
      formatMax: 1.5,
      formatMin: -1,
    });
    // step 300: max_c = min(3, 4) = 3; max_f = max(1, 0) = 1
    assert.deepEqual(toolrlBounds(300, "dynamic", false), {
      correctMax: 3,
      correctMin: -3,
      formatMax: 1,
      formatMin: -1,
    });
  });
  it("step30: correctness ÷3 before step 30, format ÷2 from step 30", () => {
    assert.deepEqual(toolrlBounds(10, "step30", false), {
      correctMax: 1,
      correctMin: -1,
      formatMax: 1,
      formatMin: 0,
    });
    assert.deepEqual(toolrlBounds(30, "step30", false), {
      correctMax: 3,
      correctMin: -3,
      formatMax: 0.5,
      formatMin: 0,
    });
  });
  it("CORRECTMAX1 gives [−1, 1]; with dynamic it starts at ±2 and reaches ±1 at step 150", () => {
    const b = toolrlBounds(0, "none", true);
    assert.equal(b.correctMax, 1);
    assert.equal(b.correctMin, -1);
    const d = toolrlBounds(150, "dynamic", true); // (1−2)·1 + 2 = 1; (−1+2)·1 − 2 = −1
    assert.equal(d.correctMax, 1);
    assert.equal(d.correctMin, -1);
  });
});

describe("ToolRL format cases", () => {
  const none = { toolCall: false, response: false };
  const resp = { toolCall: false, response: true };
  const tool = { toolCall: true, response: false };
  const both = { toolCall: true, response: true };
  it("neither: ^<think>.*?</think>$ (Python's $ allows one final newline)", () => {
    assert.equal(toolrlFormatOk("<think>x</think>", none), true);
    assert.equal(toolrlFormatOk("<think>x</think>\n", none), true);
    assert.equal(toolrlFormatOk("<think>x</think>\n\n", none), false);
    assert.equal(toolrlFormatOk("a<think>x</think>", none), false);
    assert.equal(toolrlFormatOk("<think>x</think> tail", none), false);
    assert.equal(toolrlFormatOk("<think></think>", none), true);
    assert.equal(toolrlFormatOk("<think>", none), false);
  });
  it("response only", () => {
    assert.equal(toolrlFormatOk("<think>a</think>\n<response>b</response>", resp), true);
    assert.equal(toolrlFormatOk("<think>a</think><response>b</response>", resp), false);
    assert.equal(
      toolrlFormatOk("<think>a</think>\n<response>b</response><response>c</response>", resp),
      false,
    );
    assert.equal(toolrlFormatOk("<think>a</think>\n<response>b", resp), false);
  });
  it("tool call only: two newlines around the (possibly empty) content", () => {
    assert.equal(toolrlFormatOk('<think>a</think>\n<tool_call>\n{"name":"f"}\n</tool_call>', tool), true);
    assert.equal(toolrlFormatOk("<think>a</think>\n<tool_call>\n\n</tool_call>", tool), true);
    assert.equal(toolrlFormatOk("<think>a</think>\n<tool_call>\n</tool_call>", tool), false);
    assert.equal(toolrlFormatOk('<think>a</think>\n<tool_call>{"name":"f"}</tool_call>', tool), false);
    assert.equal(
      toolrlFormatOk("<think>a</think>\n<tool_call>\nx\n</tool_call>\n<tool_call>\nx\n</tool_call>", tool),
      false,
    );
  });
  it("both", () => {
    const t = "<think>a</think>\n<tool_call>\n{}\n</tool_call>\n<response>b</response>";
    assert.equal(toolrlFormatOk(t, both), true);
    assert.equal(
      toolrlFormatOk(t.replace("</tool_call>\n<response>", "</tool_call><response>"), both),
      false,
    );
    assert.equal(toolrlFormatOk(t, tool), false);
  });
  it("stays linear on hostile input", () => {
    const t0 = Date.now();
    const evil = `<think>${"</think>\n".repeat(200_000)}<tool_call>\n${"\n".repeat(200_000)}`;
    for (const c of [none, resp, tool, both]) assert.equal(toolrlFormatOk(evil, c), false);
    assert.ok(Date.now() - t0 < NO_HANG_MS);
  });
});

const GT =
  '<think>need weather</think>\n<tool_call>\n{"name": "get_weather", "parameters": {"city": "Paris", "unit": "c"}}\n</tool_call>';
const good =
  '<think>ok</think>\n<tool_call>\n{"name": "get_weather", "parameters": {"unit": "c", "city": "Paris"}}\n</tool_call>';

describe("tools.toolrl kind", () => {
  it("exact calls and format: 1 + 3", () => {
    const r = score({}, { completion: good, reference: GT });
    assert.equal(r.score, 4);
    assert.deepEqual(r.components, { format: 1, correctness: 3 });
  });
  it("one wrong value: 1 + (6·3/4 − 3) = 2.5", () => {
    const r = score({}, { completion: good.replace('"c"', '"f"'), reference: GT });
    near(r.score, 2.5);
  });
  it("coarse: anything but exact is −3", () => {
    const r = score({ coarse: true }, { completion: good.replace('"c"', '"f"'), reference: GT });
    near(r.score, 1 - 3);
  });
  it("correct_max1: (1 − (−1))·3/4 − 1 = 0.5 for one wrong value", () => {
    const r = score({ correct_max1: true }, { completion: good.replace('"c"', '"f"'), reference: GT });
    near(r.components?.correctness, 0.5);
  });
  it("accepts OpenAI tool_calls messages (arguments as a JSON string)", () => {
    const completion = [
      {
        role: "assistant",
        content: "<think>ok</think>",
        tool_calls: [
          { type: "function", function: { name: "get_weather", arguments: '{"city":"Paris","unit":"c"}' } },
        ],
      },
    ];
    const r = score({}, { completion, reference: GT });
    assert.equal(r.score, 4);
  });
  it("accepts structured references", () => {
    const ref = { tool_calls: [{ name: "get_weather", arguments: { city: "Paris", unit: "c" } }] };
    assert.equal(score({}, { completion: good, reference: ref }).score, 4);
  });
  it("ground truth without a tool call: correctness 0 (format decides)", () => {
    const r = score(
      {},
      { completion: "<think>x</think>\n<response>hi</response>", reference: "<response>hi</response>" },
    );
    assert.deepEqual(r.components, { format: 1, correctness: 0 });
  });
  it("dynamic schedule reads ctx.step or meta.step, and errors without a step", () => {
    // step 75: format max 1.5, correctness max 2.5
    assert.equal(score({ schedule: "dynamic" }, { completion: good, reference: GT }, { step: 75 }).score, 4);
    assert.equal(
      score({ schedule: "dynamic" }, { completion: good, reference: GT, meta: { step: 75 } }).score,
      4,
    );
    const e = score({ schedule: "dynamic" }, { completion: good, reference: GT });
    assert.equal(e.score, null);
    assert.equal(e.error?.kind, "invalid_input");
  });
  it("length term: min(1, round(words/512, 2)) = round(3/512, 2) = 0.01", () => {
    const r = score(
      { length: true },
      { completion: good.replace("<think>ok</think>", "<think>one two three</think>"), reference: GT },
    );
    near(r.components?.length, 0.01);
    near(r.score, 4.01);
  });
  describe("malformed outputs score the minimum, never throw", () => {
    const cases: [string, string, number][] = [
      ["empty", "", 0 - 3],
      ["unclosed tag", '<think>x</think>\n<tool_call>\n{"name": "get_weather", "parameters": {}}', 0 - 3],
      [
        "NaN literal",
        '<think>x</think>\n<tool_call>\n{"name": "get_weather", "parameters": {"city": NaN}}\n</tool_call>',
        1 - 3,
      ],
      ["wrong types", '<think>x</think>\n<tool_call>\n["get_weather"]\n</tool_call>', 1 - 3],
      [
        "parameters not an object",
        '<think>x</think>\n<tool_call>\n{"name": "get_weather", "parameters": 5}\n</tool_call>',
        1 - 3,
      ],
      // two blocks break the format (count ≠ 1) but the first block is read for correctness, as in the reference
      ["duplicated blocks", `${good}\n<tool_call>\n{"name": "x", "parameters": {}}\n</tool_call>`, 0 + 3],
    ];
    for (const [name, completion, want] of cases) {
      it(name, () => assert.equal(score({}, { completion, reference: GT }).score, want));
    }
    it("huge input", () => {
      const t0 = Date.now();
      const huge = `<think>x</think>\n<tool_call>\n${'{"name": "f", "parameters": {}}\n'.repeat(100_000)}</tool_call>`;
      assert.equal(score({}, { completion: huge, reference: GT }).score, 1 - 3); // format holds; > 256 calls → min
      assert.ok(Date.now() - t0 < NO_HANG_MS);
    });
    it("an unusable reference is an invalid_input error", () => {
      const r = score({}, { completion: good, reference: 42 });
      assert.equal(r.error?.kind, "invalid_input");
      const bad = score({}, { completion: good, reference: "<tool_call>\nnot json\n</tool_call>" });
      assert.equal(bad.error?.kind, "invalid_input");
    });
  });
  it("parses one call per line", () => {
    const p = parseTextCalls(
      '<tool_call>\n{"name":"a","parameters":{}}\n{"name":"b","arguments":"{\\"x\\":1}"}\n</tool_call>',
    );
    assert.ok(p.ok);
    assert.deepEqual(p.ok && p.calls, [call("a"), call("b", { x: 1 })]);
  });
});
