import { z } from "zod";
import { RewardkitError } from "../core/errors.ts";
import { zodIssues } from "../spec/zod-issues.ts";
import { dynamicSamplingFilter } from "./dynamic-sampling.ts";
import { gae } from "./gae.ts";
import { fixedGroups, type Groups, groupBy } from "./groups.ts";
import { drGrpo, grpo, grpoConstants } from "./grpo.ts";
import { reinforcePlusPlus, reinforcePlusPlusBaseline, reinforcePlusPlusTokens } from "./reinforce-pp.ts";
import { rloo } from "./rloo.ts";
import { processGrpo } from "./step-returns.ts";

/** The estimators `rewardkit advantages` and `POST /v1/advantages` offer. */
export const ESTIMATORS = ["grpo", "drgrpo", "rloo", "reinforce++", "reinforce++-baseline", "gae"] as const;
export type EstimatorName = (typeof ESTIMATORS)[number];

const finite = z.number().refine(Number.isFinite, "expected a finite number");
const maybe = finite.nullable();

/** Options shared by the CLI flags and the HTTP request's `options`. */
export const advantageOptionsSchema = z.strictObject({
  convention: z.enum(["verl", "trl"]).optional(),
  eps: finite.positive().optional(),
  std: z.enum(["unbiased", "population"]).optional(),
  scale: z.enum(["group", "batch", "none"]).optional(),
  gamma: finite.min(0).max(1).optional(),
  lambda: finite.min(0).max(1).optional(),
  whiten: z.boolean().optional(),
  /** Keep a group of one in DAPO's no-signal report (verl keeps it). */
  keep_singletons: z.boolean().optional(),
});
export type AdvantageOptions = z.infer<typeof advantageOptionsSchema>;

/** The body of `POST /v1/advantages` (arrays aligned by row). */
export const advantagesRequestSchema = z
  .strictObject({
    estimator: z.enum(ESTIMATORS).default("grpo"),
    /** One outcome score per row; null = unscorable (advantage 0, outside every baseline). */
    rewards: z.array(maybe),
    /** Group key per row (null: a group of its own); or give `group_size` for contiguous groups. */
    groups: z.array(z.union([z.string(), finite, z.null()])).optional(),
    group_size: z.number().int().positive().optional(),
    /** Per-step rewards per row (null: no steps). */
    steps: z.array(z.array(maybe).nullable()).optional(),
    /** GAE: the critic's value per step (one extra entry bootstraps a truncated episode); default 0. */
    values: z.array(z.array(finite).nullable()).optional(),
    /** REINFORCE++: tokens per row, so a row weighs as many tokens as it has in the batch whitening. */
    lengths: z.array(finite.min(0)).optional(),
    options: advantageOptionsSchema.default({}),
  })
  .superRefine((b, ctx) => {
    const n = b.rewards.length;
    for (const k of ["groups", "steps", "values", "lengths"] as const) {
      const v = b[k];
      if (v && v.length !== n)
        ctx.addIssue({ code: "custom", path: [k], message: `has ${v.length} entries, rewards has ${n}` });
    }
    if (b.groups && b.group_size !== undefined)
      ctx.addIssue({ code: "custom", path: ["group_size"], message: "give groups or group_size, not both" });
  });
export type AdvantagesRequest = z.input<typeof advantagesRequestSchema>;

/** What `computeAdvantages` returns (the `POST /v1/advantages` response body). */
export interface AdvantagesResponse {
  estimator: EstimatorName;
  /** One per row; 0 for unscorable rows. */
  advantages: number[];
  /** Per-step advantages per row (null where the row has none), present when steps were given or for GAE. */
  step_advantages?: (number[] | null)[];
  /** Rows left out of every statistic (null reward, or null steps where the estimator needs them). */
  unscorable: number[];
  /** DAPO: groups whose scorable rewards are all identical (they carry no signal), by key or index. */
  no_signal_groups: (string | number | null)[];
  groups: number;
  /** The constants used, so a log says exactly what was computed. */
  constants: Record<string, unknown>;
}

/** Where the rows' group structure comes from. */
function groupsOf(req: z.output<typeof advantagesRequestSchema>): Groups {
  const n = req.rewards.length;
  if (req.groups) return groupBy(req.groups);
  if (req.group_size !== undefined) return fixedGroups(n, req.group_size);
  return fixedGroups(n, Math.max(1, n));
}

const toNaN = (x: number | null | undefined) => (typeof x === "number" ? x : Number.NaN);
const plain = (a: ArrayLike<number>) => Array.from(a, (x) => (Object.is(x, -0) ? 0 : x));

/**
 * Computes advantages for a validated request: outcome advantages per row with the chosen estimator, step
 * advantages when per-step rewards are given (process-supervised GRPO for the group estimators, token-level
 * REINFORCE++ returns, or GAE), and DAPO's report of groups with no signal. Pure: no I/O, no state.
 * @example computeAdvantages({ estimator: "rloo", rewards: [1, 0, 0, 0], group_size: 4 }).advantages // [1, −1/3, −1/3, −1/3]
 */
export function computeAdvantages(input: AdvantagesRequest): AdvantagesResponse {
  const req = advantagesRequestSchema.parse(input);
  const o = req.options;
  const n = req.rewards.length;
  const groups = groupsOf(req);
  const scores = Float64Array.from(req.rewards, toNaN);
  const unscorable = new Set<number>();
  for (let i = 0; i < n; i++) if (Number.isNaN(scores[i]!)) unscorable.add(i);
  const gopts = {
    ...(o.convention ? { convention: o.convention } : {}),
    ...(o.eps !== undefined ? { eps: o.eps } : {}),
    ...(o.std ? { std: o.std } : {}),
  };
  const gamma = o.gamma ?? 1;
  const lambda = o.lambda ?? 1;
  let adv: Float64Array;
  let steps: (number[] | null)[] | undefined;
  const constants: Record<string, unknown> = {};
  const stepRows = req.steps?.map((s) => (s ? Float64Array.from(s, toNaN) : null));
  const complete = (s: Float64Array | null | undefined): s is Float64Array =>
    !!s && s.length > 0 && !s.some((x) => Number.isNaN(x));

  switch (req.estimator) {
    case "grpo":
    case "drgrpo":
    case "rloo": {
      const scale = req.estimator === "grpo" ? (o.scale ?? "group") : "none";
      if (req.estimator === "rloo") adv = rloo(scores, groups);
      else if (req.estimator === "drgrpo") adv = drGrpo(scores, groups, gopts);
      else adv = grpo(scores, groups, { ...gopts, scale });
      // Report only what the estimator used: RLOO has no constants; without std scaling (Dr. GRPO) eps and the
      // std convention play no part.
      if (req.estimator !== "rloo") {
        const c = grpoConstants({ ...gopts, scale });
        Object.assign(constants, scale === "none" ? { scale, singleton: c.singleton } : c);
      }
      if (stepRows) {
        const c = grpoConstants(gopts);
        steps = processGrpo(stepRows, groups, { eps: c.eps, std: c.std, scale: scale !== "none" }).map((a) =>
          a ? plain(a) : null,
        );
      }
      break;
    }
    case "reinforce++":
    case "reinforce++-baseline": {
      const eps = o.eps ?? 1e-8;
      const whitenOpts = { eps, ...(req.lengths ? { lengths: req.lengths } : {}) };
      adv =
        req.estimator === "reinforce++"
          ? reinforcePlusPlus(scores, whitenOpts)
          : reinforcePlusPlusBaseline(scores, groups, whitenOpts);
      // eps is added to the batch variance here (verl's masked_whiten); gamma only discounts step returns.
      Object.assign(constants, stepRows ? { eps, gamma } : { eps });
      if (stepRows) {
        const idx: number[] = [];
        const seqs: { rewards: Float64Array }[] = [];
        stepRows.forEach((s, i) => {
          if (complete(s)) {
            idx.push(i);
            seqs.push({ rewards: s });
          } else if (s) unscorable.add(i);
        });
        const shifted =
          req.estimator === "reinforce++-baseline" ? subtractGroupReturn(seqs, idx, groups, n, gamma) : seqs;
        const out = reinforcePlusPlusTokens(shifted, { gamma, eps });
        steps = stepRows.map(() => null);
        idx.forEach((i, j) => {
          steps![i] = plain(out[j]!);
        });
      }
      break;
    }
    case "gae": {
      const idx: number[] = [];
      const seqs: { rewards: Float64Array; values: ArrayLike<number> }[] = [];
      for (let i = 0; i < n; i++) {
        const s = stepRows?.[i] ?? (Number.isNaN(scores[i]!) ? null : Float64Array.of(scores[i]!));
        if (!complete(s)) {
          unscorable.add(i);
          continue;
        }
        const v = req.values?.[i] ?? new Array(s.length).fill(0);
        if (v.length !== s.length && v.length !== s.length + 1)
          throw new RangeError(`values[${i}] has ${v.length} entries for ${s.length} steps`);
        idx.push(i);
        seqs.push({ rewards: s, values: v });
      }
      const whiten = o.whiten ?? true;
      const eps = o.eps ?? 1e-8;
      const out = gae(seqs, { gamma, lambda, whiten, eps });
      adv = new Float64Array(n);
      steps = new Array(n).fill(null);
      idx.forEach((i, j) => {
        const a = out.advantages[j]!;
        adv[i] = a[0] ?? 0;
        steps![i] = plain(a);
      });
      Object.assign(constants, whiten ? { gamma, lambda, whiten, eps } : { gamma, lambda, whiten });
      break;
    }
  }
  const filter = dynamicSamplingFilter(scores, groups, { keepSingletons: o.keep_singletons ?? true });
  const keys = groups.keys;
  const res: AdvantagesResponse = {
    estimator: req.estimator,
    advantages: plain(adv!),
    unscorable: [...unscorable].sort((a, b) => a - b),
    no_signal_groups: filter.noSignal.map((g) => (keys ? (keys[g] as string | number | null) : g)),
    groups: groups.offsets.length - 1,
    constants,
  };
  if (steps) res.step_advantages = steps;
  return res;
}

/** REINFORCE++-baseline at step level: each step's return minus the group mean of the rows' total returns. */
function subtractGroupReturn(
  seqs: { rewards: Float64Array }[],
  idx: number[],
  groups: Groups,
  n: number,
  gamma: number,
): { rewards: Float64Array }[] {
  // Shifting the last step's reward by −b shifts every return G_t by −γ^(T−1−t)·b; with γ = 1 (the default)
  // that is exactly "return minus the group mean return", matching the outcome form when the reward is terminal.
  const total = new Float64Array(n).fill(Number.NaN);
  idx.forEach((i, j) => {
    let g = 0;
    const r = seqs[j]!.rewards;
    for (let t = r.length - 1; t >= 0; t--) g = r[t]! + gamma * g;
    total[i] = g;
  });
  const base = new Float64Array(n);
  const { order, offsets } = groups;
  for (let g = 0; g < offsets.length - 1; g++) {
    let s = 0;
    let c = 0;
    for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
      const x = total[order ? order[k]! : k]!;
      if (!Number.isNaN(x)) {
        s += x;
        c++;
      }
    }
    for (let k = offsets[g]!; k < offsets[g + 1]!; k++) base[order ? order[k]! : k] = c > 1 ? s / c : 0;
  }
  return seqs.map((q, j) => {
    const r = Float64Array.from(q.rewards);
    r[r.length - 1]! -= base[idx[j]!]!;
    return { rewards: r };
  });
}

/**
 * Validates a parsed `POST /v1/advantages` body and computes it; a bad body (or rows the estimator cannot use)
 * throws an `E_INVALID_REQUEST` `RewardkitError` listing every problem with its path.
 * @example advantagesFromRequest({ estimator: "grpo", rewards: [1, 0], group_size: 2 }).advantages // [0.707…, −0.707…]
 */
export function advantagesFromRequest(body: unknown): AdvantagesResponse {
  const parsed = advantagesRequestSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) throw new RewardkitError("E_INVALID_REQUEST", zodIssues([], parsed.error.issues));
  try {
    return computeAdvantages(parsed.data);
  } catch (e) {
    if (e instanceof RewardkitError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new RewardkitError("E_INVALID_REQUEST", [{ path: "", message }], { cause: e });
  }
}
