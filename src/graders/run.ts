import { scoreOne } from "../core/score-batch.ts";
import type { IsolatedExecutor, RewardError, RewardResult, Rollout } from "../core/types.ts";
import { compileGrader, type GraderBackends, GraderInvalid, subGraders } from "./compile.ts";
import type { Grader } from "./schema.ts";

/** The error flags of an OpenAI grader run (`metadata.errors`). */
export interface GraderErrorFlags {
  formula_parse_error: boolean;
  invalid_variable_error: boolean;
  model_grader_parse_error: boolean;
  model_grader_refusal_error: boolean;
  model_grader_server_error: boolean;
  model_grader_server_error_details: string | null;
  other_error: boolean;
  python_grader_runtime_error: boolean;
  python_grader_runtime_error_details: string | null;
  python_grader_server_error: boolean;
  python_grader_server_error_type: string | null;
  sample_parse_error: boolean;
  truncated_observation_error: boolean;
  unresponsive_reward_error: boolean;
}

/** The response of `POST /v1/graders/run`, shaped like OpenAI's `/fine_tuning/alpha/graders/run`. */
export interface GraderRunResponse {
  reward: number;
  sub_rewards: Record<string, number | null>;
  model_grader_token_usage_per_model: Record<string, unknown>;
  metadata: {
    name: string;
    type: string;
    execution_time: number;
    scores: Record<string, number | null>;
    token_usage: number | null;
    sampled_model_name: string | null;
    errors: GraderErrorFlags;
  };
  /** rewardkit's own result (score null + typed error when the grader failed), for callers that want it. */
  result: RewardResult;
}

/** All flags false. */
export function noErrors(): GraderErrorFlags {
  return {
    formula_parse_error: false,
    invalid_variable_error: false,
    model_grader_parse_error: false,
    model_grader_refusal_error: false,
    model_grader_server_error: false,
    model_grader_server_error_details: null,
    other_error: false,
    python_grader_runtime_error: false,
    python_grader_runtime_error_details: null,
    python_grader_server_error: false,
    python_grader_server_error_type: null,
    sample_parse_error: false,
    truncated_observation_error: false,
    unresponsive_reward_error: false,
  };
}

/**
 * Sets the OpenAI flag for a typed error of a grader of `type`: template problems → `sample_parse_error` /
 * `invalid_variable_error`; timeouts → `unresponsive_reward_error`; python sandbox and runtime failures and
 * model-grader upstream and parse failures → their own flags; anything else → `other_error`.
 * @example flagError(flags, { kind: "timeout", message: "..." }, "python") // flags.unresponsive_reward_error = true
 */
export function flagError(flags: GraderErrorFlags, e: RewardError, type: string): void {
  const model = type === "score_model" || type === "label_model";
  switch (e.kind) {
    case "parse":
      if (model) flags.model_grader_parse_error = true;
      else flags.sample_parse_error = true;
      return;
    case "invalid_input":
      flags.invalid_variable_error = true;
      return;
    case "timeout":
      flags.unresponsive_reward_error = true;
      return;
    case "sandbox":
      if (type === "python") {
        flags.python_grader_server_error = true;
        flags.python_grader_server_error_type = e.message.includes("not available")
          ? "sandbox_unavailable"
          : "sandbox_error";
        return;
      }
      break;
    case "runtime":
    case "compile":
      if (type === "python") {
        flags.python_grader_runtime_error = true;
        flags.python_grader_runtime_error_details = e.message.slice(0, 2000);
        return;
      }
      break;
    case "upstream":
      if (model || type === "text_similarity") {
        flags.model_grader_server_error = true;
        flags.model_grader_server_error_details = e.message.slice(0, 2000);
        return;
      }
      break;
    case "resource":
      flags.truncated_observation_error = true;
      return;
  }
  flags.other_error = true;
}

/** Options of `runGrader`. */
export interface RunGraderOptions {
  backends?: GraderBackends;
  executor?: IsolatedExecutor;
  deadlineMs?: number;
  signal?: AbortSignal;
}

/**
 * Runs a validated grader on one sample, as OpenAI's grader run endpoint does: `reward` is the score (0 when the
 * grader failed, with the failure in `metadata.errors`, never silently), `sub_rewards` the multi grader's terms.
 * @example await runGrader(grader, "4", { answer: "4" }) // { reward: 1, sub_rewards: {}, metadata: {...} }
 */
export async function runGrader(
  grader: Grader,
  modelSample: string,
  item: unknown,
  opts: RunGraderOptions = {},
): Promise<GraderRunResponse> {
  const t0 = performance.now();
  const errors = noErrors();
  const rollout: Rollout = { completion: modelSample, reference: item ?? {} };
  let result: RewardResult;
  // A formula problem sets its own flag while compiling; every other error is flagged from the result.
  let compileFlagged = false;
  try {
    const reward = compileGrader(grader, opts.backends);
    result = await scoreOne(reward, rollout, {
      ...(opts.executor ? { executor: opts.executor } : {}),
      ...(opts.deadlineMs !== undefined ? { deadlineMs: opts.deadlineMs } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (e) {
    if (!(e instanceof GraderInvalid) || !e.flag) throw e;
    errors[e.flag] = true;
    compileFlagged = true;
    result = { score: null, error: { kind: "compile", message: e.message } };
  }
  const subTypes: Record<string, string> =
    grader.type === "multi"
      ? Object.fromEntries(Object.entries(subGraders(grader)).map(([k, g]) => [k, g.type]))
      : {};
  if (result.error && !compileFlagged) {
    const at = result.error.path?.split(".")[0];
    flagError(errors, result.error, (at && subTypes[at]) ?? grader.type);
  }
  const sub: Record<string, number | null> = {};
  if (grader.type === "multi" && result.components) {
    for (const k of Object.keys(subTypes)) sub[k] = result.components[k] ?? null;
  }
  const score = typeof result.score === "number" && Number.isFinite(result.score) ? result.score : null;
  return {
    reward: score ?? 0,
    sub_rewards: sub,
    model_grader_token_usage_per_model: {},
    metadata: {
      name: grader.name,
      type: grader.type,
      execution_time: (performance.now() - t0) / 1000,
      scores: grader.type === "multi" ? { ...sub, [grader.name]: score } : { [grader.name]: score },
      token_usage: null,
      sampled_model_name: null,
      errors,
    },
    result,
  };
}
