// OpenAI grader compatibility: metrics worked by hand, templates, multi/calculate_output, error flags and the
// validate/run endpoints.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { modelGraderNode, registryBackends } from "../../src/graders/backends.ts";
import { compileGrader, validateGrader } from "../../src/graders/compile.ts";
import { runGrader } from "../../src/graders/run.ts";
import { renderTemplate } from "../../src/graders/template.ts";
import { similarityNode } from "../../src/graders/text-similarity.ts";
import { createApp } from "../../src/server/app.ts";
import { stringCheck } from "../../src/verifiers/similarity/string-check.ts";
import { spec } from "./helpers.ts";

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

/** Runs a `text_similarity` grader with `evaluation_metric` on input `a` against reference `b`. */
async function sim(metric: string, a: string, b: string, extra: Record<string, unknown> = {}) {
  const g = validateGrader({
    type: "text_similarity",
    name: "sim",
    input: "{{ sample.output_text }}",
    reference: "{{ item.ref }}",
    evaluation_metric: metric,
    ...extra,
  });
  return runGrader(g, a, { ref: b });
}

describe("text_similarity runs the similarity.* kinds", () => {
  it("each metric compiles to its similarity kind", () => {
    assert.deepEqual(similarityNode("fuzzy_match"), { kind: "similarity.fuzzy_match" });
    assert.deepEqual(similarityNode("rouge_3"), { kind: "similarity.rouge", variant: "rouge_3" });
    assert.deepEqual(similarityNode("rouge_l"), { kind: "similarity.rouge", variant: "rouge_l" });
    assert.equal(similarityNode("cosine"), null);
  });
  it("fuzzy_match = 2·LCS/(|a|+|b|)", async () => {
    // kitten/sitting: LCS "ittn" = 4 → 8/13.
    close((await sim("fuzzy_match", "kitten", "sitting")).reward, 8 / 13);
    // rapidfuzz: ratio("", "") = 100.
    assert.equal((await sim("fuzzy_match", "", "")).reward, 1);
    assert.equal((await sim("fuzzy_match", "abc", "")).reward, 0);
  });
  it("BLEU (sacreBLEU: 13a, exp smoothing, effective order) with brevity penalty", async () => {
    close((await sim("bleu", "the cat sat on the mat", "the cat sat on the mat")).reward, 1);
    // 3 tokens each: p1 = 2/3; p2 has 0/2 matches → exp smoothing 1/(2·2); p3 0/1 → 1/(4·1); no 4-grams, so
    // the effective order is 3: (2/3 · 1/4 · 1/4)^(1/3) = 24^(−1/3); c = r → BP = 1.
    close((await sim("bleu", "the cat sat", "the dog sat")).reward, 24 ** (-1 / 3));
    // hyp = first 4 of 8 ref tokens: all pₙ = 1, BP = exp(1 − 8/4) = e⁻¹.
    close((await sim("bleu", "a b c d", "a b c d e f g h")).reward, Math.exp(-1));
  });
  it("GLEU = min(P, R) over all 1..4-grams", async () => {
    // a b c vs a b d: matches a, b, "a b" = 3; hyp n-grams 3+2+1 = 6; ref 6 → 0.5.
    close((await sim("gleu", "a b c", "a b d")).reward, 0.5);
  });
  it("ROUGE-N and ROUGE-L F-measures with rouge-score tokens", async () => {
    // unigrams: hyp {the, cat}, ref {the, cat, sat}: P = 1, R = 2/3 → F = 0.8.
    close((await sim("rouge_1", "The cat!", "the cat sat")).reward, 0.8);
    // LCS(a b c d, a c d e) = 3 → P = R = 3/4.
    close((await sim("rouge_l", "a b c d", "a c d e")).reward, 0.75);
    assert.equal((await sim("rouge_2", "", "x")).reward, 0);
  });
  it("METEOR (exact then Porter-stem matches): Fmean·(1 − 0.5·(chunks/m)³)", async () => {
    // identical 3 words: P = R = 1, 1 chunk: 1 − 0.5/27.
    close((await sim("meteor", "the cat sat", "the cat sat")).reward, 1 - 0.5 / 27);
    // hyp "sat the cat" vs ref "the cat sat": m = 3, chunks 2 (sat | the cat) → 1 − 0.5·(2/3)³.
    close((await sim("meteor", "sat the cat", "the cat sat")).reward, 1 - 0.5 * (2 / 3) ** 3);
    // "cats" stems to "cat" (as NLTK does): m = 3 in one chunk, the same as identical. Exact matching alone
    // would give m = 2 in 2 chunks: (2/3)·(1 − 0.5) = 1/3.
    close((await sim("meteor", "the cats sat", "the cat sat")).reward, 1 - 0.5 / 27);
  });
  it("pass_threshold sets info.passed and leaves the reward at the similarity", async () => {
    const out = await sim("fuzzy_match", "kitten", "sitting", { pass_threshold: 0.6 });
    close(out.reward, 8 / 13);
    assert.equal(out.result.info?.passed, true); // 8/13 ≈ 0.615 ≥ 0.6
    const below = await sim("fuzzy_match", "kitten", "sitting", { pass_threshold: 0.7 });
    assert.equal(below.result.info?.passed, false);
  });
  it("cosine needs an embeddings endpoint: model_grader_server_error, never an unflagged 0", async () => {
    const out = await sim("cosine", "a", "a");
    assert.equal(out.result.score, null);
    assert.equal(out.metadata.errors.model_grader_server_error, true);
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
