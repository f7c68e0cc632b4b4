import { formula } from "../core/combinators/formula.ts";
import { RewardkitError } from "../core/errors.ts";
import { defineReward } from "../core/reward.ts";
import { fail, ok, RewardFailure } from "../core/result.ts";
import type { Reward, Rollout } from "../core/types.ts";
import { zodIssues } from "../spec/zod-issues.ts";
import { stringCheck } from "../verifiers/similarity/string-check.ts";
import { type Grader, graderShape, type SingleGrader } from "./schema.ts";
import { renderTemplate, sampleContext, TemplateError } from "./template.ts";
import { textSimilarityReward } from "./text-similarity.ts";

/** A grader that failed validation: OpenAI-style error with the offending parameter. */
export class GraderInvalid extends Error {
  constructor(
    readonly param: string,
    message: string,
    /** Set when the problem is one the run endpoint reports as a flag rather than a 400. */
    readonly flag?: "formula_parse_error" | "invalid_variable_error",
  ) {
    super(message);
    this.name = "GraderInvalid";
  }
}

/** Where model graders and python graders are executed; absent backends give typed errors, never 0. */
export interface GraderBackends {
  /** Builds a reward for a `python` grader (the code sandbox), when one is available. */
  python?: (g: Extract<SingleGrader, { type: "python" }>) => Reward;
  /** Builds a reward for `score_model` / `label_model` graders (the judges), when available. */
  model?: (g: Extract<SingleGrader, { type: "score_model" | "label_model" }>) => Reward;
}

/**
 * Validates an OpenAI grader JSON and returns it normalised (`neq` → `ne`), or throws `GraderInvalid`
 * naming the parameter (`grader.graders.name.operation`). Formulas are parsed and their variables checked.
 * @example validateGrader({ type: "string_check", name: "s", input: "{{sample.output_text}}", reference: "4", operation: "eq" })
 */
export function validateGrader(raw: unknown): Grader {
  const r = graderShape.safeParse(raw, { reportInput: true });
  if (!r.success) {
    const issue = zodIssues(["grader"], r.error.issues)[0]!;
    throw new GraderInvalid(issue.path, `${issue.path}: ${issue.message}`);
  }
  const g = r.data;
  if (g.type === "string_check" && g.operation === "neq") g.operation = "ne";
  if (g.type === "multi") {
    for (const sub of Object.values(subGraders(g)))
      if (sub.type === "string_check" && sub.operation === "neq") sub.operation = "ne";
    compileGrader(g, {}); // formula parse and variable names
  }
  return g;
}

/** The named sub-graders of a multi grader (a single grader is keyed by its name). */
export function subGraders(g: Extract<Grader, { type: "multi" }>): Record<string, SingleGrader> {
  return "type" in g.graders && typeof g.graders.type === "string"
    ? { [(g.graders as SingleGrader).name]: g.graders as SingleGrader }
    : (g.graders as Record<string, SingleGrader>);
}

/**
 * Compiles a validated grader into a reward tree: `string_check` and `text_similarity` leaves, `multi` as the
 * `formula` combinator over its sub-graders (`calculate_output`), python and model graders through `backends`.
 * The rollout's `reference` is the grader's `item`, its completion text is `sample.output_text`.
 * @example const reward = compileGrader(validateGrader(json)); reward.score({ completion: "4", reference: { answer: "4" } }, {});
 */
export function compileGrader(g: Grader, backends: GraderBackends = {}): Reward {
  if (g.type !== "multi") return compileSingle(g, backends);
  const subs = subGraders(g);
  const terms: Record<string, Reward> = {};
  for (const [k, sub] of Object.entries(subs)) terms[k] = compileSingle(sub, backends, k);
  try {
    return formula(g.calculate_output, terms, g.name);
  } catch (e) {
    if (e instanceof RewardkitError) {
      const msg = e.issues.map((i) => i.message).join("; ");
      const unknownVar = msg.includes("unknown variable");
      throw new GraderInvalid(
        "grader.calculate_output",
        `grader.calculate_output: ${msg}`,
        unknownVar ? "invalid_variable_error" : "formula_parse_error",
      );
    }
    throw e;
  }
}

function compileSingle(g: SingleGrader, backends: GraderBackends, key?: string): Reward {
  const name = key ?? g.name;
  switch (g.type) {
    case "string_check":
      return defineReward({
        kind: "openai.string_check",
        name,
        params: { input: g.input, reference: g.reference, operation: g.operation },
        score: (r) => {
          const [input, reference] = render(r, g.input, g.reference);
          return ok(stringCheck(input, reference, g.operation === "neq" ? "ne" : g.operation) ? 1 : 0);
        },
      });
    case "text_similarity":
      return textSimilarityReward(g, name, render);
    case "python":
      if (backends.python) return backends.python(g);
      return unavailable(
        name,
        "openai.python",
        "sandbox",
        "python graders need the code sandbox, which is not available in this build",
      );
    case "score_model":
    case "label_model":
      if (backends.model) return backends.model(g);
      return unavailable(
        name,
        `openai.${g.type}`,
        "upstream",
        `${g.type} graders need a judge endpoint, which is not configured`,
      );
  }
}

/** A reward that always reports why it cannot run (never a silent 0). */
function unavailable(name: string, kind: string, errKind: "sandbox" | "upstream", message: string): Reward {
  return defineReward({ kind, name, score: () => fail(errKind, message, { info: { unavailable: true } }) });
}

/** Renders templates; a template problem becomes a typed failure the run endpoint maps to its flag. */
function render(r: Rollout, input: string, reference: string): [string, string] {
  const ctx = sampleContext(r);
  try {
    return [renderTemplate(input, ctx), renderTemplate(reference, ctx)];
  } catch (e) {
    if (e instanceof TemplateError) {
      throw new RewardFailure(e.flag === "sample_parse_error" ? "parse" : "invalid_input", e.message);
    }
    throw e;
  }
}
