// Public API of the runtime: the Runtime, the scoring service, advantages over scored rows, defaults.
export { advantagesFromRows, type RowAdvantageOptions, type RowAdvantages } from "./advantages.ts";
export { poolDefaults, scoringDefaults, serverDefaults } from "./defaults.ts";
export { defaultLimits, type Limits } from "./limits.ts";
export type { StoredResponse } from "./replay-cache.ts";
export { type Executor, type ReplayKey, Runtime, type RuntimeOptions } from "./runtime.ts";
export { type ScoreOutcome, type ScoreRequest, scoreRequest } from "./score-request.ts";
export { type ServedSpec, serveSpecs } from "./spec-set.ts";
