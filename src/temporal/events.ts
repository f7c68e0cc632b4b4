import { z } from "zod";
import { RewardkitError } from "../core/errors.ts";
import { all, RewardFailure, then } from "../core/result.ts";
import type { MaybePromise, Message, Reward, RewardContext, Rollout, Step } from "../core/types.ts";
import { compileUserRegex } from "../verifiers/format/regex.ts";

/**
 * How a proposition is decided at a step, besides the step's own `events`: a tool-call name, a regex over the
 * step's text, or (via the kind's `verifiers` map) any reward kind scored on the step and thresholded.
 * Regexes run on V8's linear-time engine (no backreferences, lookaround or `i` flag).
 * @example { tool: "search" } or { regex: "[Cc]onfirm" }
 */
export const propositionSchema = z.union([
  z.strictObject({ tool: z.string().min(1) }),
  z.strictObject({
    regex: z.string().min(1),
    flags: z
      .string()
      .regex(/^[imsu]*$/)
      .default(""),
  }),
]);
export type PropositionSpec = z.infer<typeof propositionSchema>;

/**
 * The steps of a rollout as a trace: `rollout.steps` when given, else one step per message of a chat
 * completion, else the whole completion as one step.
 * @example traceSteps({ completion: "hi" }) // [{ text: "hi" }]
 */
export function traceSteps(r: Rollout): Step[] {
  if (r.steps?.length) return r.steps;
  if (Array.isArray(r.completion))
    return r.completion.map((m: Message) => ({
      text: typeof m.content === "string" ? m.content : (m.content ?? []).map((p) => p.text ?? "").join(""),
      kind: m.role,
      ...(m.tool_calls ? { tool_calls: m.tool_calls } : {}),
    }));
  return r.completion ? [{ text: r.completion }] : [];
}

/** Names of the tools a step calls: `tool_calls[].function.name`, or `name`/`tool` of a tool-call step. */
export function toolNames(s: Step): string[] {
  const out: string[] = [];
  const calls = s.tool_calls;
  if (Array.isArray(calls))
    for (const c of calls) {
      const n = (c as { function?: { name?: unknown } })?.function?.name;
      if (typeof n === "string") out.push(n);
    }
  if (s.kind === "tool_call" || s.kind === "tool") {
    if (typeof s.name === "string") out.push(s.name);
    if (typeof s.tool === "string") out.push(s.tool);
  }
  return out;
}

/** Compiled propositions: decides the set of true propositions of each step of a rollout. */
export interface Labeller {
  label(r: Rollout, ctx: RewardContext): MaybePromise<Set<string>[]>;
}

/**
 * Builds the labeller of a spec: a step's true propositions are its `events` (strings), plus every declared
 * predicate that holds, plus every verifier whose score on the step (as a one-step rollout) reaches its threshold.
 * @example makeLabeller({ searched: { tool: "search" } }).label(rollout, {})
 */
export function makeLabeller(
  props: Record<string, PropositionSpec>,
  verifiers: Record<string, Reward> = {},
  threshold: number | Record<string, number> = 0.5,
): Labeller {
  const preds = Object.entries(props).map(([name, p]) => {
    if ("tool" in p) return { name, test: (s: Step) => toolNames(s).includes(p.tool) };
    // V8's linear-time engine: step text is adversarial, so no backtracking pattern can hang scoring.
    let re: RegExp;
    try {
      re = compileUserRegex(p.regex, p.flags, "linear");
    } catch (e) {
      throw new RewardkitError("E_SPEC_INVALID", [
        { path: `propositions.${name}.regex`, message: e instanceof Error ? e.message : String(e) },
      ]);
    }
    return { name, test: (s: Step) => typeof s.text === "string" && re.test(s.text) };
  });
  const vs = Object.entries(verifiers);
  const thr = (n: string) => (typeof threshold === "number" ? threshold : (threshold[n] ?? 0.5));
  return {
    label(r, ctx) {
      const steps = traceSteps(r);
      const sets = steps.map((s, i) => {
        if (s === null || typeof s !== "object" || Array.isArray(s))
          throw new RewardFailure("invalid_input", `steps[${i}] is not an object`);
        const set = new Set<string>();
        if (Array.isArray(s.events)) for (const e of s.events) if (typeof e === "string") set.add(e);
        for (const p of preds) if (p.test(s)) set.add(p.name);
        return set;
      });
      if (!vs.length) return sets;
      const jobs: MaybePromise<void>[] = [];
      steps.forEach((s, i) => {
        const one: Rollout = { ...r, completion: s.text ?? "", steps: [s] };
        for (const [name, v] of vs)
          jobs.push(
            then(v.score(one, ctx), (res) => {
              if (res.score !== null && res.score >= thr(name)) sets[i]!.add(name);
            }),
          );
      });
      return then(all(jobs), () => sets);
    },
  };
}
