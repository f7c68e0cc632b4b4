import { z } from "zod";
import { fail } from "../core/result.ts";
import type { Reward } from "../core/types.ts";
import type { KindDefinition } from "../spec/registry.ts";
import { completionLength, lengthUnit } from "../verifiers/length/measure.ts";
import { referenceRewards } from "./reference-rewards.ts";
import { RunningNorm, rolloutKey } from "./running-norm.ts";
import { scheduleAt, scheduleSchema } from "./schedule.ts";
import { asymmetricShape, centred, clipToReferences, par, tanhShape } from "./score-transforms.ts";
import { shapeNode } from "./wrap.ts";

const finite = z.number().refine(Number.isFinite, "expected a finite number");
const refs = {
  /** Dotted path under `meta` holding the reference rewards of the prompt. */
  reference_field: z.string().min(1).default("reference_rewards"),
  /** How many references are used (PAR: M = 10; the paper reports M = 1 is enough). */
  max_refs: z.number().int().positive().default(10),
};
const named = (name?: string) => (name !== undefined ? name : undefined);

/** Runs `f` with the rollout's reference rewards, or fails with `invalid_input` when there are none. */
function withRefs(
  field: string,
  max: number,
  f: (s: number, refs: number[]) => number,
): Parameters<typeof shapeNode>[3] {
  return (s, rollout) => {
    const r = referenceRewards(rollout, field, max);
    if (typeof r === "string") return { score: null, error: fail("invalid_input", r).error };
    return { score: f(s, r), info: { references: r.length } };
  };
}

/** State stores a server can pass down (`options.shapingState`) so running statistics outlive one compile. */
function stateFor(
  options: Record<string, unknown> | undefined,
  key: string,
  make: () => RunningNorm,
): RunningNorm {
  const store = options?.shapingState;
  if (!(store instanceof Map)) return make();
  let s = store.get(key);
  if (!(s instanceof RunningNorm)) {
    s = make();
    store.set(key, s);
  }
  return s as RunningNorm;
}

/** Score-level shaping kinds: each wraps one child `reward` and passes null or failed scores through unchanged. */
export const shapingKinds: KindDefinition[] = [
  {
    kind: "shape.par",
    version: 1,
    summary: "PAR: mean sigmoid of k·(reward − reference reward), bounded in (0, 1) (arXiv 2502.18770).",
    params: z.strictObject({ k: finite.positive().default(1), ...refs }),
    children: { reward: "node" },
    build: (p, c, ctx) =>
      shapeNode(
        c.reward as Reward,
        "shape.par",
        p,
        withRefs(p.reference_field, p.max_refs, (s, r) => par(s, r, p.k)),
        named(ctx.name),
      ),
  },
  {
    kind: "shape.centered",
    version: 1,
    summary: "Centred reward: reward minus the mean reference reward (PAR's centered baseline).",
    params: z.strictObject({ ...refs }),
    children: { reward: "node" },
    build: (p, c, ctx) =>
      shapeNode(
        c.reward as Reward,
        "shape.centered",
        p,
        withRefs(p.reference_field, p.max_refs, centred),
        named(ctx.name),
      ),
  },
  {
    kind: "shape.tanh",
    version: 1,
    summary: "tanh(k·reward), or the mean tanh(k·(reward − reference)) with center: reference.",
    params: z.strictObject({
      k: finite.positive().default(1),
      center: z.enum(["none", "reference"]).default("none"),
      ...refs,
    }),
    children: { reward: "node" },
    build: (p, c, ctx) =>
      shapeNode(
        c.reward as Reward,
        "shape.tanh",
        p,
        p.center === "reference"
          ? withRefs(p.reference_field, p.max_refs, (s, r) => tanhShape(s, r, p.k))
          : (s) => tanhShape(s, null, p.k),
        named(ctx.name),
      ),
  },
  {
    kind: "shape.clip",
    version: 1,
    summary:
      "Clips the reward to the reference band mean ± c·std of the reference rewards (fixed bounds: clamp).",
    params: z.strictObject({ c: finite.positive().default(1), ...refs }),
    children: { reward: "node" },
    build: (p, c, ctx) =>
      shapeNode(
        c.reward as Reward,
        "shape.clip",
        p,
        withRefs(p.reference_field, p.max_refs, (s, r) => clipToReferences(s, r, p.c)),
        named(ctx.name),
      ),
  },
  {
    kind: "shape.running_norm",
    version: 1,
    summary:
      "Stateful running mean/std normalisation; each distinct rollout counted once (content hash); frozen for evaluation.",
    params: z.strictObject({
      /** Never update (evaluation); also frozen when the compiler is given `options.frozen: true`. */
      frozen: z.boolean().default(false),
      eps: finite.positive().default(1e-8),
      /** Name of the shared state in `options.shapingState` (default: this node's path). */
      state_key: z.string().min(1).optional(),
      /** Starting statistics, e.g. a snapshot saved after training. */
      init: z.strictObject({ count: z.number().int().min(0), mean: finite, m2: finite.min(0) }).optional(),
      /** How many content hashes are remembered. */
      capacity: z.number().int().positive().default(100_000),
    }),
    children: { reward: "node" },
    build: (p, c, ctx) => {
      const state = stateFor(
        ctx.options,
        p.state_key ?? ctx.path,
        () => new RunningNorm(p.init, { eps: p.eps, capacity: p.capacity }),
      );
      const frozen = p.frozen || ctx.options?.frozen === true;
      return shapeNode(
        c.reward as Reward,
        "shape.running_norm",
        p,
        (s, rollout) => {
          const counted = frozen ? false : state.observe(rolloutKey(rollout, s), s);
          return {
            score: state.normalize(s),
            info: { counted, count: state.count, mean: state.mean, std: state.std(), frozen },
          };
        },
        named(ctx.name),
      );
    },
  },
  {
    kind: "shape.length_penalty",
    version: 1,
    summary:
      "Subtracts coef·max(0, length − free)/per from the reward, capped at max_penalty (PAR default 0.01/token past 300).",
    params: z.strictObject({
      unit: lengthUnit.default("tokens"),
      free: z.number().min(0).default(300),
      coef: finite.min(0).default(0.01),
      per: finite.positive().default(1),
      max_penalty: finite.positive().nullable().default(null),
    }),
    children: { reward: "node" },
    build: (p, c, ctx) =>
      shapeNode(
        c.reward as Reward,
        "shape.length_penalty",
        p,
        (s, rollout) => {
          const len = completionLength(rollout, p.unit);
          let pen = (p.coef * Math.max(0, len - p.free)) / p.per;
          if (p.max_penalty !== null) pen = Math.min(pen, p.max_penalty);
          return { score: s - pen, info: { length: len, penalty: pen } };
        },
        named(ctx.name),
      ),
  },
  {
    kind: "shape.schedule",
    version: 1,
    summary:
      "Step-dependent shaping: scale by factor(step), or map [from] onto [lo(step), hi(step)] (ToolRL dynamic scaling).",
    params: z
      .strictObject({
        factor: scheduleSchema.optional(),
        range: z
          .strictObject({
            lo: scheduleSchema,
            hi: scheduleSchema,
            from: z.tuple([finite, finite]).default([0, 1]),
          })
          .optional(),
        /** The step used when the request carries none; null makes a missing step an error. */
        default_step: z.number().min(0).nullable().default(null),
      })
      .refine(
        (p) => (p.factor === undefined) !== (p.range === undefined),
        "give exactly one of factor or range",
      )
      .refine(
        (p) => !p.range || p.range.from[0] !== p.range.from[1],
        "range.from must be two different numbers",
      ),
    children: { reward: "node" },
    build: (p, c, ctx) =>
      shapeNode(
        c.reward as Reward,
        "shape.schedule",
        p,
        (s, _r, rc) => {
          const step = rc.step ?? p.default_step;
          if (step === null || step === undefined || !Number.isFinite(step))
            return {
              score: null,
              error: fail("invalid_input", "shape.schedule needs the training step").error,
            };
          if (p.factor !== undefined) return { score: s * scheduleAt(p.factor, step), info: { step } };
          const { lo, hi, from } = p.range!;
          const a = scheduleAt(lo, step);
          const b = scheduleAt(hi, step);
          return { score: a + ((b - a) * (s - from[0])) / (from[1] - from[0]), info: { step, lo: a, hi: b } };
        },
        named(ctx.name),
      ),
  },
  {
    kind: "shape.asymmetric",
    version: 1,
    summary: "TempSamp-R1 asymmetric shaping: near-flat plateau above tau, exponential penalty below.",
    params: z.strictObject({ tau: finite.default(0.8), alpha: finite.positive().default(1) }),
    children: { reward: "node" },
    build: (p, c, ctx) =>
      shapeNode(
        c.reward as Reward,
        "shape.asymmetric",
        p,
        (s) => asymmetricShape(s, p.tau, p.alpha),
        named(ctx.name),
      ),
  },
];
