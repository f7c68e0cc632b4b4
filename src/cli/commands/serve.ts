import { type Command, InvalidArgumentError } from "commander";
import { RewardkitError } from "../../core/errors.ts";
import { RunRecorder } from "../../runs/recorder.ts";
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
      "--record <dir>",
      "also record every scored rollout into a run directory (bounded queue, off the hot path)",
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
      const recorder = o.record ? new RunRecorder(o.record, { spec: specs[0]!.spec }) : undefined;
      const srv = await startServer({
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
        ...(o.registryModule ? { registryModule: o.registryModule } : {}),
      });
      // The command lasts as long as the server: SIGTERM/SIGINT drain it, then the process exits.
      await srv.stopped;
      await recorder?.close();
    });
}
