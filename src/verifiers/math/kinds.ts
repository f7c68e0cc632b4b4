import type { KindDefinition } from "../../spec/registry.ts";

/** Reward kinds of math.equivalent (math answer verification). */
export const mathKinds: KindDefinition[] = [];
