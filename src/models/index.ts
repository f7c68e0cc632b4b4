// Public API of src/models.
export * from "./ensemble.ts";
export * from "./features.ts";
export * from "./hash.ts";
export * from "./kinds.ts";
export * from "./math.ts";
export * from "./model.ts";
export * from "./objectives.ts";
export * from "./optimizer.ts";
export * from "./pal-few-shot.ts";
export * from "./persist.ts";
export * from "./preference-data.ts";
export * from "./rng.ts";
export * from "./sparse.ts";
export * from "./text-stats.ts";
export * from "./train.ts";
export * from "./vpl.ts";
