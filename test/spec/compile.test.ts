import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import Ajv from "ajv";
import { defaultRegistry } from "../../src/builtins.ts";
import { RewardkitError } from "../../src/core/errors.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { runExamples } from "../../src/spec/examples.ts";
import { specJsonSchema } from "../../src/spec/json-schema.ts";
import { hasNestedQuantifier, lintSpec } from "../../src/spec/lint.ts";
import { parseSpecText } from "../../src/spec/parse.ts";
import { compileSpec } from "../../src/spec/spec.ts";

const opts = { registry: defaultRegistry };
function issuesOf(raw: unknown): string[] {
  try {
    compileSpec(raw, opts);
  } catch (e) {
    assert.ok(e instanceof RewardkitError);
    return e.issues.map((i) => `${i.path}: ${i.message}`);
  }
  assert.fail("expected the spec to be rejected");
}

describe("spec errors name the path and the reason", () => {
  it("a wrong type in a term", () => {
    const raw = {
      name: "s",
      reward: { kind: "sum", terms: [{ kind: "text.exact" }, { kind: "text.exact", weight: "x" }] },
    };
    assert.deepEqual(issuesOf(raw), ['reward.terms[1].weight: expected a number, got "x"']);
  });
  it("every problem at once: unknown kind, unknown key, bad enum, missing child", () => {
    const raw = {
      name: "s",
      reward: {
        kind: "sum",
        terms: [
          { kind: "text.exactt" },
          { kind: "text.exact", colour: 1 },
          { kind: "text.exact", from: "nowhere" },
          { kind: "gate", check: { kind: "format.tags" } },
        ],
      },
    };
    const got = issuesOf(raw);
    assert.match(
      got[0]!,
      /^reward\.terms\[0\]\.kind: unknown reward kind "text\.exactt" \(did you mean text\.exact/,
    );
    assert.equal(got[1], 'reward.terms[1]: unknown key "colour"');
    assert.match(got[2]!, /^reward\.terms\[2\]\.from: expected one of "whole", "answer_tag"/);
    assert.equal(got[3], "reward.terms[3].reward: required");
  });
  it("weight outside a sum, missing top-level fields, non-object nodes", () => {
    assert.deepEqual(issuesOf({ name: "s", reward: { kind: "text.exact", weight: 2 } }), [
      "reward.weight: weight only applies to the terms of a sum",
    ]);
    assert.deepEqual(issuesOf({ reward: { kind: "text.exact" } }), ["name: required"]);
    assert.deepEqual(issuesOf({ name: "s" }), ["reward: required"]);
    assert.deepEqual(issuesOf({ name: "s", reward: { kind: "sum", terms: [3] } }), [
      'reward.terms[0]: expected a reward node (an object with "kind"), got 3',
    ]);
    assert.deepEqual(issuesOf({ name: "s", reward: { kind: "sum", terms: [] } }), [
      "reward.terms: expected a non-empty list of reward nodes, got an array",
    ]);
  });
  it("errors raised while building a node carry its path (a formula with an unknown variable, a non-linear regex)", () => {
    const f = {
      name: "s",
      reward: { kind: "formula", expr: "a + z", terms: { a: { kind: "const", value: 1 } } },
    };
    assert.match(issuesOf(f)[0]!, /^reward\.expr: unknown variable "z"/);
    const re = { name: "s", reward: { kind: "format.regex", pattern: "(a)\\1" } };
    assert.match(issuesOf(re)[0]!, /^reward\.pattern: .*set engine: backtracking/);
  });
  it("YAML syntax errors give line and column", () => {
    assert.throws(
      () => parseSpecText("name: x\nreward: {kind: [", "s.yaml"),
      (e: unknown) =>
        e instanceof RewardkitError &&
        e.code === "E_SPEC_PARSE" &&
        /^s\.yaml:\d+:\d+$/.test(e.issues[0]!.path),
    );
    assert.throws(() => parseSpecText("a: 1\na: 2"), /E_SPEC_PARSE|Map keys must be unique/);
  });
});

describe("compiled rewards", () => {
  it("carry a stable id@version and their own spec, which recompiles to the same behaviour", () => {
    const r = compileNode(
      {
        kind: "sum",
        terms: [
          { kind: "const", value: 1, name: "a", weight: 2 },
          { kind: "const", value: 0.5 },
        ],
      },
      opts,
    );
    assert.equal(r.id, "sum@1");
    const again = compileNode(JSON.parse(JSON.stringify(r.spec)), opts);
    assert.deepEqual(again.spec, r.spec);
    assert.deepEqual(again.score({ completion: "" }, {}), r.score({ completion: "" }, {}));
    assert.equal((r.score({ completion: "" }, {}) as { score: number }).score, 2.5);
  });
  it("every registered kind compiles from its defaults or is rejected with a path (no crash)", () => {
    for (const def of defaultRegistry.list()) {
      try {
        compileNode({ kind: def.kind }, opts);
      } catch (e) {
        assert.ok(e instanceof RewardkitError, `${def.kind} threw ${String(e)}`);
        assert.ok(
          e.issues.every((i) => i.path.startsWith("reward")),
          `${def.kind}: ${e.message}`,
        );
      }
    }
  });
});

describe("JSON Schema", () => {
  const schema = specJsonSchema(defaultRegistry);
  const validate = new Ajv.default({ strict: false, logger: false }).compile(schema);
  it("accepts the shipped specs and rejects a bad weight", () => {
    for (const f of ["examples/demo/spec.yaml", "examples/specs/job-application.yaml"]) {
      assert.ok(
        validate(parseSpecText(readFileSync(f, "utf8"))),
        `${f}: ${JSON.stringify(validate.errors?.slice(0, 2))}`,
      );
    }
    assert.equal(
      validate({ name: "x", reward: { kind: "sum", terms: [{ kind: "text.exact", weight: "x" }] } }),
      false,
    );
    assert.equal(validate({ name: "x", reward: { kind: "nope" } }), false);
  });
  it("the committed schema file is up to date with the registry", () => {
    const committed = JSON.parse(readFileSync("schema/rewardkit-spec.schema.json", "utf8"));
    assert.deepEqual(committed, JSON.parse(JSON.stringify(schema)), "run: npx tsx scripts/write-schema.ts");
  });
});

describe("lint", () => {
  it("detects nested unbounded quantifiers", () => {
    for (const p of ["(a+)+$", "(a*)*", "(a|a)+", "^(\\w+\\s?)*$", "((ab)+c)*"])
      assert.ok(hasNestedQuantifier(p), p);
    for (const p of ["a+b+", "(ab)+", "(a|b)+", "\\(a+\\)+", "^\\d{1,3}$"])
      assert.ok(!hasNestedQuantifier(p), p);
  });
  it("warns when format can outweigh correctness and for unbounded length terms", () => {
    const w = lintSpec({
      kind: "sum",
      terms: [
        { kind: "format.tags", weight: 1 },
        { kind: "text.exact", weight: 1 },
        { kind: "length.penalty", max_penalty: null },
        { kind: "length.overlong", weight: -1 },
      ],
    });
    assert.equal(w.length, 3);
    assert.match(w[0]!.message, /format terms weigh 1 against 1/);
    assert.deepEqual(
      lintSpec({ kind: "sum", terms: [{ kind: "format.tags", weight: 0.1 }, { kind: "text.exact" }] }),
      [],
    );
  });
});

describe("the demo spec", () => {
  it("passes its own examples", async () => {
    const compiled = compileSpec(parseSpecText(readFileSync("examples/demo/spec.yaml", "utf8")), opts);
    const outcomes = await runExamples(compiled);
    assert.ok(outcomes.length >= 8);
    for (const o of outcomes) assert.ok(o.passed, `${o.name}: ${o.problems.join("; ")}`);
  });
});
