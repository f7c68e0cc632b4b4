import type { RewardResult, Rollout } from "../../src/core/types.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { Registry } from "../../src/spec/registry.ts";
import { groundingKinds } from "../../src/verifiers/grounding-kinds.ts";

const registry = new Registry().add(...groundingKinds);

/** Compiles one node of the B library and scores a rollout synchronously. */
export function run(node: Record<string, unknown>, rollout: Rollout): RewardResult {
  const reward = compileNode(node, { registry });
  const out = reward.score(rollout, {});
  if (out instanceof Promise) throw new Error("expected a synchronous result");
  return out;
}

/** Asserts that `a` is within `eps` of `b`. */
export function close(a: number | null | undefined, b: number, eps = 1e-9): void {
  if (typeof a !== "number" || Math.abs(a - b) > eps) throw new Error(`expected ${b} ± ${eps}, got ${a}`);
}

/** Malformed completions every kind must survive without throwing or hanging. */
export const MALFORMED: unknown[] = [
  "",
  "<answer>",
  "<answer>12 - ",
  "<answer></answer><answer></answer>",
  "NaN - Infinity",
  `<answer>${"1".repeat(200_000)}</answer>`,
  `${"<answer>".repeat(20_000)}`,
  `${"1:2:3:".repeat(50_000)}`,
  `${"[1,2,3,".repeat(30_000)}`,
  '{"answer": [1, 2',
  "\u0000\uFFFF\uD800",
];

/** Asserts that a result is either a finite score or a typed error (never a thrown exception, never NaN). */
export function wellFormed(r: RewardResult): void {
  if (r.score === null) {
    if (r.error && (typeof r.error.kind !== "string" || typeof r.error.message !== "string"))
      throw new Error("error without kind/message");
    return;
  }
  if (!Number.isFinite(r.score)) throw new Error(`non-finite score ${r.score}`);
}
