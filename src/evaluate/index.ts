// Public API of src/evaluate.
export * from "./accuracy.ts";
export * from "./best-of-n.ts";
export * from "./calibration.ts";
export * from "./consistency.ts";
export * from "./length-bias.ts";
export * from "./probes.ts";
export * from "./report.ts";
export * from "./reward-fusion.ts";
export * from "./rewardbench-sections.ts";
export * from "./scorer.ts";
export * from "./stats.ts";
export * from "./svg.ts";
export * from "./tie-accuracy.ts";
