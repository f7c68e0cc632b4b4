/**
 * tools.match against BFCL's own AST checker: cases generated from BFCL v4 data (generate.py), verdicts recorded
 * by the checker itself (label.py, run outside CI). The verdict compared is the `exact` component.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { defaultRegistry } from "../../../src/builtins.ts";
import type { RewardResult } from "../../../src/core/types.ts";
import { compileNode } from "../../../src/spec/compile.ts";

interface Source {
  category: string;
  function: Record<string, unknown>[];
  ground_truth: string;
}
interface Case {
  id: string;
  source: string;
  kind: string;
  output: string;
  ground_truth?: string;
}
const dir = new URL(".", import.meta.url);
const corpus = JSON.parse(readFileSync(new URL("cases.json", dir), "utf8")) as {
  sources: Record<string, Source>;
  cases: Case[];
};
const labels = JSON.parse(readFileSync(new URL("verdicts.json", dir), "utf8")) as {
  commit: string;
  verdicts: Record<string, { valid: boolean | null; error_type: string | null }>;
};

/** Each `{name: args}` of BFCL's decoded output as one `<tool_call>` line, number literals as Python wrote them. */
function completion(output: string): string {
  // Re-serialising would lose 6.0; slice the JSON text instead: the output is a list of one-key objects.
  const calls = JSON.parse(output) as Record<string, unknown>[];
  const lines = sliceItems(output).map((item, i) => {
    const name = Object.keys(calls[i]!)[0]!;
    const args = sliceItems(item.slice(item.indexOf(":") + 1, item.lastIndexOf("}")).trim(), true)[0]!;
    return `{"name": ${JSON.stringify(name)}, "arguments": ${args}}`;
  });
  return `<tool_call>\n${lines.join("\n")}\n</tool_call>`;
}

/** The top-level items of a JSON array text (or the whole text as one item when `whole`). */
function sliceItems(text: string, whole = false): string[] {
  if (whole) return [text];
  const out: string[] = [];
  let depth = 0;
  let inStr = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inStr) {
      if (c === "\\") i++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === "[" || c === "{") {
      if (depth === 1 && start === -1) start = i;
      depth++;
    } else if (c === "]" || c === "}") {
      depth--;
      if (depth === 1 && start !== -1) {
        out.push(text.slice(start, i + 1));
        start = -1;
      }
    }
  }
  return out;
}

function run(matching: "bfcl" | "optimal" | undefined, textReference: boolean) {
  const node = compileNode(
    { kind: "tools.match", reference_format: "bfcl", ...(matching ? { matching } : {}) },
    { registry: defaultRegistry },
  );
  const results: { c: Case; want: boolean; got: boolean }[] = [];
  for (const c of corpus.cases) {
    const want = labels.verdicts[c.id]?.valid;
    if (want === null || want === undefined) continue;
    const s = corpus.sources[c.source]!;
    const gt = c.ground_truth ?? s.ground_truth;
    const reference = { ground_truth: textReference ? gt : JSON.parse(gt), function: s.function };
    const r = node.score({ completion: completion(c.output), reference }, {}) as RewardResult;
    results.push({ c, want, got: r.components?.exact === 1 });
  }
  return results;
}

describe("tools.match conformance with BFCL's AST checker", () => {
  it("has ≥ 1,000 labelled cases of every perturbation kind", () => {
    const n = Object.values(labels.verdicts).filter((v) => v.valid !== null).length;
    assert.ok(n >= 1000, `${n} cases`);
    const kinds = new Set(corpus.cases.map((c) => c.kind.split("+")[0]));
    for (const k of [
      "correct",
      "wrong_name",
      "missing_required",
      "extra_param",
      "int_as_float",
      "float_as_int",
      "int_items_as_float",
      "float_items_as_int",
      "string_case",
      "string_punct",
      "string_space",
      "omit_marked_optional",
      "optional_list_empty",
      "dict_value",
      "list_dict_value",
      "reorder",
      "greedy_trap",
    ])
      assert.ok(kinds.has(k), `no ${k} cases`);
  });

  it("matching: bfcl (the default for BFCL answers) agrees with the checker on ≥ 99.5% of cases", () => {
    const res = run(undefined, true);
    const bad = res.filter((x) => x.want !== x.got);
    const agreement = 1 - bad.length / res.length;
    assert.ok(
      agreement >= 0.995,
      `agreement ${(agreement * 100).toFixed(2)}%; first: ${bad
        .slice(0, 5)
        .map((x) => `${x.c.id} ${x.c.kind} want ${x.want}`)
        .join("; ")}`,
    );
  });

  it("the greedy traps are exactly where matching: optimal differs from the checker", () => {
    const res = run("optimal", true);
    const traps = res.filter((x) => x.c.kind === "greedy_trap");
    assert.ok(traps.length >= 20);
    for (const t of traps) assert.equal(t.want, false, t.c.id); // BFCL's greedy order strands a call
    for (const t of traps) assert.equal(t.got, true, t.c.id); // an optimal assignment exists
  });

  it("an already-parsed reference reads declared floats as floats: ≥ 99.5% too", () => {
    const res = run(undefined, false);
    const agreement = 1 - res.filter((x) => x.want !== x.got).length / res.length;
    assert.ok(agreement >= 0.995, `agreement ${(agreement * 100).toFixed(2)}%`);
  });
});
