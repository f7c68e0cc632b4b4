import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import { RewardkitError } from "../../src/core/errors.ts";
import type { RewardResult, Rollout } from "../../src/core/types.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { assign, assignFirstValid } from "../../src/verifiers/tools/assign.ts";
import { bfclCheck, standardizeString } from "../../src/verifiers/tools/bfcl.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";
import { parseJsonLiteral, writtenAsFloat } from "../../src/verifiers/tools/json-literal.ts";

function score(node: Record<string, unknown>, rollout: Rollout): RewardResult {
  const r = compileNode({ kind: "tools.match", ...node }, { registry: defaultRegistry }).score(rollout, {});
  assert.ok(!(r instanceof Promise));
  return r as RewardResult;
}
const near = (a: number | null | undefined, b: number, eps = 1e-9) =>
  assert.ok(typeof a === "number" && Math.abs(a - b) <= eps, `expected ${b}, got ${a}`);
const text = (...calls: object[]) =>
  `<tool_call>\n${calls.map((c) => JSON.stringify(c)).join("\n")}\n</tool_call>`;

describe("tools.match with plain calls", () => {
  const ref = [
    { name: "f", arguments: { a: 1 } },
    { name: "g", arguments: { b: 2 } },
  ];
  const swapped = text({ name: "g", arguments: { b: 2 } }, { name: "f", arguments: { a: 1 } });
  it("unordered matching ignores call order", () => {
    const r = score({}, { completion: swapped, reference: ref });
    assert.equal(r.score, 1);
    assert.equal(r.components?.exact, 1);
  });
  it("ordered matching compares position by position", () => {
    const r = score({ order: "ordered" }, { completion: swapped, reference: ref });
    assert.equal(r.score, 0);
    assert.deepEqual(r.components, { call_0: 0, call_1: 0, exact: 0 });
  });
  it("credit per call = matching arguments / union of argument names", () => {
    // {a, b, c}: only a matches → 1/3
    const r = score(
      {},
      {
        completion: text({ name: "f", arguments: { a: 1, b: 3, c: 4 } }),
        reference: [{ name: "f", arguments: { a: 1, b: 2 } }],
      },
    );
    near(r.score, 1 / 3);
  });
  it("extra calls cost: Σ credit / max(#expected, #predicted) = 1/2", () => {
    const r = score(
      {},
      {
        completion: text({ name: "f", arguments: { a: 1 } }, { name: "g", arguments: {} }),
        reference: [ref[0]],
      },
    );
    near(r.score, 0.5);
    assert.equal(r.components?.exact, 0);
  });
  it("numeric tolerance: |1.05 − 1| ≤ 0.1 passes, exact does not", () => {
    const rollout = {
      completion: text({ name: "f", arguments: { x: 1.05 } }),
      reference: [{ name: "f", arguments: { x: 1 } }],
    };
    assert.equal(score({ abs_tol: 0.1 }, rollout).score, 1);
    assert.equal(score({}, rollout).score, 0);
    assert.equal(score({ rel_tol: 0.04 }, rollout).score, 0); // 0.05 > 0.04·1
  });
  it("reads OpenAI tool_calls messages", () => {
    const completion = [
      { role: "assistant", content: null, tool_calls: [{ function: { name: "f", arguments: '{"a": 1}' } }] },
    ];
    assert.equal(score({}, { completion, reference: [ref[0]] }).score, 1);
  });
  it("all_or_nothing gives the exact verdict", () => {
    const r = score(
      { scoring: "all_or_nothing" },
      { completion: text({ name: "f", arguments: { a: 1 } }), reference: ref },
    );
    assert.equal(r.score, 0);
  });
  it("no expected and no predicted calls is a full match", () => {
    assert.equal(score({}, { completion: "no calls", reference: [] }).score, 1);
  });
});

describe("tools.match with JSON Schemas", () => {
  const schema = { type: "object", required: ["n"], properties: { n: { type: "number", minimum: 0 } } };
  it("per-rollout schema references", () => {
    const reference = [{ name: "f", schema }];
    assert.equal(score({}, { completion: text({ name: "f", arguments: { n: 3 } }), reference }).score, 1);
    assert.equal(score({}, { completion: text({ name: "f", arguments: { n: -1 } }), reference }).score, 0);
  });
  it("spec-level schemas gate every call of that tool", () => {
    const node = { schemas: { f: { type: "object", properties: { q: { type: "string" } } } } };
    const reference = [{ name: "f", arguments: { q: 5 } }];
    assert.equal(score(node, { completion: text({ name: "f", arguments: { q: 5 } }), reference }).score, 0);
  });
  it("an invalid spec schema fails at compile time", () => {
    assert.throws(
      () =>
        compileNode(
          { kind: "tools.match", schemas: { f: { type: "nonsense" } } },
          { registry: defaultRegistry },
        ),
      RewardkitError,
    );
  });
  it("an invalid per-rollout schema is an invalid_input error", () => {
    const r = score(
      {},
      { completion: text({ name: "f", arguments: {} }), reference: [{ name: "f", schema: { type: 12 } }] },
    );
    assert.equal(r.error?.kind, "invalid_input");
  });
});

describe("BFCL possible answers", () => {
  const possible = [{ "math.hypot": { x: [4], y: [5], z: ["", 0] } }];
  it("standardises strings like the AST checker", () => {
    assert.equal(standardizeString("April 1, 2024"), "april12024");
    assert.equal(standardizeString("It's a_b-c*d^e/f."), 'it"sabcdef');
  });
  it("accepts an omitted optional parameter and an allowed value", () => {
    assert.equal(
      score({}, { completion: text({ name: "math.hypot", arguments: { x: 4, y: 5 } }), reference: possible })
        .score,
      1,
    );
    assert.equal(
      score(
        {},
        { completion: text({ name: "math.hypot", arguments: { x: 4, y: 5, z: 0 } }), reference: possible },
      ).score,
      1,
    );
  });
  it("gives partial credit per parameter: a wrong z passes 2 of {x, y, z}", () => {
    const r = score(
      {},
      { completion: text({ name: "math.hypot", arguments: { x: 4, y: 5, z: 1 } }), reference: possible },
    );
    near(r.score, 2 / 3);
    assert.equal(r.components?.exact, 0);
  });
  it("type checks: a string for an integer parameter fails", () => {
    const r = score(
      {},
      { completion: text({ name: "math.hypot", arguments: { x: "4", y: 5 } }), reference: possible },
    );
    near(r.score, 2 / 3); // x fails, y passes, z omitted (optional) passes
  });
  it("a missing parameter not marked optional and an unexpected one both fail", () => {
    const exp = { name: "f", params: { a: [1], b: [2] } };
    const missing = bfclCheck({ name: "f", args: { a: 1 } }, exp);
    assert.deepEqual([missing.valid, missing.passed, missing.total], [false, 1, 2]);
    const extra = bfclCheck({ name: "f", args: { a: 1, b: 2, c: 3 } }, exp);
    assert.deepEqual([extra.valid, extra.passed, extra.total], [false, 2, 3]);
  });
  it("string values match after standardisation", () => {
    const ref = [{ get_weather: { city: ["San Francisco, CA"], unit: ["", "celsius"] } }];
    const r = score(
      {},
      { completion: text({ name: "get_weather", arguments: { city: "san francisco ca" } }), reference: ref },
    );
    assert.equal(r.score, 1);
  });
  it("uses function docs for types: int accepted for float, float rejected for integer", () => {
    const functions = [
      {
        name: "f",
        parameters: { properties: { v: { type: "float" }, n: { type: "integer" } }, required: ["v"] },
      },
    ];
    const ref = { ground_truth: [{ f: { v: [5.0], n: ["", 2] } }], function: functions };
    assert.equal(
      score({}, { completion: text({ name: "f", arguments: { v: 5 } }), reference: ref }).score,
      1,
    );
    near(
      score({}, { completion: text({ name: "f", arguments: { v: 5, n: 2.5 } }), reference: ref }).score,
      1 / 2,
    );
    near(score({}, { completion: text({ name: "f", arguments: { n: 2 } }), reference: ref }).score, 1 / 2); // v required
  });
  it("checks dict parameters key by key", () => {
    const ref = [{ book: { opts: [{ room: ["single", "double"], late: ["", true] }] } }];
    assert.equal(
      score(
        {},
        { completion: text({ name: "book", arguments: { opts: { room: "Double" } } }), reference: ref },
      ).score,
      1,
    );
    near(
      score(
        {},
        { completion: text({ name: "book", arguments: { opts: { room: "suite" } } }), reference: ref },
      ).score,
      0,
    );
  });
  it("underscore names only when allowed", () => {
    const completion = text({ name: "math_hypot", arguments: { x: 4, y: 5 } });
    assert.equal(score({}, { completion, reference: possible }).score, 0);
    assert.equal(score({ underscore_names: true }, { completion, reference: possible }).score, 1);
  });
});

describe("tools.match on malformed outputs", () => {
  const reference = [{ name: "f", arguments: { a: 1 } }];
  const cases: [string, Rollout["completion"]][] = [
    ["empty", ""],
    ["unclosed tag", '<tool_call>\n{"name": "f", "arguments": {"a": 1}}'],
    ["NaN", '<tool_call>\n{"name": "f", "arguments": {"a": NaN}}\n</tool_call>'],
    ["wrong types", '<tool_call>\n{"name": 5, "arguments": []}\n</tool_call>'],
    [
      "messages of the wrong shape",
      [{ role: "assistant", tool_calls: [{ function: { name: "f", arguments: "{bad" } }] }],
    ],
  ];
  for (const [name, completion] of cases) {
    it(`${name}: 0 with a reason`, () => {
      const r = score({}, { completion, reference });
      assert.equal(r.score, 0);
    });
  }
  it("malformed: error turns a parse failure into a typed error", () => {
    const r = score({ malformed: "error" }, { completion: "<tool_call>\n{bad\n</tool_call>", reference });
    assert.equal(r.error?.kind, "parse");
  });
  it("duplicated blocks are all read (all_blocks) and the extra call costs", () => {
    const one = text({ name: "f", arguments: { a: 1 } });
    near(score({}, { completion: `${one}\n${one}`, reference }).score, 0.5);
    near(score({ all_blocks: false }, { completion: `${one}\n${one}`, reference }).score, 1);
  });
  it("huge input stays bounded", () => {
    const t0 = Date.now();
    const huge = text(...Array.from({ length: 50_000 }, () => ({ name: "f", arguments: { a: 1 } })));
    const r = score({}, { completion: huge, reference });
    assert.equal(r.score, 0);
    assert.ok(Date.now() - t0 < NO_HANG_MS);
  });
  it("an unusable reference is invalid_input", () => {
    assert.equal(score({}, { completion: "", reference: "nope" }).error?.kind, "invalid_input");
    assert.equal(score({}, { completion: "", reference: [{ nope: 1 }] }).error?.kind, "invalid_input");
  });
});

describe("one-to-one assignment", () => {
  it("maximises the total, where greedy would not", () => {
    // greedy takes (0,0)=1 then row 1 has nothing: 1; optimal (0,1)+(1,0) = 0.5 + 1 = 1.5
    assert.deepEqual(
      assign([
        [1, 0.5],
        [1, 0],
      ]),
      [1, 0],
    );
  });
  it("leaves rows without positive credit unmatched", () => {
    assert.deepEqual(
      assign([
        [0, 0],
        [0, 1],
      ]),
      [-1, 1],
    );
    assert.deepEqual(assign([[1], [1]]), [0, -1]);
  });
  it("falls back to greedy beyond the exact limit", () => {
    const n = 12;
    const m = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
    assert.deepEqual(
      assign(m),
      Array.from({ length: n }, (_, i) => i),
    );
  });
});

describe("numbers as written (BFCL's int/float distinction)", () => {
  const fnInt = [
    {
      name: "f",
      parameters: {
        properties: {
          n: { type: "integer" },
          xs: { type: "array", items: { type: "integer" } },
          fs: { type: "array", items: { type: "float" } },
          v: { type: "float" },
        },
        required: [],
      },
    },
  ];
  const line = (args: string) => `<tool_call>\n{"name": "f", "arguments": ${args}}\n</tool_call>`;
  const exact = (args: string, gt: string, extra: Record<string, unknown> = {}) =>
    score(
      { reference_format: "bfcl", ...extra },
      { completion: line(args), reference: { ground_truth: gt, function: fnInt } },
    ).components?.exact;

  it("parseJsonLiteral keeps 6.0 apart from 6 and agrees with JSON.parse", () => {
    const v = parseJsonLiteral('{"a": 6.0, "b": 6, "c": [1e2, 2.5, 3], "a2": {"__proto__": 1.0}}') as Record<
      string,
      unknown
    >;
    assert.deepEqual(v, JSON.parse('{"a": 6.0, "b": 6, "c": [1e2, 2.5, 3], "a2": {"__proto__": 1.0}}'));
    assert.equal(writtenAsFloat(v, "a"), true);
    assert.equal(writtenAsFloat(v, "b"), false);
    assert.equal(writtenAsFloat(v.c as object, 0), true);
    assert.equal(writtenAsFloat(v.c as object, 2), false);
    assert.equal(Object.getPrototypeOf(v.a2), Object.prototype); // "__proto__" stays an own key
    assert.throws(() => parseJsonLiteral('{"a": 6.0,}'), SyntaxError);
    const forms = parseJsonLiteral("[1.5e1, 6.00, 21.5, 1.005, 7, -0.0, 2E2]") as number[];
    assert.deepEqual(
      forms.map((_, i) => writtenAsFloat(forms, i)),
      [true, true, false, false, false, true, true],
    );
  });
  it("an integer parameter given 6.0 fails; 6 passes", () => {
    assert.equal(exact('{"n": 6}', '[{"f": {"n": [6]}}]'), 1);
    assert.equal(exact('{"n": 6.0}', '[{"f": {"n": [6]}}]'), 0);
  });
  it("int is accepted for a float parameter at the top level only", () => {
    assert.equal(exact('{"v": 2}', '[{"f": {"v": [2.0]}}]'), 1);
    assert.equal(exact('{"fs": [1, 2]}', '[{"f": {"fs": [[1.0, 2.0]]}}]'), 0);
    assert.equal(exact('{"fs": [1.0, 2.0]}', '[{"f": {"fs": [[1.0, 2.0]]}}]'), 1);
  });
  it('float items in an integer list fail, unless BFCL\'s "" marker lets them pass', () => {
    assert.equal(exact('{"xs": [1.0, 2.0]}', '[{"f": {"xs": [[1, 2]]}}]'), 0);
    assert.equal(exact('{"xs": [1.0, 2.0]}', '[{"f": {"xs": [[1, 2], ""]}}]'), 1);
    assert.equal(exact('{"xs": [1.0, 2.0]}', '[{"f": {"xs": [[1, 2], ""]}}]', { matching: "optimal" }), 0);
  });
  it('"" stands for an empty list in matching: bfcl only', () => {
    assert.equal(exact('{"xs": []}', '[{"f": {"xs": [[1, 2], ""]}}]'), 1);
    assert.equal(exact('{"xs": []}', '[{"f": {"xs": [[1, 2], ""]}}]', { matching: "optimal" }), 0);
    assert.equal(exact("{}", '[{"f": {"xs": [[1, 2], ""]}}]', { matching: "optimal" }), 1);
  });
  it("a parsed reference object: integral numbers where the document declares float are read as floats", () => {
    const r = score(
      { reference_format: "bfcl" },
      {
        completion: line('{"fs": [1, 2]}'),
        reference: { ground_truth: [{ f: { fs: [[1.0, 2.0]] } }], function: fnInt },
      },
    );
    assert.equal(r.components?.exact, 0); // as BFCL, which reads the answer's 1.0 as a float
    const ints = score(
      { reference_format: "bfcl" },
      {
        completion: line('{"xs": [1, 2]}'),
        reference: { ground_truth: [{ f: { xs: [[1, 2]] } }], function: fnInt },
      },
    );
    assert.equal(ints.components?.exact, 1);
  });
});

describe("matching: bfcl vs optimal for parallel calls", () => {
  // Expected call 0 accepts a = 1 or 2; expected call 1 only a = 1. Output order: a = 1, then a = 2.
  const reference = [{ g: { a: [1, 2] } }, { g: { a: [1] } }];
  const completion = text({ name: "g", arguments: { a: 1 } }, { name: "g", arguments: { a: 2 } });
  it("bfcl: the first expected call takes the first valid output and strands the second", () => {
    const r = score({}, { completion, reference });
    assert.equal(r.components?.exact, 0);
    assert.deepEqual(r.info?.matched, [0, -1]); // a = 2 earns the second call no credit
    near(r.score, 0.5);
    assert.equal(r.info?.matching, "bfcl");
  });
  it("optimal: the assignment that satisfies both", () => {
    const r = score({ matching: "optimal" }, { completion, reference });
    assert.equal(r.components?.exact, 1);
    assert.deepEqual(r.info?.matched, [1, 0]);
  });
  it("assignFirstValid gives stranded rows the best remaining columns", () => {
    assert.deepEqual(
      assignFirstValid(
        [
          [true, true],
          [true, false],
        ],
        [
          [1, 1],
          [1, 0.5],
        ],
      ),
      [0, 1],
    );
  });
});

describe("hostile tool-call JSON", () => {
  it("nesting deeper than the literal-form reader allows is a malformed call, not a crash", () => {
    const deep = `${"[".repeat(5_000)}1.0${"]".repeat(5_000)}`;
    assert.throws(() => parseJsonLiteral(deep), SyntaxError);
    const r = score(
      { reference_format: "bfcl" },
      {
        completion: `<tool_call>\n{"name": "f", "arguments": {"x": ${deep}}}\n</tool_call>`,
        reference: [{ f: { x: [1] } }],
      },
    );
    assert.equal(r.score, 0);
    assert.match(String(r.info?.reason), /not JSON/);
  });
  it("a repeated key keeps the last value and its form, as JSON.parse does", () => {
    const v = parseJsonLiteral('{"a": 1.0, "a": 2}') as Record<string, unknown>;
    assert.deepEqual(v, { a: 2 });
    assert.equal(writtenAsFloat(v, "a"), false);
  });
});
