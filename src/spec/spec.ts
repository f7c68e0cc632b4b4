import { z } from "zod";
import { type Issue, RewardkitError } from "../core/errors.ts";
import type { NodeSpec, Reward, Rollout } from "../core/types.ts";
import { type CompileOptions, compileNode } from "./compile.ts";
import { zodIssues } from "./zod-issues.ts";

/** An example in a spec: a rollout and what it must score. */
export interface SpecExample {
  name?: string;
  rollout: Rollout;
  expect: { score?: number | null; components?: Record<string, number | null>; error?: string };
  tolerance?: number;
}

/** A reward spec as written in YAML/JSON. */
export interface RewardSpec {
  name: string;
  version?: string | number;
  description?: string;
  reward: NodeSpec;
  examples?: SpecExample[];
  /** Execution defaults: per-item deadline for isolated rewards. */
  execution?: { deadline_ms?: number };
}

const rolloutShape = z.looseObject({
  completion: z.union([z.string(), z.array(z.looseObject({ role: z.string() }))]),
});

/** The top-level shape of a spec (the reward tree itself is checked by the compiler against the registry). */
export const specShape = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  version: z.union([z.string(), z.number()]).optional(),
  description: z.string().optional(),
  reward: z.looseObject({ kind: z.string() }),
  examples: z
    .array(
      z.strictObject({
        name: z.string().optional(),
        rollout: rolloutShape,
        expect: z.strictObject({
          score: z.number().nullable().optional(),
          components: z.record(z.string(), z.number().nullable()).optional(),
          error: z.string().optional(),
        }),
        tolerance: z.number().min(0).optional(),
      }),
    )
    .optional(),
  execution: z.strictObject({ deadline_ms: z.number().int().positive().optional() }).optional(),
});

/** A spec compiled into a reward, with its examples and execution defaults. */
export interface CompiledSpec {
  spec: RewardSpec;
  reward: Reward;
}

/**
 * Validates and compiles a spec object; throws `RewardkitError` listing every problem with its path.
 * @example const { reward } = compileSpec({ name: "demo", reward: { kind: "text.exact" } }, { registry: defaultRegistry });
 */
export function compileSpec(raw: unknown, opts: CompileOptions): CompiledSpec {
  const top = specShape.safeParse(raw, { reportInput: true });
  const issues: Issue[] = top.success
    ? []
    : zodIssues([], top.error.issues).filter((i) => !i.path.startsWith("reward."));
  let reward: Reward | undefined;
  if (raw && typeof raw === "object" && "reward" in raw) {
    try {
      reward = compileNode((raw as { reward: unknown }).reward, opts, ["reward"]);
    } catch (e) {
      if (e instanceof RewardkitError) issues.push(...e.issues);
      else throw e;
    }
  } else if (!issues.some((i) => i.path === "reward")) issues.push({ path: "reward", message: "required" });
  if (issues.length || !reward) throw new RewardkitError("E_SPEC_INVALID", issues);
  return { spec: raw as RewardSpec, reward };
}

/**
 * Declares a spec in TypeScript with editor help; returns it unchanged.
 * @example export default defineSpec({ name: "math", reward: { kind: "math.equivalent" } })
 */
export function defineSpec(spec: RewardSpec): RewardSpec {
  return spec;
}
