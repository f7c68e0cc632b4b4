// OpenAI grader compatibility: metrics worked by hand, templates, multi/calculate_output, error flags and the
// validate/run endpoints.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { modelGraderNode, registryBackends } from "../../src/graders/backends.ts";
import { compileGrader, stringCheck, validateGrader } from "../../src/graders/compile.ts";
import { runGrader } from "../../src/graders/run.ts";
import { lcsLength } from "../../src/graders/similarity/lcs.ts";
import { bleu, fuzzyRatio, gleu, meteorExact, rougeL, rougeN } from "../../src/graders/similarity/metrics.ts";
import { renderTemplate } from "../../src/graders/template.ts";
import { createApp } from "../../src/server/app.ts";
import { spec } from "./helpers.ts";

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

describe("similarity metrics", () => {
  it("LCS, bit-parallel, across word boundaries", () => {
    assert.equal(lcsLength([1, 2, 3, 4], [2, 4, 3]), 2);
    assert.equal(lcsLength([], [1]), 0);
    // 100 symbols (4 words) against the same reversed: LCS of a sequence and its reverse with distinct symbols is 1.
    const a = Array.from({ length: 100 }, (_, i) => i);
    assert.equal(lcsLength(a, [...a].reverse()), 1);
    assert.equal(lcsLength(a, a), 100);
    // Every other element: 50.
    assert.equal(
      lcsLength(
        a,
        a.filter((x) => x % 2 === 0),
      ),
      50,
    );
  });
  it("fuzzy_match = 2·LCS/(|a|+|b|)", () => {
    // kitten/sitting: LCS "ittn" = 4 → 8/13.
    close(fuzzyRatio("kitten", "sitting"), 8 / 13);
    assert.equal(fuzzyRatio("", ""), 1);
    assert.equal(fuzzyRatio("abc", ""), 0);
  });
  it("BLEU: 1 for identical, 0 without a 4-gram match, brevity penalty", () => {
    assert.equal(bleu("the cat sat on the mat", "the cat sat on the mat"), 1);
    assert.equal(bleu("the cat sat", "the dog sat"), 0);
    // hyp = first 4 of 8 ref tokens: all pₙ = 1, BP = exp(1 − 8/4) = e⁻¹.
    close(bleu("a b c d", "a b c d e f g h"), Math.exp(-1));
  });
  it("GLEU = min(P, R) over all 1..4-grams", () => {
    // a b c vs a b d: matches a, b, "a b" = 3; hyp n-grams 3+2+1 = 6; ref 6 → 0.5.
    close(gleu("a b c", "a b d"), 0.5);
  });
  it("ROUGE-N and ROUGE-L F-measures with rouge-score tokens", () => {
    // unigrams: hyp {the, cat}, ref {the, cat, sat}: P = 1, R = 2/3 → F = 0.8.
    close(rougeN("The cat!", "the cat sat", 1), 0.8);
    // LCS(a b c d, a c d e) = 3 → P = R = 3/4.
    close(rougeL("a b c d", "a c d e"), 0.75);
    assert.equal(rougeN("", "x", 2), 0);
  });
  it("METEOR (exact matching): Fmean·(1 − 0.5·(chunks/m)³)", () => {
    // identical 3 words: P = R = 1, 1 chunk: 1 − 0.5/27.
    close(meteorExact("the cat sat", "the cat sat"), 1 - 0.5 / 27);
    // hyp "sat the cat" vs ref "the cat sat": m = 3, chunks 2 (sat | the cat) → 1 − 0.5·(2/3)³.
    close(meteorExact("sat the cat", "the cat sat"), 1 - 0.5 * (2 / 3) ** 3);
  });
});

describe("templates and string_check", () => {
  const ctx = { item: { answer: "4", tools: [{ name: "f" }] }, sample: { output_text: "The answer is 4" } };
  it("renders item and sample paths; leaves plain text alone", () => {
    assert.equal(renderTemplate("{{ item.answer }}/{{sample.output_text}}", ctx), "4/The answer is 4");
    assert.equal(renderTemplate("{{ item.tools[0].name }}", ctx), "f");
    assert.equal(renderTemplate("no braces", ctx), "no braces");
  });
  it("eq, ne, like (case-sensitive), ilike", () => {
    assert.equal(stringCheck("4", "4", "eq"), true);
    assert.equal(stringCheck("4", "4", "ne"), false);
    assert.equal(stringCheck("The Answer", "answer", "like"), false);
    assert.equal(stringCheck("The Answer", "answer", "ilike"), true);
  });
});

const sc = (reference = "{{ item.answer }}", op = "eq") => ({
  type: "string_check",
  name: "match",
  input: "{{ sample.output_text }}",
  reference,
  operation: op,
});

describe("runGrader: response shape and error flags", () => {
  it("string_check pass and fail", async () => {
    const ok = await runGrader(validateGrader(sc()), "4", { answer: "4" });
    assert.equal(ok.reward, 1);
    assert.equal(ok.metadata.type, "string_check");
    assert.deepEqual(ok.metadata.scores, { match: 1 });
    assert.ok(Object.values(ok.metadata.errors).every((v) => v === false || v === null));
    assert.equal((await runGrader(validateGrader(sc()), "5", { answer: "4" })).reward, 0);
  });
  it("multi with calculate_output: 0.5·name + 0.5·similarity", async () => {
    const g = validateGrader({
      type: "multi",
      name: "tool",
      graders: {
        name: sc("{{ item.answer }}", "eq"),
        sim: {
          type: "text_similarity",
          name: "sim",
          input: "{{ sample.output_text }}",
          reference: "kitten",
          evaluation_metric: "fuzzy_match",
        },
      },
      calculate_output: "0.5 * name + 0.5 * sim",
    });
    const out = await runGrader(g, "sitting", { answer: "sitting" });
    // name = 1, sim = 8/13 → 0.5 + 4/13.
    close(out.reward, 0.5 + 4 / 13);
    assert.equal(out.sub_rewards.name, 1);
    close(out.sub_rewards.sim!, 8 / 13);
  });
  it("formula_parse_error and invalid_variable_error are flags on run, 400s on validate", async () => {
    const bad = (calc: string) => ({
      type: "multi",
      name: "m",
      graders: { a: sc() },
      calculate_output: calc,
    });
    assert.throws(() => validateGrader(bad("a +* 2")), /calculate_output/);
    const app = createApp({ specs: [spec("name: d\nreward: {kind: const, value: 1}")] }).app;
    const run = async (body: unknown) => {
      const res = await app.request("/v1/graders/run", { method: "POST", body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as any };
    };
    let r = await run({ grader: bad("a +* 2"), model_sample: "4", item: { answer: "4" } });
    assert.equal(r.status, 200);
    assert.equal(r.json.reward, 0);
    assert.equal(r.json.metadata.errors.formula_parse_error, true);
    r = await run({ grader: bad("a + b"), model_sample: "4", item: { answer: "4" } });
    assert.equal(r.json.metadata.errors.invalid_variable_error, true);
    const v = await app.request("/v1/graders/validate", {
      method: "POST",
      body: JSON.stringify({ grader: bad("a + b") }),
    });
    assert.equal(v.status, 400);
    assert.match(((await v.json()) as any).error.message, /unknown variable "b"/);
  });
  it("sample_parse_error when a template reads output_json of a non-JSON sample", async () => {
    const g = validateGrader(sc("{{ sample.output_json.answer }}"));
    const out = await runGrader(g, "not json", {});
    assert.equal(out.reward, 0);
    assert.equal(out.metadata.errors.sample_parse_error, true);
    const ok = await runGrader(g, '{"answer": "{\\"answer\\": \\"x\\"}"}', {});
    assert.equal(ok.metadata.errors.sample_parse_error, false);
  });
  it("invalid_variable_error for an item field that does not exist", async () => {
    const out = await runGrader(validateGrader(sc("{{ item.missing }}")), "4", { answer: "4" });
    assert.equal(out.metadata.errors.invalid_variable_error, true);
    assert.equal(out.result.error?.kind, "invalid_input");
  });
  it("python and model graders without a backend report server errors, never a silent 0", async () => {
    const py = await runGrader(
      validateGrader({ type: "python", name: "py", source: "def grade(s, i): return 1" }),
      "x",
      {},
    );
    assert.equal(py.metadata.errors.python_grader_server_error, true);
    assert.equal(py.metadata.errors.python_grader_server_error_type, "sandbox_unavailable");
    const sm = await runGrader(
      validateGrader({
        type: "score_model",
        name: "judge",
        model: "m",
        input: [{ role: "user", content: "{{ sample.output_text }}" }],
      }),
      "x",
      {},
    );
    assert.equal(sm.metadata.errors.model_grader_server_error, true);
    assert.equal(sm.result.score, null);
  });
  it("model graders compile to judge kinds; with no reachable endpoint they report model_grader_server_error", async () => {
    const g = validateGrader({
      type: "label_model",
      name: "lab",
      model: "m",
      input: [{ role: "user", content: "{{ sample.output_text }}" }],
      labels: ["a", "b"],
      passing_labels: ["a"],
    });
    assert.equal(modelGraderNode(g as Parameters<typeof modelGraderNode>[0]).kind, "judge.label");
    const out = await runGrader(g, "x", {}, { backends: registryBackends(), deadlineMs: 5000 });
    assert.equal(out.reward, 0);
    assert.equal(out.result.error?.kind, "upstream");
    assert.equal(out.metadata.errors.model_grader_server_error, true);
  });
  it("validate normalises neq to ne and echoes the grader", async () => {
    const app = createApp({ specs: [spec("name: d\nreward: {kind: const, value: 1}")] }).app;
    const res = await app.request("/v1/graders/validate", {
      method: "POST",
      body: JSON.stringify({ grader: sc("x", "neq") }),
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as any).grader.operation, "ne");
    const bad = await app.request("/v1/graders/validate", {
      method: "POST",
      body: JSON.stringify({ grader: { type: "string_check" } }),
    });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as any).error.code, "invalid_request_error");
  });
  it("a compiled grader is a reward usable anywhere", () => {
    const r = compileGrader(validateGrader(sc()));
    assert.deepEqual(r.score({ completion: "4", reference: { answer: "4" } }, {}), { score: 1 });
  });
});
