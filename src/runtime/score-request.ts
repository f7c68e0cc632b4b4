import { brief, isTransient, RewardkitError } from "../core/errors.ts";
import { parseRollouts } from "../core/rollout.ts";
import { scoreBatch } from "../core/score-batch.ts";
import type { RewardResult, Rollout } from "../core/types.ts";
import type { Runtime } from "./runtime.ts";
import type { ServedSpec } from "./spec-set.ts";

/** One scoring request, as any entry point receives it (values not yet checked). */
export interface ScoreRequest {
  spec: ServedSpec;
  /** The rollouts, unchecked: validated here with `parseRollout` against the runtime's limits. */
  rollouts: unknown;
  /** Where the rollouts sit in the request, for error paths (default `rollouts`). */
  at?: string;
  /** The trainer's global step (an integer), for step-dependent schedules. */
  step?: unknown;
  /** Seed of any sampling a reward does (an integer). */
  seed?: unknown;
  signal?: AbortSignal;
}

/** What the scoring service returns: results aligned with the rollouts, and whether any error was transient. */
export interface ScoreOutcome {
  spec: string;
  results: RewardResult[];
  /** True when some result holds a transient error (timeout, upstream, sandbox, resource): do not replay. */
  transient: boolean;
}

/**
 * The scoring service: validates the rollouts (one `parseRollout` rule, limits included), checks `step` and
 * `seed`, admits the work (`E_OVERLOADED` / `E_DRAINING` when it does not fit), scores it through the
 * runtime's queue with the runtime's executor, deadline and concurrency, and reports whether the outcome holds
 * a transient error. Every result is finite (`scoreBatch` turns NaN/Infinity into typed errors). Request
 * problems throw a `RewardkitError`; a failing rollout is that rollout's `error`, never its neighbours'.
 * @example const { results } = await scoreRequest(runtime, { spec, rollouts: [{ completion: "4", reference: "4" }] });
 */
export async function scoreRequest(runtime: Runtime, req: ScoreRequest): Promise<ScoreOutcome> {
  const rollouts = parseRollouts(req.rollouts, req.at ?? "rollouts", runtime.limits);
  const step = integerField(req.step, "step");
  const seed = integerField(req.seed, "seed");
  const spec = req.spec;
  if (rollouts.length === 0) return { spec: spec.name, results: [], transient: false };
  runtime.admit(rollouts.length);
  const results = await runtime.queue.run(rollouts.length, () =>
    scoreBatch(spec.reward, rollouts as Rollout[], {
      concurrency: runtime.concurrency,
      deadlineMs: spec.deadlineMs ?? runtime.deadlineMs,
      ...(runtime.executor ? { executor: runtime.executor } : {}),
      signal: req.signal ? AbortSignal.any([req.signal, runtime.stopSignal]) : runtime.stopSignal,
      ...(step !== undefined ? { step } : {}),
      ...(seed !== undefined ? { seed } : {}),
    }),
  );
  let transient = false;
  for (let i = 0; i < results.length && !transient; i++) {
    const e = results[i]!.error;
    if (e && isTransient(e)) transient = true;
  }
  return { spec: spec.name, results, transient };
}

/** An optional integer field of a request: absent (undefined or null) or an integer, else `E_BAD_REQUEST`. */
function integerField(v: unknown, at: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v))
    throw new RewardkitError("E_BAD_REQUEST", [
      { path: at, message: `expected an integer, got ${brief(v)}` },
    ]);
  return v;
}
