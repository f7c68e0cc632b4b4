import { randomBytes } from "node:crypto";
import { defineReward } from "../core/reward.ts";
import { fail, ok } from "../core/result.ts";
import type { Reward, RewardResult } from "../core/types.ts";
import { LocalSandbox } from "../sandbox/local.ts";
import type { CodeExecutor, RunOutcome, SandboxLimits } from "../sandbox/types.ts";
import { readMarkers } from "../verifiers/code/markers.ts";
import { PYTHON_GRADER_HARNESS } from "./python-harness.ts";
import type { SingleGrader } from "./schema.ts";
import { sampleContext } from "./template.ts";

type PythonGrader = Extract<SingleGrader, { type: "python" }>;

/**
 * OpenAI's documented envelope for python graders: 2 min, 2 GB RAM, 1 GB disk, 2 CPUs (as CPU time: 2 × 2 min;
 * the sandbox limits CPU time, not the number of cores), no network (the sandbox has none).
 * @example pythonGraderReward(g, { limits: { ...PYTHON_GRADER_LIMITS, wallMs: 5000 } })
 */
export const PYTHON_GRADER_LIMITS: Readonly<Partial<SandboxLimits>> = Object.freeze({
  wallMs: 120_000,
  cpuMs: 240_000,
  memoryMb: 2048,
  diskMb: 1024,
});

/** Options of `pythonGraderReward`. */
export interface PythonGraderOptions {
  /** Where the grader runs (default: the local process sandbox). */
  executor?: CodeExecutor;
  /** Limits of one run (default `PYTHON_GRADER_LIMITS`). */
  limits?: Partial<SandboxLimits>;
}

const clip = (s: string, n = 2000) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * An OpenAI `python` grader as a reward: `grade(sample, item) -> float` runs in the code sandbox with `sample`
 * (`output_text`, `output_json`, `output_tools`, `choices`) and `item` (the rollout's reference). The score is
 * the returned float; an exception, a non-float, NaN or ±inf is a `runtime` error and a syntax error a `compile`
 * error (both `python_grader_runtime_error`), a limit is `timeout` or `runtime`, and a sandbox that cannot run
 * is `sandbox` (`python_grader_server_error`): never a silent 0. `pass_threshold` sets `info.passed`.
 * @example pythonGraderReward({ type: "python", name: "p", source: "def grade(s, i): return 1.0" }).score(rollout, {})
 */
export function pythonGraderReward(g: PythonGrader, opts: PythonGraderOptions = {}, name = g.name): Reward {
  const limits = opts.limits ?? PYTHON_GRADER_LIMITS;
  // Without an executor from the caller (a runtime's sandbox), the reward makes its own: no process-wide one.
  let own: LocalSandbox | undefined;
  return defineReward({
    kind: "openai.python",
    name,
    params: {
      source: g.source,
      ...(g.image_tag !== undefined ? { image_tag: g.image_tag } : {}),
      ...(g.pass_threshold !== undefined ? { pass_threshold: g.pass_threshold } : {}),
    },
    score: async (r, _p, ctx): Promise<RewardResult> => {
      const executor = opts.executor ?? (own ??= new LocalSandbox());
      const nonce = randomBytes(12).toString("hex");
      const { item, sample } = sampleContext(r);
      const outcome = await executor.run({
        language: "python",
        files: {
          "grader.py": g.source,
          "harness.py": PYTHON_GRADER_HARNESS,
          "rk_input.json": JSON.stringify({ nonce, seed: ctx.seed ?? 0, sample, item }),
        },
        entry: "harness.py",
        limits,
        ...(ctx.seed !== undefined ? { seed: ctx.seed } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      return graderResult(outcome, nonce, g.pass_threshold);
    },
  });
}

/** Reads the harness's report out of a run. */
function graderResult(o: RunOutcome, nonce: string, threshold: number | undefined): RewardResult {
  const { events, rest } = readMarkers(o.stderr, nonce);
  const info: Record<string, unknown> = { wall_ms: Math.round(o.wallMs), executor: o.executor };
  if (rest) info.stderr = clip(rest);
  const done = events.find((e) => e.event === "done");
  if (done && typeof done.data.value === "number" && Number.isFinite(done.data.value)) {
    const value = done.data.value;
    if (threshold !== undefined) info.passed = value >= threshold;
    return ok(value, { info });
  }
  const compile = events.find((e) => e.event === "compile");
  if (compile) return fail("compile", String(compile.data.message ?? "syntax error"), { info });
  const error = events.find((e) => e.event === "error");
  if (error) return fail("runtime", String(error.data.message ?? "the grader failed"), { info });
  switch (o.status) {
    case "sandbox_error":
      return fail("sandbox", o.message ?? "the sandbox could not run the grader", { info });
    case "cancelled":
      return fail("timeout", "cancelled by the caller", { info });
    case "timeout":
    case "cpu_timeout":
      return fail("timeout", `the grader hit its time limit (${o.message ?? o.status})`, { info });
    case "memory":
      return fail("runtime", `the grader hit its memory limit (${o.message ?? "memory"})`, { info });
    case "output_limit":
      return fail("runtime", "the grader printed more than the output limit", { info });
    case "signaled":
      return fail("runtime", `the grader was killed by ${o.signal}`, { info });
    default:
      return fail("runtime", `the grader exited (code ${o.exitCode}) without returning a value`, { info });
  }
}
