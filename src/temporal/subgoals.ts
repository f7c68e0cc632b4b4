import { z } from "zod";
import { RewardkitError } from "../core/errors.ts";
import { defineReward } from "../core/reward.ts";
import { fail, ok, then } from "../core/result.ts";
import type { Reward } from "../core/types.ts";
import type { KindDefinition } from "../spec/registry.ts";
import { makeLabeller, propositionSchema } from "./events.ts";
import { type Guard, type RmEdge, RewardMachine } from "./reward-machine.ts";

/** One subgoal: its proposition name and, for a DAG, the subgoals that must be done first. */
export interface Subgoal {
  name: string;
  after?: string[];
}

/** How subgoals are ordered: a chain, any order, or a DAG given by each subgoal's `after`. */
export type SubgoalOrder = "sequence" | "set" | "dag";

const MAX_SUBGOALS = 12;

/**
 * Compiles subgoals to a reward machine whose states are the sets of subgoals done (state id = bitmask).
 * A step completes every enabled subgoal whose proposition holds, paying `reward` for each; the state with
 * all subgoals done is terminal. A set is the product of `F g_i`; a sequence is a chain. (CALM, Pignatelli
 * et al., arXiv 2409.12798; reward machines, Toro Icarte et al., arXiv 2010.03950)
 * @example subgoalMachine([{ name: "search" }, { name: "answer" }], "sequence").toText()
 */
export function subgoalMachine(goals: readonly Subgoal[], order: SubgoalOrder, reward = 1): RewardMachine {
  if (!goals.length || goals.length > MAX_SUBGOALS)
    throw new RewardkitError("E_SPEC_INVALID", [
      { path: "subgoals", message: `1 to ${MAX_SUBGOALS} subgoals` },
    ]);
  const idx = new Map(goals.map((g, i) => [g.name, i]));
  if (idx.size !== goals.length)
    throw new RewardkitError("E_SPEC_INVALID", [
      { path: "subgoals", message: "subgoal names must be unique" },
    ]);
  const pre = goals.map((g, i) => {
    if (order === "sequence") return i === 0 ? 0 : 1 << (i - 1);
    if (order === "set") return 0;
    let m = 0;
    for (const a of g.after ?? []) {
      const j = idx.get(a);
      if (j === undefined)
        throw new RewardkitError("E_SPEC_INVALID", [
          { path: `subgoals.${g.name}.after`, message: `unknown subgoal "${a}"` },
        ]);
      m |= 1 << j;
    }
    return m;
  });
  const full = (1 << goals.length) - 1;
  const edges: RmEdge[] = [];
  const reach = new Set<number>([0]);
  const queue = [0];
  for (let h = 0; h < queue.length; h++) {
    const S = queue[h]!;
    if (S === full) continue;
    const en = goals.map((_, i) => i).filter((i) => !(S & (1 << i)) && (pre[i]! & S) === pre[i]);
    for (let c = 0; c < 1 << en.length; c++) {
      let T = S;
      const guard: Guard = [[]];
      en.forEach((g, k) => {
        const on = (c & (1 << k)) !== 0;
        if (on) T |= 1 << g;
        guard[0]!.push({ prop: goals[g]!.name, positive: on });
      });
      edges.push({ from: S, to: T, guard, reward: reward * (popcount(T) - popcount(S)) });
      if (reach.has(T)) continue;
      reach.add(T);
      queue.push(T);
    }
  }
  if (!reach.has(full))
    throw new RewardkitError("E_SPEC_INVALID", [
      { path: "subgoals", message: "the order has a cycle: not every subgoal can be reached" },
    ]);
  return new RewardMachine(0, new Set([full]), edges);
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

/** One option: a maximal run of steps in one machine state, ending where the state changes (or the trace ends). */
export interface OptionSegment {
  /** First and one-past-last step index. */
  start: number;
  end: number;
  from: number;
  to: number;
  /** Subgoals completed by the segment's last step. */
  achieved: string[];
  /** Whether the option terminated (state changed) rather than ran out of trace. */
  terminated: boolean;
  /** Sum of the segment's per-step rewards, discounted from its start. */
  return: number;
}

/**
 * Splits a run of a subgoal machine into options at machine-state changes (HRM: an option ends when the
 * machine state changes). `states` has one more entry than `rewards`.
 * @example segmentOptions([0, 0, 1, 1], [0, 1, 0], goals, 1)
 */
export function segmentOptions(
  states: readonly number[],
  rewards: ArrayLike<number>,
  goals: readonly Subgoal[],
  gamma = 1,
): OptionSegment[] {
  const out: OptionSegment[] = [];
  let start = 0;
  const T = rewards.length;
  for (let t = 0; t < T; t++) {
    const changed = states[t + 1] !== states[t];
    if (!changed && t < T - 1) continue;
    let ret = 0;
    for (let k = t; k >= start; k--) ret = rewards[k]! + gamma * ret;
    const from = states[start]!;
    const to = states[t + 1]!;
    out.push({
      start,
      end: t + 1,
      from,
      to,
      achieved: goals.filter((_, i) => (to & (1 << i)) !== 0 && !(from & (1 << i))).map((g) => g.name),
      terminated: changed,
      return: ret,
    });
    start = t + 1;
  }
  return out;
}

const params = z.strictObject({
  subgoals: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.:]*$/),
        after: z.array(z.string()).optional(),
      }),
    )
    .min(1),
  order: z.enum(["sequence", "set", "dag"]).default("sequence"),
  /** Machine reward per subgoal completed. */
  reward: z.number().default(1),
  /** Option-termination reward when the option reaches its target subgoal (HRM's r_max). */
  r_max: z.number().default(0),
  /** Option-termination reward when it terminates any other way (HRM's r_min). */
  r_min: z.number().default(0),
  gamma: z.number().min(0).max(1).default(1),
  propositions: z.record(z.string(), propositionSchema).default({}),
  threshold: z.union([z.number(), z.record(z.string(), z.number())]).default(0.5),
});

/**
 * `temporal.subgoals`: CALM-style subgoals (each a proposition: a step event, a declared predicate or a
 * verifier/judge in `verifiers`) ordered as a sequence, set or DAG, compiled to a reward machine. Steps get
 * the machine reward plus an option-termination reward at each segment end: `r_max` if the option reached
 * its target subgoal (the step's `meta.subgoal` at the segment start, else any enabled subgoal), `r_min`
 * otherwise (a different subgoal). `info.segments` holds the options and their returns.
 * (CALM, arXiv 2409.12798; HRM option rewards, Toro Icarte et al., arXiv 2010.03950)
 * @example { kind: temporal.subgoals, order: sequence, subgoals: [{ name: search }, { name: answer }] }
 */
export const subgoalKind: KindDefinition<z.infer<typeof params>> = {
  kind: "temporal.subgoals",
  version: 1,
  summary:
    "CALM subgoals (sequence, set or DAG) as a reward machine, with option segmentation and r_max/r_min.",
  params,
  children: { verifiers: "named" },
  optionalChildren: ["verifiers"],
  build(p, children, ctx) {
    const goals = p.subgoals as Subgoal[];
    const rm = subgoalMachine(goals, p.order, p.reward);
    const verifiers = children.verifiers as Record<string, Reward> | undefined;
    const labeller = makeLabeller(p.propositions, verifiers, p.threshold);
    return defineReward({
      kind: "temporal.subgoals",
      ...(ctx.name !== undefined ? { name: ctx.name } : {}),
      params: verifiers
        ? { ...p, verifiers: Object.fromEntries(Object.entries(verifiers).map(([k, v]) => [k, v.spec])) }
        : p,
      score: (r, _p, c) =>
        then(labeller.label(r, c), (trace) => {
          if (!trace.length) return fail("invalid_input", "this rollout has no steps");
          const { states, rewards } = rm.run(trace);
          const steps = Float64Array.from(rewards);
          const raw = segmentOptions(states, rewards, goals);
          for (const s of raw) {
            if (!s.terminated) continue;
            const meta = r.steps?.[s.start]?.meta?.subgoal;
            const target = typeof meta === "string" ? meta : undefined;
            const hit = target === undefined ? s.achieved.length > 0 : s.achieved.includes(target);
            steps[s.end - 1] = steps[s.end - 1]! + (hit ? p.r_max : p.r_min);
          }
          const segments = segmentOptions(states, steps, goals, p.gamma);
          let score = 0;
          for (const v of steps) score += v;
          return ok(score, {
            steps: Array.from(steps),
            info: {
              states,
              done: goals.filter((_, i) => states.at(-1)! & (1 << i)).map((g) => g.name),
              segments,
            },
          });
        }),
    });
  },
};
