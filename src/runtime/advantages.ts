import {
  type AdvantageOptions,
  type AdvantagesResponse,
  advantagesFromRequest,
  type EstimatorName,
} from "../credit/api.ts";
import { dynamicSamplingFilter } from "../credit/dynamic-sampling.ts";
import { groupBy } from "../credit/groups.ts";
import { readPath } from "../io/read-path.ts";

/** Where scored rows keep what advantages need (dotted paths), and what to compute. */
export interface RowAdvantageOptions {
  estimator: EstimatorName;
  options?: AdvantageOptions;
  /** Outcome score (default `reward.score`). */
  scoreField?: string;
  /** Group key (default `group`). */
  groupField?: string;
  /** Per-step rewards (default `reward.steps`, else the rollout's `steps[].reward`). */
  stepsField?: string;
  /** GAE: per-step critic values (default `values`, else `steps[].value`). */
  valuesField?: string;
  /** Drop rows of groups whose rewards are all identical (DAPO dynamic sampling). */
  dropNoSignal?: boolean;
}

/** Rows with their advantages, the estimator's full answer, and which rows were kept. */
export interface RowAdvantages {
  rows: Record<string, unknown>[];
  response: AdvantagesResponse;
  /** Rows dropped by `dropNoSignal`. */
  dropped: number;
}

const num = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);

/**
 * Advantages for scored rows (the output of `rewardkit score`): reads scores, groups, per-step rewards and
 * values through dotted paths, computes them (bad options are an `E_INVALID_REQUEST` error naming the path), and returns each kept row with `advantage` (and
 * `step_advantages` when it has steps). A row without a finite score is unscorable (advantage 0).
 * @example advantagesFromRows([{ group: "a", reward: { score: 1 } }, { group: "a", reward: { score: 0 } }], { estimator: "rloo" }).rows[0].advantage // 1
 */
export function advantagesFromRows(
  rows: readonly Record<string, unknown>[],
  o: RowAdvantageOptions,
): RowAdvantages {
  const scoreField = o.scoreField ?? "reward.score";
  const groupField = o.groupField ?? "group";
  const rewards = rows.map((r) => num(readPath(r, scoreField)));
  const groups = rows.map((r) => {
    const g = readPath(r, groupField);
    return typeof g === "string" || (typeof g === "number" && Number.isFinite(g)) ? g : null;
  });
  const steps = rows.map((r) => stepsOf(r, o.stepsField ?? "reward.steps"));
  const values = rows.map((r) => valuesOf(r, o.valuesField ?? "values"));
  const response = advantagesFromRequest({
    estimator: o.estimator,
    rewards,
    groups,
    ...(steps.some((s) => s !== null) ? { steps } : {}),
    ...(o.estimator === "gae" && values.some((v) => v) ? { values } : {}),
    options: o.options ?? {},
  });
  const keep = o.dropNoSignal
    ? dynamicSamplingFilter(
        Float64Array.from(rewards, (x) => x ?? Number.NaN),
        groupBy(groups),
      ).rowMask
    : null;
  const out: Record<string, unknown>[] = [];
  rows.forEach((row, i) => {
    if (keep && !keep[i]) return;
    const r: Record<string, unknown> = { ...row, advantage: response.advantages[i] };
    const sa = response.step_advantages?.[i];
    if (sa) r.step_advantages = sa;
    out.push(r);
  });
  return { rows: out, response, dropped: rows.length - out.length };
}

/** Per-step rewards of a scored row: the reward's dense `steps`, else the rollout's `steps[].reward`. */
function stepsOf(row: unknown, field: string): (number | null)[] | null {
  const dense = readPath(row, field);
  if (Array.isArray(dense) && dense.length) return dense.map(num);
  const steps = readPath(row, "steps");
  if (Array.isArray(steps) && steps.length && steps.some((s) => s && typeof s === "object" && "reward" in s))
    return steps.map((s) => num(s && typeof s === "object" ? (s as { reward?: unknown }).reward : undefined));
  return null;
}

/** Per-step critic values of a row: the values field, else `steps[].value`. */
function valuesOf(row: unknown, field: string): number[] | null {
  const v = readPath(row, field);
  if (Array.isArray(v) && v.every((x) => num(x) !== null)) return v as number[];
  const steps = readPath(row, "steps");
  if (
    Array.isArray(steps) &&
    steps.length &&
    steps.every((s) => s && num((s as { value?: unknown }).value) !== null)
  )
    return steps.map((s) => (s as { value: number }).value);
  return null;
}
