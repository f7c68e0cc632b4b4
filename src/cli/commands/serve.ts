import { type Command, InvalidArgumentError } from "commander";
import { RewardkitError } from "../../core/errors.ts";
import { setSharedCache } from "../../judges/cache.ts";
import { RedisJudgeCache } from "../../judges/redis-cache.ts";
import { RedisReplayStore } from "../../server/redis-replay-store.ts";
import { defaultLimits, type Limits } from "../../server/limits.ts";
import { startServer } from "../../server/serve.ts";
import type { CompiledSpec } from "../../spec/spec.ts";
import { loadSpecFile } from "../spec-file.ts";

const int =
  (name: string, min = 0) =>
  (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
    return n;
  };
const num = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`${name} must be a number`);
  return n;
};
const collect = (v: string, prev: string[] = []) => [...prev, v];

/**
 * Registers `rewardkit serve --spec S [--spec S2 ...] [--host 127.0.0.1] [--port 8000] [--workers N]`.
 * @example rewardkit serve --spec math.yaml --spec format.yaml --port 8000 --workers 4
 */
export function register(program: Command): void {
  program
    .command("serve")
    .description(
      "serve specs over HTTP: /v1/score, /get_reward (OpenRLHF), /v1/graders/*, /healthz, /metrics",
    )
    .requiredOption(
      "--spec <file>",
      "spec file (repeat to serve several, by their names; the first is the default)",
      collect,
    )
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port (0 picks a free one)", int("--port"), 8000)
    .option(
      "--workers <n>",
      "worker threads for isolated rewards (0 = none; default min(cores, 4) when needed)",
      int("--workers"),
    )
    .option("--deadline-ms <ms>", "per-item deadline for isolated rewards", int("--deadline-ms", 1), 5000)
    .option("--heap-mb <mb>", "heap limit per worker", int("--heap-mb", 16), 512)
    .option(
      "--max-body-bytes <n>",
      "request body limit",
      int("--max-body-bytes", 1),
      defaultLimits.max_body_bytes,
    )
    .option(
      "--max-rollouts <n>",
      "rollouts per request",
      int("--max-rollouts", 1),
      defaultLimits.max_rollouts,
    )
    .option(
      "--max-completion-chars <n>",
      "characters per completion",
      int("--max-completion-chars", 1),
      defaultLimits.max_completion_chars,
    )
    .option("--max-steps <n>", "steps per rollout", int("--max-steps", 0), defaultLimits.max_steps)
    .option(
      "--max-json-depth <n>",
      "JSON nesting depth",
      int("--max-json-depth", 2),
      defaultLimits.max_json_depth,
    )
    .option(
      "--max-pending <n>",
      "rollouts queued or scoring before 503 + Retry-After",
      int("--max-pending", 1),
      65_536,
    )
    .option(
      "--drain-ms <ms>",
      "on SIGTERM, how long requests in flight may finish",
      int("--drain-ms", 0),
      30_000,
    )
    .option(
      "--fill <x>",
      "OpenRLHF: reward sent where a result has no score (flagged in extra_logs)",
      num("--fill"),
      0,
    )
    .option(
      "--registry-module <url>",
      "module exporting `registry` with extra kinds (used by the worker pool too)",
    )
    .option(
      "--cache <url>",
      "Redis shared by replicas (redis://host:port): judge answers (SET NX EX, coalesced) and replay",
    )
    .action(async (o) => {
      let specs: CompiledSpec[];
      try {
        specs = (o.spec as string[]).map((f) => loadSpecFile(f));
      } catch (e) {
        if (e instanceof RewardkitError) {
          process.stderr.write(`${e.code}\n${e.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw e;
      }
      const limits: Limits = {
        max_body_bytes: o.maxBodyBytes,
        max_rollouts: o.maxRollouts,
        max_completion_chars: o.maxCompletionChars,
        max_steps: o.maxSteps,
        max_json_depth: o.maxJsonDepth,
      };
      // Shared by every replica pointed at the same Redis: one judge call per prompt, replay across replicas.
      const judgeCache = o.cache ? new RedisJudgeCache(o.cache) : undefined;
      const replayStore = o.cache ? new RedisReplayStore(o.cache) : undefined;
      if (judgeCache && replayStore) {
        await Promise.all([judgeCache.ready(), replayStore.ready()]).catch((e: Error) => {
          throw new RewardkitError("E_FLAG_INVALID", [{ path: "--cache", message: e.message }]);
        });
        setSharedCache(judgeCache);
      }
      const srv = await startServer({
        ...(replayStore ? { replay: { maxEntries: 2048, maxBytes: 64 << 20, store: replayStore } } : {}),
        specs,
        host: o.host,
        port: o.port,
        ...(o.workers !== undefined ? { workers: o.workers } : {}),
        deadlineMs: o.deadlineMs,
        heapMb: o.heapMb,
        limits,
        maxPendingItems: o.maxPending,
        drainMs: o.drainMs,
        openrlhf: { fill: o.fill },
        ...(o.registryModule ? { registryModule: o.registryModule } : {}),
      });
      // The command lasts as long as the server: SIGTERM/SIGINT drain it, then the process exits.
      await srv.stopped;
    });
}
