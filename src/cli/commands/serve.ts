import type { Command } from "commander";
import { RewardkitError } from "../../core/errors.ts";
import { setSharedCache } from "../../judges/cache.ts";
import { RedisJudgeCache } from "../../judges/redis-cache.ts";
import { RunRecorder } from "../../runs/recorder.ts";
import { poolDefaults, scoringDefaults, serverDefaults } from "../../runtime/defaults.ts";
import { defaultLimits, type Limits } from "../../runtime/limits.ts";
import { RedisReplayStore } from "../../server/redis-replay-store.ts";
import { ListenError, startServer } from "../../server/serve.ts";
import type { CompiledSpec } from "../../spec/spec.ts";
import { collect, numberFlag } from "../flags.ts";
import { loadRegistryModule } from "../registry-module.ts";
import { loadSpecFile } from "../../runtime/spec-file.ts";

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
    .option("--host <host>", "address to listen on", serverDefaults.host)
    .option(
      "--port <port>",
      "port (0 picks a free one)",
      numberFlag("--port", { int: true, min: 0 }),
      serverDefaults.port,
    )
    .option(
      "--workers <n>",
      "worker threads for isolated rewards (0 = none; default min(cores, 4) when needed)",
      numberFlag("--workers", { int: true, min: 0 }),
    )
    .option(
      "--deadline-ms <ms>",
      "per-item deadline for isolated rewards",
      numberFlag("--deadline-ms", { int: true, min: 1 }),
      scoringDefaults.deadlineMs,
    )
    .option(
      "--heap-mb <mb>",
      "heap limit per worker",
      numberFlag("--heap-mb", { int: true, min: 16 }),
      poolDefaults.heapMb,
    )
    .option(
      "--max-body-bytes <n>",
      "request body limit",
      numberFlag("--max-body-bytes", { int: true, min: 1 }),
      defaultLimits.max_body_bytes,
    )
    .option(
      "--max-rollouts <n>",
      "rollouts per request",
      numberFlag("--max-rollouts", { int: true, min: 1 }),
      defaultLimits.max_rollouts,
    )
    .option(
      "--max-completion-chars <n>",
      "characters per completion",
      numberFlag("--max-completion-chars", { int: true, min: 1 }),
      defaultLimits.max_completion_chars,
    )
    .option(
      "--max-steps <n>",
      "steps per rollout",
      numberFlag("--max-steps", { int: true, min: 0 }),
      defaultLimits.max_steps,
    )
    .option(
      "--max-json-depth <n>",
      "JSON nesting depth",
      numberFlag("--max-json-depth", { int: true, min: 2 }),
      defaultLimits.max_json_depth,
    )
    .option(
      "--max-pending <n>",
      "rollouts queued or scoring before 503 + Retry-After",
      numberFlag("--max-pending", { int: true, min: 1 }),
      serverDefaults.maxPendingItems,
    )
    .option(
      "--drain-ms <ms>",
      "on SIGTERM, how long requests in flight may finish (then unfinished items answer `timeout`)",
      numberFlag("--drain-ms", { int: true, min: 0 }),
      serverDefaults.drainMs,
    )
    .option(
      "--fill <x>",
      "OpenRLHF: reward sent where a result has no score (flagged in extra_logs)",
      numberFlag("--fill"),
      0,
    )
    .option(
      "--registry-module <url>",
      "module (path or URL) exporting `registry` with extra kinds, for the specs and the worker pool",
    )
    .option(
      "--access-log <on|off>",
      "one JSON line per request on stdout (default: on unless stdout is a terminal)",
    )
    .option(
      "--cache <url>",
      "Redis shared by replicas (redis://host:port): judge answers (SET NX EX, coalesced) and replay",
    )
    .option(
      "--record <dir>",
      "also record every scored rollout into a run directory (bounded queue, off the hot path)",
    )
    .action(async (o) => {
      // A bad spec or module throws a RewardkitError: `main` prints the path and reason and exits 2.
      const extra = o.registryModule ? await loadRegistryModule(o.registryModule) : undefined;
      const specs: CompiledSpec[] = (o.spec as string[]).map((f) => loadSpecFile(f, extra?.registry));
      if (o.accessLog !== undefined && o.accessLog !== "on" && o.accessLog !== "off") {
        throw new RewardkitError("E_FLAG_INVALID", [
          { path: "--access-log", message: `expected on or off, got ${o.accessLog}` },
        ]);
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
      const recorder = o.record ? new RunRecorder(o.record, { spec: specs[0]!.spec }) : undefined;
      let srv: Awaited<ReturnType<typeof startServer>>;
      try {
        srv = await startServer({
          ...(replayStore ? { replay: { ...serverDefaults.replay, store: replayStore } } : {}),
          ...(recorder ? { onScored: (_s, r, res, step, ms) => recorder.record(r, res, step, ms) } : {}),
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
          ...(extra ? { registryModule: extra.url } : {}),
          ...(o.accessLog !== undefined ? { accessLog: o.accessLog === "on" } : {}),
        });
      } catch (e) {
        if (!(e instanceof ListenError)) throw e;
        // One line, no stack: the port is taken (or not ours to take).
        process.stderr.write(`rewardkit serve: ${e.message}\n`);
        await recorder?.close();
        process.exitCode = 2;
        return;
      }
      // The command lasts as long as the server: SIGTERM/SIGINT drain it, then the process exits.
      await srv.stopped;
      await recorder?.close();
    });
}
