import { z } from "zod";
import { RewardkitError } from "../core/errors.ts";
import { defineReward } from "../core/reward.ts";
import { fail, ok, then } from "../core/result.ts";
import type { Reward, RewardResult, Rollout } from "../core/types.ts";
import type { KindDefinition } from "../spec/registry.ts";
import { shapeTrajectory } from "../shaping/potential.ts";
import { LtlfAutomaton } from "./automaton.ts";
import { type Labeller, makeLabeller, propositionSchema } from "./events.ts";
import { distancePotential, valuePotential } from "./potentials.ts";
import { parseRewardMachine, productMachine, type RewardMachine } from "./reward-machine.ts";
import { lexicographicKind } from "./lexicographic.ts";
import { subgoalKind } from "./subgoals.ts";

const finite = z.number().refine(Number.isFinite, "expected a finite number");

/** Parameters every temporal kind shares: where step propositions come from. */
export const labelParams = {
  /** Declared propositions (tool-call name or regex over the step text), besides each step's `events`. */
  propositions: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_.:]*$/), propositionSchema).default({}),
  /** Score at or above which a `verifiers` entry makes its proposition true (one number, or per name). */
  threshold: z.union([finite, z.record(z.string(), finite)]).default(0.5),
};

const shapingParams = {
  /** Discount of the shaping term γΦ(s′) − Φ(s); use the trainer's γ (a mismatch biases by episode length). */
  gamma: z.number().min(0).max(1).default(1),
  /** Multiplier of the shaping term. */
  scale: finite.default(1),
};

/** The parameters a compiled reward reports as its spec: the kind's own plus its verifiers' specs. */
export function specParams<P extends object>(p: P, verifiers: Record<string, Reward> | undefined): P {
  if (!verifiers) return p;
  return { ...p, verifiers: Object.fromEntries(Object.entries(verifiers).map(([k, v]) => [k, v.spec])) };
}

/** True when the rollout says it was cut off (truncated, not terminated): the last potential is kept. */
export function isTruncated(r: Rollout): boolean {
  return r.meta?.truncated === true;
}

/** Sums per-step rewards, rounding away float noise from telescoping. */
function total(steps: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < steps.length; i++) s += steps[i]!;
  return Math.round(s * 1e12) / 1e12;
}

/** Labels a rollout, then scores the non-empty trace; an empty one is a typed `invalid_input`. */
function withTrace(
  labeller: Labeller,
  r: Rollout,
  ctx: Parameters<Reward["score"]>[1],
  f: (trace: Set<string>[]) => RewardResult,
) {
  return then(labeller.label(r, ctx), (trace) =>
    trace.length === 0
      ? fail("invalid_input", "LTLf is evaluated on non-empty traces only; this rollout has no steps")
      : f(trace),
  );
}

const ltlfParams = z.strictObject({
  formula: z.string().min(1),
  syntax: z.enum(["flloat", "spot"]).default("flloat"),
  mode: z.enum(["satisfaction", "monitor"]).default("satisfaction"),
  /** Monitor mode (De Giacomo et al., KR 2020): paid while temporarily true. */
  reward: finite.default(0),
  /** Paid while temporarily false, added as given (give a negative number for a penalty). */
  cost: finite.default(0),
  /** Paid once, on the step the verdict becomes permanently true (or the trace ends accepted). */
  success: finite.default(1),
  /** Paid once, on the step the verdict becomes permanently false (or the trace ends rejected); added as given. */
  failure: finite.default(-1),
  /** `distance`: add γΦ(q′) − Φ(q) with Φ = −(distance to acceptance); Φ at true termination is 0. */
  shaping: z.enum(["none", "distance"]).default("none"),
  ...shapingParams,
  ...labelParams,
});

/**
 * `temporal.ltlf`: an LTLf formula over step propositions. `satisfaction` pays 1 on the last step when the
 * trace satisfies it; `monitor` pays De Giacomo et al.'s monitoring rewards per step from the four-valued
 * verdict. Per-step rewards are in `steps`; the score is their sum. The automaton is shared by every rollout
 * scored with the compiled spec. (De Giacomo, Iocchi, Favorito & Patrizi, KR 2020; LTLf: IJCAI 2013)
 * @example { kind: temporal.ltlf, formula: "G(delete -> X confirm)", mode: monitor, propositions: { delete: { tool: rm } } }
 */
export const ltlfKind: KindDefinition<z.infer<typeof ltlfParams>> = {
  kind: "temporal.ltlf",
  version: 1,
  summary:
    "LTLf over the steps of a rollout: satisfaction (1/0) or per-step monitoring rewards, with optional shaping.",
  params: ltlfParams,
  children: { verifiers: "named" },
  optionalChildren: ["verifiers"],
  build(p, children, ctx) {
    const dfa = LtlfAutomaton.fromText(p.formula, { syntax: p.syntax, path: "formula" });
    const labeller = makeLabeller(
      p.propositions,
      children.verifiers as Record<string, Reward> | undefined,
      p.threshold,
    );
    const phi = p.shaping === "distance" ? distancePotential(dfa) : undefined;
    return defineReward({
      kind: "temporal.ltlf",
      ...(ctx.name !== undefined ? { name: ctx.name } : {}),
      params: specParams(p, children.verifiers as Record<string, Reward> | undefined),
      score: (r, _p, c) =>
        withTrace(labeller, r, c, (trace) => {
          const T = trace.length;
          const states = new Int32Array(T + 1);
          let q = dfa.initial;
          for (let t = 0; t < T; t++) states[t + 1] = q = dfa.step(q, dfa.letter(trace[t]!));
          const accepted = dfa.accepts(q);
          const truncated = isTruncated(r);
          const base = new Float64Array(T);
          if (p.mode === "satisfaction") base[T - 1] = accepted ? 1 : 0;
          else {
            let settled = false;
            for (let t = 0; t < T && !settled; t++) {
              const v = dfa.verdict(states[t + 1]!);
              settled = v === "permanently_true" || v === "permanently_false";
              if (settled) base[t] = v === "permanently_true" ? p.success : p.failure;
              else if (t === T - 1 && !truncated) base[t] = accepted ? p.success : p.failure;
              else base[t] = v === "temporarily_true" ? p.reward : p.cost;
            }
          }
          const steps = phi
            ? shapeTrajectory(base, Array.from(states, phi), {
                gamma: p.gamma,
                terminal: !truncated,
                scale: p.scale,
              })
            : base;
          return ok(total(steps), {
            steps: Array.from(steps),
            info: {
              accepted,
              verdict: dfa.verdict(q),
              steps: T,
              automaton_states: dfa.size,
              ...(truncated ? { truncated } : {}),
            },
          });
        }),
    });
  },
};

const rmParams = z
  .strictObject({
    /**
     * The machine in the reference text format (initial, terminal list, `(u1,u2,'dnf',r)` lines), or a list
     * of machines run as their product (rewards summed, terminal when all are).
     */
    machine: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(8)]).optional(),
    /** A file holding the machine (read through the spec loader). */
    file: z.string().min(1).optional(),
    /** `value`: add γΦ(u′) − Φ(u) with Φ = sign·V(u) from value iteration; Φ at true termination is 0. */
    shaping: z.enum(["none", "value"]).default("none"),
    /** The sign of Φ = sign·V: 1 (Φ grows with value) or −1 (the reference implementation's −V). */
    potential_sign: z.union([z.literal(1), z.literal(-1)]).default(1),
    /** Discount of value iteration and of the shaping term (the reference implementation uses 0.9). */
    gamma: z.number().min(0).max(1).default(0.9),
    scale: finite.default(1),
    ...labelParams,
  })
  .refine((p) => (p.machine === undefined) !== (p.file === undefined), "give exactly one of machine or file");

/**
 * `temporal.reward_machine`: per-step rewards from a reward machine (or the product of several) over step
 * propositions, optionally shaped with value-iteration potentials. (Toro Icarte et al., ICML 2018; JAIR 2022, arXiv 2010.03950)
 * @example { kind: temporal.reward_machine, machine: "0\n[1]\n(0,1,'done',1)\n(0,0,'!done',0)" }
 */
export const rewardMachineKind: KindDefinition<z.infer<typeof rmParams>> = {
  kind: "temporal.reward_machine",
  version: 1,
  summary:
    "Per-step rewards from a reward machine (Icarte's text format) over step propositions, optionally shaped.",
  params: rmParams,
  children: { verifiers: "named" },
  optionalChildren: ["verifiers"],
  build(p, children, ctx) {
    let texts = p.machine === undefined ? undefined : typeof p.machine === "string" ? [p.machine] : p.machine;
    if (texts === undefined) {
      if (!ctx.load)
        throw new RewardkitError("E_IO", [
          { path: "file", message: "no file loader here; inline `machine`" },
        ]);
      texts = [ctx.load(p.file!)];
    }
    const machines = texts.map((t, i) =>
      parseRewardMachine(t, p.file ?? (texts.length > 1 ? `machine[${i}]` : "machine")),
    );
    const rm = machines.length === 1 ? machines[0]! : productMachine(machines).machine;
    return rewardMachineReward(rm, p, children.verifiers as Record<string, Reward> | undefined, ctx.name);
  },
};

/** The reward of a compiled machine (shared by `temporal.reward_machine` and `temporal.subgoals`). */
export function rewardMachineReward(
  rm: RewardMachine,
  p:
    | z.infer<typeof rmParams>
    | (Omit<z.infer<typeof rmParams>, "machine" | "file"> & Record<string, unknown>),
  verifiers: Record<string, Reward> | undefined,
  name: string | undefined,
  kind = "temporal.reward_machine",
  extra?: (states: number[], rewards: number[]) => Record<string, unknown>,
): Reward {
  const labeller = makeLabeller(p.propositions, verifiers, p.threshold);
  const phi = p.shaping === "value" ? valuePotential(rm, p.gamma, p.potential_sign) : undefined;
  return defineReward({
    kind,
    ...(name !== undefined ? { name } : {}),
    params: specParams(p as Record<string, unknown>, verifiers),
    score: (r, _p, c) =>
      withTrace(labeller, r, c, (trace) => {
        const { states, rewards } = rm.run(trace);
        const truncated = isTruncated(r);
        const steps = phi
          ? shapeTrajectory(rewards, states.map(phi), {
              gamma: p.gamma,
              terminal: !truncated,
              scale: p.scale,
            })
          : Float64Array.from(rewards);
        return ok(total(steps), {
          steps: Array.from(steps),
          info: {
            states,
            terminal: rm.isTerminal(states[states.length - 1]!),
            ...(truncated ? { truncated } : {}),
            ...(extra ? extra(states, rewards) : {}),
          },
        });
      }),
  });
}

/** The temporal reward kinds. */
export const temporalKinds: KindDefinition[] = [ltlfKind, rewardMachineKind, subgoalKind, lexicographicKind];
