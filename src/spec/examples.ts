import { scoreOne } from "../core/score-batch.ts";
import type { RewardContext, RewardResult } from "../core/types.ts";
import type { CompiledSpec } from "./spec.ts";

/** The outcome of one spec example. */
export interface ExampleOutcome {
  name: string;
  passed: boolean;
  /** What differed, one line per difference. */
  problems: string[];
  actual: RewardResult;
}

const close = (a: number | null, b: number | null, tol: number) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= tol;

/**
 * Runs a spec's own examples and compares score, components (those listed) and error kind within tolerance.
 * @example const outcomes = await runExamples(compiled); outcomes.filter((o) => !o.passed)
 */
export async function runExamples(
  compiled: CompiledSpec,
  ctx: RewardContext = {},
): Promise<ExampleOutcome[]> {
  const out: ExampleOutcome[] = [];
  for (const [i, ex] of (compiled.spec.examples ?? []).entries()) {
    const actual = await scoreOne(compiled.reward, ex.rollout, ctx);
    const tol = ex.tolerance ?? 1e-9;
    const problems: string[] = [];
    const e = ex.expect;
    if (e.score !== undefined && !close(actual.score, e.score, tol))
      problems.push(`score: expected ${e.score}, got ${actual.score}`);
    for (const [k, v] of Object.entries(e.components ?? {})) {
      const got = actual.components?.[k];
      if (got === undefined) problems.push(`components.${k}: expected ${v}, got nothing`);
      else if (!close(got, v, tol)) problems.push(`components.${k}: expected ${v}, got ${got}`);
    }
    if (e.error !== undefined && actual.error?.kind !== e.error) {
      problems.push(`error: expected ${e.error}, got ${actual.error ? actual.error.kind : "none"}`);
    }
    if (e.error === undefined && actual.error)
      problems.push(`unexpected error ${actual.error.kind}: ${actual.error.message}`);
    out.push({ name: ex.name ?? `examples[${i}]`, passed: problems.length === 0, problems, actual });
  }
  return out;
}
