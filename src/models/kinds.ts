import type { KindDefinition } from "../spec/registry.ts";

/** Reward kinds of trained reward models (model.bt and ensembles). */
export const modelKinds: KindDefinition[] = [];
