import type { KindDefinition } from "../spec/registry.ts";

/** Reward kinds of LLM judges and remote reward models. */
export const judgeKinds: KindDefinition[] = [];
