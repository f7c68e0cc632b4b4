import { defaultRegistry } from "../builtins.ts";
import { RewardkitError } from "../core/errors.ts";
import { defineReward } from "../core/reward.ts";
import { fail } from "../core/result.ts";
import type { NodeSpec, Reward } from "../core/types.ts";
import { compileNode } from "../spec/compile.ts";
import type { Registry } from "../spec/registry.ts";
import type { GraderBackends } from "./compile.ts";
import { type PythonGraderOptions, pythonGraderReward } from "./python.ts";
import type { SingleGrader } from "./schema.ts";

type ModelGrader = Extract<SingleGrader, { type: "score_model" | "label_model" }>;

/** OpenAI `sampling_params` → the judges' `sampling` (unknown keys are dropped, not guessed). */
function sampling(p: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!p) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of ["temperature", "top_p", "seed", "reasoning_effort"]) if (p[k] !== undefined) out[k] = p[k];
  if (typeof p.max_completions_tokens === "number") {
    out.max_tokens = p.max_completions_tokens;
    out.max_tokens_field = "max_completion_tokens";
  }
  return out;
}

/**
 * The judge node for a model grader: `score_model` → `judge.score` (same `input`, `range`, `pass_threshold`),
 * `label_model` → `judge.label` (`labels`, `passing_labels`). The endpoint comes from the judges' own
 * configuration (environment), as for any judge in a spec.
 * @example modelGraderNode({ type: "score_model", name: "q", model: "m", input: [{ role: "user", content: "{{ sample.output_text }}" }] })
 */
export function modelGraderNode(g: ModelGrader): NodeSpec {
  const s = sampling(
    "sampling_params" in g ? (g.sampling_params as Record<string, unknown> | undefined) : undefined,
  );
  if (g.type === "score_model") {
    return {
      kind: "judge.score",
      name: g.name,
      model: g.model,
      input: g.input,
      ...(g.range ? { range: g.range } : {}),
      ...(g.pass_threshold !== undefined ? { pass_threshold: g.pass_threshold } : {}),
      ...(s ? { sampling: s } : {}),
    };
  }
  return {
    kind: "judge.label",
    name: g.name,
    model: g.model,
    input: g.input,
    labels: g.labels,
    passing_labels: g.passing_labels,
  };
}

/**
 * Grader backends from a registry: model graders through the judge kinds when the registry has them; otherwise
 * (or when the judge rejects the grader's parameters) a reward that reports why, as an `upstream` error.
 * Python graders run in the code sandbox (`python` options: executor and limits).
 * @example runGrader(grader, sample, item, { backends: registryBackends() })
 */
export function registryBackends(
  registry: Registry = defaultRegistry,
  opts: { python?: PythonGraderOptions } = {},
): GraderBackends {
  return {
    python: (g) => pythonGraderReward(g, opts.python),
    model: (g) => {
      const node = modelGraderNode(g);
      if (!registry.get(node.kind)) return unavailable(g.name, `${node.kind} is not available in this build`);
      try {
        return compileNode(node, { registry }, ["grader"]);
      } catch (e) {
        if (e instanceof RewardkitError)
          return unavailable(g.name, `cannot run as ${node.kind}: ${e.message}`);
        throw e;
      }
    },
  };
}

function unavailable(name: string, message: string): Reward {
  return defineReward({ kind: "openai.model_grader", name, score: () => fail("upstream", message) });
}
