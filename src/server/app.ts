import { Hono } from "hono";
import type { PoolStats } from "../pool/pool.ts";
import { type Executor, Runtime, type RuntimeOptions } from "../runtime/runtime.ts";
import { type ServedSpec, serveSpecs } from "../runtime/spec-set.ts";
import type { CompiledSpec } from "../spec/spec.ts";
import { type AccessLogEntry, asProblem, InflightTracker, type ServerContext } from "./context.ts";
import { ServerMetrics } from "./metrics.ts";
import { advantageRoutes } from "./routes/advantages.ts";
import { getRewardRoutes } from "./routes/get-reward.ts";
import { graderRoutes } from "./routes/graders.ts";
import { healthRoutes } from "./routes/health.ts";
import { scoreRoutes } from "./routes/score.ts";

export type { AccessLogEntry } from "./context.ts";

/** Counters of the worker pool, when one is attached (the pool's own stats shape). */
export type ExecutorStats = PoolStats;

/** Options of `createApp`: the specs, and either a runtime or the options to make one. */
export interface AppOptions extends RuntimeOptions {
  /** Specs served by name; the first is the default when a request names none. */
  specs: readonly CompiledSpec[];
  /** The runtime to score with (its pool, limits, queue, replay); made from the other options when absent. */
  runtime?: Runtime;
  /** Killable worker pool for rewards that declare isolation (inline when absent). */
  executor?: Executor;
  /** OpenRLHF adapter: value used where a result has no score, and trailing tokens to strip. */
  openrlhf?: { fill?: number; trailingTokens?: readonly string[] };
  /** Called once per request when it ends (the access log; see `createAccessLog`). */
  accessLog?: (entry: AccessLogEntry) => void;
}

/** A created app: the hono instance plus the hooks `serve` needs for draining and metrics. */
export interface RewardApp {
  app: Hono;
  runtime: Runtime;
  metrics: ServerMetrics;
  specs: Map<string, ServedSpec>;
  /** Stop taking work: scoring routes answer 503 and `/healthz` answers 503. */
  startDrain(): void;
  /** Requests currently being handled (not counting `/healthz` and `/metrics`). */
  inflight(): number;
  /** Resolves when no request is in flight. */
  idle(): Promise<void>;
  /** Ends scoring in flight: unfinished items are answered with `timeout` errors carrying `reason`. */
  abortScoring(reason: string): void;
}

/**
 * Builds the HTTP app (routes only, no sockets) over a `Runtime`: `POST /v1/score`, `POST /get_reward`
 * (OpenRLHF), `POST /v1/graders/validate` and `/v1/graders/run` (OpenAI graders), `POST /v1/advantages`,
 * `GET /healthz`, `GET /metrics`. Routes only translate; library errors become HTTP problems in one place.
 * @example
 * const { app } = createApp({ specs: [compileSpec(parseSpecText(text), { registry: defaultRegistry })] });
 * const res = await app.request("/v1/score", { method: "POST", body: JSON.stringify({ rollouts: [] }) });
 */
export function createApp(opts: AppOptions): RewardApp {
  if (!opts.specs.length) throw new Error("createApp needs at least one spec");
  const runtime = opts.runtime ?? new Runtime(opts);
  const metrics = new ServerMetrics();
  const specs = serveSpecs(opts.specs, (kind) => metrics.rewardDuration.handle({ kind }));
  const s: ServerContext = {
    runtime,
    metrics,
    specs,
    defaultSpec: specs.get(opts.specs[0]!.spec.name)!,
    openrlhf: opts.openrlhf ?? {},
    inflight: new InflightTracker(),
    openrlhfKeys: new Map(),
    ...(opts.accessLog ? { accessLog: opts.accessLog } : {}),
  };
  registerGauges(s);

  const app = new Hono();
  app.onError((e, c) => {
    const p = asProblem(e);
    if (p) {
      metrics.rejected.inc({ reason: p.body.limit ?? p.body.code });
      for (const [k, v] of Object.entries(p.headers)) c.header(k, v);
      return c.json({ error: p.body }, p.status);
    }
    return c.json(
      { error: { code: "E_INTERNAL", message: e instanceof Error ? e.message : String(e) } },
      500,
    );
  });
  app.notFound((c) =>
    c.json({ error: { code: "E_NOT_FOUND", message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );
  scoreRoutes(app, s);
  getRewardRoutes(app, s);
  graderRoutes(app, s);
  advantageRoutes(app, s);
  healthRoutes(app, s);

  return {
    app,
    runtime,
    metrics,
    specs,
    startDrain: () => runtime.startDrain(),
    inflight: () => s.inflight.active,
    idle: () => s.inflight.idle(),
    abortScoring: (reason) => runtime.abortScoring(reason),
  };
}

/** Gauges read at scrape time: queue, requests in flight, draining, and the pool's counters. */
function registerGauges(s: ServerContext): void {
  const { metrics, runtime } = s;
  metrics.gauge({
    name: "rewardkit_queue_items",
    help: "Rollouts queued or being scored.",
    read: () => runtime.queue.pendingItems,
  });
  metrics.gauge({
    name: "rewardkit_inflight_requests",
    help: "Requests being handled.",
    read: () => s.inflight.active,
  });
  metrics.gauge({
    name: "rewardkit_draining",
    help: "1 while shutting down.",
    read: () => (runtime.draining ? 1 : 0),
  });
  const executor = runtime.executor;
  if (!executor?.stats) return;
  const stats = executor.stats.bind(executor);
  const pool: [string, string, (p: PoolStats) => number][] = [
    ["rewardkit_pool_workers", "Pool size.", (p) => p.size],
    ["rewardkit_pool_alive", "Pool workers ready.", (p) => p.alive],
    ["rewardkit_pool_busy", "Pool workers scoring.", (p) => p.busy],
    ["rewardkit_pool_queue_depth", "Items waiting for a worker.", (p) => p.queued],
    ["rewardkit_pool_restarts", "Workers replaced (timeout, OOM, crash).", (p) => p.restarts],
    ["rewardkit_pool_timeouts", "Items that hit their deadline.", (p) => p.timeouts],
  ];
  for (const [name, help, f] of pool) metrics.gauge({ name, help, read: () => f(stats()) });
}
