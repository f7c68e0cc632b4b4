// Public API of the server: the HTTP app over a Runtime, and the socket server with graceful drain.
export { type AppOptions, createApp, type RewardApp } from "./app.ts";
export { DEFAULT_TRAILING_TOKENS, type OpenRLHFResponse, toOpenRLHF } from "./openrlhf.ts";
export { HttpProblem, type ProblemBody, problemFromError } from "./problem.ts";
export { RedisReplayStore } from "./redis-replay-store.ts";
export { type RunningServer, type ServeOptions, startServer } from "./serve.ts";
