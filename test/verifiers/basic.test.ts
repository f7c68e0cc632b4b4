import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import type { NodeSpec, RewardResult, Rollout } from "../../src/core/types.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { boxedContents } from "../../src/verifiers/extract/braces.ts";
import { lastNumber, normalizeAnswer, parseNumber } from "../../src/verifiers/extract/normalize.ts";
import { tagContent } from "../../src/verifiers/extract/tags.ts";
import { checkTags } from "../../src/verifiers/format/tags.ts";
import { pickChoice } from "../../src/verifiers/text/choice.ts";
import { repetitionRate } from "../../src/verifiers/text/repetition.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

const score = (node: NodeSpec, r: Rollout) =>
  compileNode(node, { registry: defaultRegistry }).score(r, {}) as RewardResult;

describe("text.exact", () => {
  const node = { kind: "text.exact" };
  it("normalises case, whitespace, NFKC digits, minus signs and thousands separators", () => {
    assert.equal(score(node, { completion: "<answer>  Paris </answer>", reference: "paris" }).score, 1);
    assert.equal(score(node, { completion: "<answer>１２</answer>", reference: "12" }).score, 1);
    assert.equal(score(node, { completion: "<answer>\u22125</answer>", reference: "-5" }).score, 1);
    assert.equal(score(node, { completion: "<answer>1,000.0</answer>", reference: "1000" }).score, 1);
    assert.equal(score(node, { completion: "<answer>1,000</answer>", reference: "100" }).score, 0);
    assert.equal(score(node, { completion: "<answer>4</answer>", reference: ["four", "4"] }).score, 1);
  });
  it("options: case sensitivity, extraction source, missing answer as error", () => {
    assert.equal(
      score(
        { kind: "text.exact", ignore_case: false },
        { completion: "<answer>Paris</answer>", reference: "paris" },
      ).score,
      0,
    );
    assert.equal(
      score({ kind: "text.exact", from: "boxed" }, { completion: "so \\boxed{42}.", reference: "42" }).score,
      1,
    );
    assert.equal(
      score(
        { kind: "text.exact", from: "last_number" },
        { completion: "total: 1,250 apples", reference: "1250" },
      ).score,
      1,
    );
    const miss = score({ kind: "text.exact", missing: "error" }, { completion: "no tags", reference: "1" });
    assert.deepEqual(miss.error?.kind, "parse");
    const zero = score(node, { completion: "no tags", reference: "1" });
    assert.equal(zero.score, 0);
    assert.equal(zero.info?.extracted, null);
  });
  it("a reference of the wrong shape is invalid_input, not 0", () => {
    for (const reference of [undefined, { a: 1 }, [], [{}], Number.NaN]) {
      const r = score(node, { completion: "<answer>1</answer>", reference });
      assert.equal(r.score, null);
      assert.equal(r.error?.kind, "invalid_input");
    }
  });
  it("reads chat-message completions (last assistant message) and a reference field", () => {
    const r = score(
      { kind: "text.exact", reference_field: "answer" },
      {
        completion: [
          { role: "assistant", content: "<answer>1</answer>" },
          { role: "assistant", content: [{ type: "text", text: "<answer>2</answer>" }] },
        ],
        reference: { answer: "2" },
      },
    );
    assert.equal(r.score, 1);
  });
});

describe("text.choice", () => {
  it("finds the chosen letter by tag, box, anchor, parentheses or line", () => {
    assert.deepEqual(pickChoice("<answer>(C)</answer>", "ABCD"), { letter: "C", rule: "answer_tag" });
    assert.deepEqual(pickChoice("so \\boxed{B}", "ABCD"), { letter: "B", rule: "boxed" });
    assert.deepEqual(pickChoice("I think the answer is (D). Done", "ABCD"), { letter: "D", rule: "anchor" });
    assert.deepEqual(pickChoice("between (A) and (B) I pick (B)", "ABCD"), {
      letter: "B",
      rule: "parenthesised",
    });
    assert.equal(pickChoice("A cat sat. I am unsure", "ABCD"), null);
    assert.equal(pickChoice("the answer is E", "ABCD"), null);
  });
  it("scores against the reference letter", () => {
    assert.equal(
      score({ kind: "text.choice", choices: "ABCD" }, { completion: "Answer: B", reference: "B" }).score,
      1,
    );
    assert.equal(
      score({ kind: "text.choice", choices: "ABCD" }, { completion: "Answer: A", reference: "(B)" }).score,
      0,
    );
    assert.equal(
      score({ kind: "text.choice", choices: "ABCD" }, { completion: "Answer: A", reference: "Z" }).error
        ?.kind,
      "invalid_input",
    );
  });
});

describe("format.tags", () => {
  it("requires each tag exactly once, in order, non-empty, nothing after", () => {
    assert.deepEqual(
      checkTags("<think>a</think>\n<answer>4</answer>\n", ["think", "answer"], { strictEnd: true }),
      { ok: true },
    );
    const bad: [string, string][] = [
      ["<answer>4</answer><think>a</think>", "comes before the previous block ends"],
      ["<think>a</think><answer>4</answer><answer>5</answer>", "<answer> appears more than once"],
      ["<think>a</think><answer>4", "missing </answer>"],
      ["<think>a</think><answer> </answer>", "<answer> block is empty"],
      ["<think>a</think><answer>4</answer> extra", "text after the last closing tag"],
      ["<think>a</think></answer>4<answer>", "</answer> comes before <answer>"],
    ];
    for (const [text, why] of bad) {
      const c = checkTags(text, ["think", "answer"], { strictEnd: true, nonempty: true });
      assert.equal(c.ok, false, text);
      assert.match(c.reason ?? "", new RegExp(why.replace(/[<>/]/g, (m) => `\\${m}`)), text);
    }
  });
  it("homoglyph and zero-width tags are not tags", () => {
    assert.equal(checkTags("<think>a</think><\u0430nswer>4</\u0430nswer>", ["think", "answer"]).ok, false);
    assert.equal(checkTags("<think>a</think><ans\u200bwer>4</ans\u200bwer>", ["think", "answer"]).ok, false);
  });
});

describe("format.regex", () => {
  it("matches with the linear engine, in search and full mode", () => {
    assert.equal(score({ kind: "format.regex", pattern: "\\d+" }, { completion: "abc 12" }).score, 1);
    assert.equal(
      score({ kind: "format.regex", pattern: "\\d+", mode: "full" }, { completion: "abc 12" }).score,
      0,
    );
    assert.equal(
      score(
        { kind: "format.regex", pattern: "^\\d+$", from: "answer_tag" },
        { completion: "<answer>12</answer>" },
      ).score,
      1,
    );
  });
  it("a catastrophic pattern cannot hang: (a+)+$ on 40 a's and a '!' finishes (backtracking: 2^40 steps)", () => {
    const t0 = performance.now();
    const r = score({ kind: "format.regex", pattern: "^(a+)+$" }, { completion: `${"a".repeat(40)}!` });
    assert.equal(r.score, 0);
    assert.ok(performance.now() - t0 < NO_HANG_MS);
  });
  it("the backtracking engine declares isolation", () => {
    const r = compileNode(
      { kind: "format.regex", pattern: "(a)\\1", engine: "backtracking" },
      { registry: defaultRegistry },
    );
    assert.equal(r.needs.isolation, true);
  });
});

describe("length.overlong (DAPO, arXiv 2503.14476)", () => {
  // L_max = 100, L_cache = 20 → expected = 80: 0 up to 80, (80 − L)/20 in the buffer, −1 past 100 (clip).
  const node = { kind: "length.overlong", max_length: 100, buffer: 20, unit: "chars" };
  const at = (n: number, extra = {}) => score({ ...node, ...extra }, { completion: "x".repeat(n) }).score;
  it("matches the formula at the boundaries", () => {
    assert.equal(at(80), 0);
    assert.equal(at(90), -0.5);
    assert.equal(at(100), -1);
    assert.equal(at(120), -1);
    assert.equal(at(120, { clip: false }), -2); // verl: (80 − 120)/20
    assert.equal(at(90, { factor: 0.5 }), -0.25);
  });
  it("tokens come from meta.completion_tokens; a missing count is an error, not a guess", () => {
    assert.equal(
      score({ ...node, unit: "tokens" }, { completion: "", meta: { completion_tokens: 90 } }).score,
      -0.5,
    );
    assert.equal(score({ ...node, unit: "tokens" }, { completion: "x" }).error?.kind, "invalid_input");
  });
});

describe("length.penalty and text.repetition", () => {
  it("linear penalty beyond the free budget, bounded", () => {
    // −0.1·(3000 − 1000)/1000 = −0.2
    assert.equal(
      score(
        { kind: "length.penalty", unit: "chars", free: 1000, coef: 0.1 },
        { completion: "x".repeat(3000) },
      ).score,
      -0.2,
    );
    assert.equal(
      score(
        { kind: "length.penalty", unit: "words", coef: 1, per: 1, max_penalty: 2 },
        { completion: "a b c d" },
      ).score,
      -2,
    );
  });
  it("repetition rate agrees with a naive string-keyed count on random texts", () => {
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const vocab = ["a", "B", "cat", "Cat", "dog\u0000x", "é", "ÉCOLE", "école", "zz", "q"];
    for (let t = 0; t < 200; t++) {
      const words = Array.from(
        { length: 1 + Math.floor(rnd() * 60) },
        () => vocab[Math.floor(rnd() * vocab.length)]!,
      );
      const text = words.join(rnd() < 0.5 ? " " : " \n\t ");
      for (const n of [1, 2, 3, 5]) {
        const w = text
          .toLowerCase()
          .split(/[ \n\t]+/)
          .filter(Boolean);
        const total = w.length - n + 1;
        const naive =
          total <= 0
            ? 0
            : 1 - new Set(Array.from({ length: total }, (_, i) => w.slice(i, i + n).join(" "))).size / total;
        assert.ok(Math.abs(repetitionRate(text, n) - naive) < 1e-12, `${JSON.stringify(text)} n=${n}`);
      }
    }
  });
  it("repetition rate = 1 − unique/total n-grams", () => {
    // "a b a b a b": bigrams ab ba ab ba ab → 2 unique of 5 → 1 − 2/5 = 0.6
    assert.ok(Math.abs(repetitionRate("a b a b a b", 2) - 0.6) < 1e-12);
    assert.equal(repetitionRate("a b", 3), 0);
    assert.ok(
      Math.abs(
        (score({ kind: "text.repetition", n: 2, max_penalty: -0.5 }, { completion: "a b a b a b" }).score ??
          0) + 0.3,
      ) < 1e-12,
    );
  });
});

describe("json.valid and json.schema", () => {
  it("finds JSON in a fence, tag or whole text", () => {
    assert.equal(score({ kind: "json.valid" }, { completion: 'text\n```json\n{"a": 1}\n```' }).score, 1);
    assert.equal(score({ kind: "json.valid", from: "whole" }, { completion: '{"a": NaN}' }).score, 0);
    assert.equal(score({ kind: "json.valid" }, { completion: "<answer>[1, 2]</answer>" }).score, 1);
  });
  it("validates against a schema and lists the errors", () => {
    const node = {
      kind: "json.schema",
      schema: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
    };
    assert.equal(score(node, { completion: '{"name": "x"}' }).score, 1);
    const bad = score(node, { completion: '{"name": 3}' });
    assert.equal(bad.score, 0);
    assert.match(String((bad.info!.errors as string[])[0]), /\/name must be string/);
    assert.throws(
      () => compileNode({ kind: "json.schema", schema: { type: "nope" } }, { registry: defaultRegistry }),
      /reward\.schema/,
    );
  });
});

describe("extractors", () => {
  it("normalise and parse answers", () => {
    assert.equal(normalizeAnswer("  Hello\u200B  World. "), "hello world");
    assert.equal(normalizeAnswer("\u0661\u0662"), "12"); // Arabic-Indic digits
    assert.equal(parseNumber("$1,234.50"), 1234.5);
    assert.equal(parseNumber("12,34"), null);
    assert.equal(lastNumber("it costs -3.5 or maybe 1,200."), "1200");
    assert.equal(lastNumber("it costs -3.5"), "-3.5");
    assert.equal(lastNumber("no digits"), null);
  });
  it("boxed with brace matching, last box, nested braces", () => {
    assert.deepEqual(boxedContents("\\boxed{1} then \\boxed{\\frac{1}{2}}"), ["1", "\\frac{1}{2}"]);
    assert.deepEqual(boxedContents("\\boxed{unclosed"), []);
    assert.equal(tagContent("<a>1</a><a>2</a>", "a"), "2");
    assert.equal(tagContent("<a>1</a><a>2</a>", "a", "first"), "1");
  });
});

describe("hostile completions: every built-in extractor is linear", () => {
  const hostile: [string, string][] = [
    ["20,000 unclosed answer tags", "<answer>".repeat(20_000)],
    ["answer tag then 4,000 spaces", `<answer>${" ".repeat(4000)}x`],
    ["10,000 unclosed boxes", "\\boxed{".repeat(10_000)],
    ["brace depth 10,000", `${"{".repeat(10_000)}${"}".repeat(10_000)}`],
    ["4 MB of one character", "a".repeat(4 << 20)],
    ["lone surrogates, NUL, BOM, RTL override", `\ud800\u0000\ufeff\u202e<answer>1</answer>\udfff`],
    ["1 MB of digits", "9".repeat(1 << 20)],
  ];
  const nodes: NodeSpec[] = [
    { kind: "text.exact" },
    { kind: "text.exact", from: "boxed" },
    { kind: "text.exact", from: "last_number" },
    { kind: "text.choice" },
    { kind: "format.tags" },
    { kind: "format.regex", pattern: "^(a+)+$" },
    { kind: "json.valid" },
    { kind: "text.repetition" },
    { kind: "length.penalty", unit: "words" },
  ];
  for (const [name, completion] of hostile) {
    it(name, () => {
      for (const node of nodes) {
        const t0 = performance.now();
        const r = score(node, { completion, reference: "A" });
        // The only refusal allowed is a typed resource error (the regex input cap).
        if (r.error)
          assert.equal(r.error.kind, node.kind === "format.regex" ? "resource" : "invalid_input", node.kind);
        const ms = performance.now() - t0;
        assert.ok(
          r.score === null ? !!r.error : Number.isFinite(r.score),
          `${node.kind}: ${JSON.stringify(r).slice(0, 200)}`,
        );
        // Linear scanners finish on 4 MB; a quadratic one would take minutes.
        assert.ok(ms < NO_HANG_MS, `${node.kind} took ${ms.toFixed(0)} ms on ${name}`);
      }
    });
  }
});
