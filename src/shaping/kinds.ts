import type { KindDefinition } from "../spec/registry.ts";

/** Reward kinds of score-level shaping nodes. */
export const shapingKinds: KindDefinition[] = [];
