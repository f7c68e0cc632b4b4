import { type Context, Hono } from "hono";
import { scoreBatch } from "../core/evaluate.ts";
import { advantagesHttp } from "../credit/api.ts";
import type { IsolatedExecutor, RewardResult, Rollout } from "../core/types.ts";
import type { CompiledSpec } from "../spec/spec.ts";
import { brief } from "../spec/zod-issues.ts";
import { graderRoutes } from "./grader-routes.ts";
import { parseJsonBody, readBodyText } from "./json-body.ts";
import { defaultLimits, type Limits } from "./limits.ts";
import { ServerMetrics } from "./metrics.ts";
import { openrlhfRollouts, toOpenRLHF } from "./openrlhf.ts";
import { badRequest, HttpProblem } from "./problem.ts";
import { ReplayCache, type StoredResponse } from "./replay-cache.ts";
import { requestSignal } from "./request-signal.ts";
import { finiteResult, serializeResults } from "./serialize-results.ts";
import { type ServedSpec, serveSpecs } from "./spec-set.ts";
import { checkRollouts } from "./validate-rollouts.ts";
import { WorkQueue } from "./work-queue.ts";
import type { PoolStats } from "../pool/pool.ts";

/** Counters of the worker pool, when one is attached (the pool's own stats shape). */
export type ExecutorStats = PoolStats;

/** Options of `createApp`. */
export interface AppOptions {
  /** Specs served by name; the first is the default when a request names none. */
  specs: readonly CompiledSpec[];
  /** Killable worker pool for rewards that declare isolation (inline when absent). */
  executor?: IsolatedExecutor & { stats?(): ExecutorStats };
  /** Pool queue depth beyond which requests get 503 (default 10,000 items). */
  poolQueueLimit?: number;
  /** Per-item deadline for isolated rewards, when the spec sets none (default 5000 ms). */
  deadlineMs?: number;
  limits?: Partial<Limits>;
  /** Rollouts queued or being scored beyond which requests get 503 + Retry-After (default 65,536). */
  maxPendingItems?: number;
  /** Async items of one batch in flight at once (default 4 × pool size, or 64). */
  concurrency?: number;
  /** Replay of identical requests; `false` turns it off (default 2048 entries, 64 MiB). */
  replay?: { maxEntries: number; maxBytes: number } | false;
  /** OpenRLHF adapter: value used where a result has no score, and trailing tokens to strip. */
  openrlhf?: { fill?: number; trailingTokens?: readonly string[] };
  /** Called after each scored batch (e.g. a run recorder); must not block or throw. */
  onScored?: (
    spec: string,
    rollouts: readonly Rollout[],
    results: readonly RewardResult[],
    step: number | undefined,
    msPerRollout: number,
  ) => void;
}

/** A created app: the hono instance plus the hooks `serve` needs for draining and metrics. */
export interface RewardApp {
  app: Hono;
  metrics: ServerMetrics;
  specs: Map<string, ServedSpec>;
  /** Stop taking work: scoring routes answer 503 and `/healthz` answers 503. */
  startDrain(): void;
  /** Requests currently being handled (not counting `/healthz` and `/metrics`). */
  inflight(): number;
  /** Resolves when no request is in flight. */
  idle(): Promise<void>;
}

const TRANSIENT = new Set(["timeout", "upstream", "sandbox", "resource"]);

/**
 * Builds the HTTP app (routes only, no sockets): `POST /v1/score`, `POST /get_reward` (OpenRLHF),
 * `POST /v1/graders/validate` and `/v1/graders/run` (OpenAI graders), `POST /v1/advantages` (credit assignment),
 * `GET /healthz`, `GET /metrics`.
 * @example
 * const { app } = createApp({ specs: [compileSpec(parseSpecText(text), { registry: defaultRegistry })] });
 * const res = await app.request("/v1/score", { method: "POST", body: JSON.stringify({ rollouts: [] }) });
 */
export function createApp(opts: AppOptions): RewardApp {
  if (!opts.specs.length) throw new Error("createApp needs at least one spec");
  const limits: Limits = { ...defaultLimits, ...opts.limits };
  const metrics = new ServerMetrics();
  const specs = serveSpecs(opts.specs, (kind) => metrics.rewardDuration.handle({ kind }));
  const defaultSpec = specs.get(opts.specs[0]!.spec.name)!;
  const queue = new WorkQueue({ maxItems: opts.maxPendingItems ?? 65_536 });
  const replay =
    opts.replay === false
      ? undefined
      : new ReplayCache(opts.replay ?? { maxEntries: 2048, maxBytes: 64 << 20 });
  const idemKeys = new Map<string, string>();
  const executor = opts.executor;
  const poolQueueLimit = opts.poolQueueLimit ?? 10_000;
  const concurrency = opts.concurrency ?? (executor?.stats ? Math.max(4, executor.stats().size * 4) : 64);
  let draining = false;
  let active = 0;
  let idleWaiters: (() => void)[] = [];

  metrics.gauge({
    name: "rewardkit_queue_items",
    help: "Rollouts queued or being scored.",
    read: () => queue.pendingItems,
  });
  metrics.gauge({ name: "rewardkit_inflight_requests", help: "Requests being handled.", read: () => active });
  metrics.gauge({
    name: "rewardkit_draining",
    help: "1 while shutting down.",
    read: () => (draining ? 1 : 0),
  });
  if (executor?.stats) {
    const stats = executor.stats.bind(executor);
    metrics.gauge({ name: "rewardkit_pool_workers", help: "Pool size.", read: () => stats().size });
    metrics.gauge({ name: "rewardkit_pool_alive", help: "Pool workers ready.", read: () => stats().alive });
    metrics.gauge({ name: "rewardkit_pool_busy", help: "Pool workers scoring.", read: () => stats().busy });
    metrics.gauge({
      name: "rewardkit_pool_queue_depth",
      help: "Items waiting for a worker.",
      read: () => stats().queued,
    });
    metrics.gauge({
      name: "rewardkit_pool_restarts",
      help: "Workers replaced (timeout, OOM, crash).",
      read: () => stats().restarts,
    });
    metrics.gauge({
      name: "rewardkit_pool_timeouts",
      help: "Items that hit their deadline.",
      read: () => stats().timeouts,
    });
  }

  const app = new Hono();

  app.onError((e, c) => {
    if (e instanceof HttpProblem) {
      metrics.rejected.inc({ reason: e.body.limit ?? e.body.code });
      for (const [k, v] of Object.entries(e.headers)) c.header(k, v);
      return c.json({ error: e.body }, e.status);
    }
    return c.json(
      { error: { code: "E_INTERNAL", message: e instanceof Error ? e.message : String(e) } },
      500,
    );
  });
  app.notFound((c) =>
    c.json({ error: { code: "E_NOT_FOUND", message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );

  /** Times a route, counts it, and tracks it for draining. */
  const route =
    (name: string, h: (c: Context) => Promise<Response>, work = true) =>
    async (c: Context) => {
      const t0 = performance.now();
      if (work) active++;
      let status = 500;
      try {
        if (work && draining) {
          throw new HttpProblem(
            503,
            { code: "E_DRAINING", message: "server is shutting down; retry on another replica" },
            { "Retry-After": "1", Connection: "close" },
          );
        }
        const res = await h(c);
        status = res.status;
        return res;
      } catch (e) {
        status = e instanceof HttpProblem ? e.status : 500;
        throw e;
      } finally {
        metrics.requests.inc({ route: name, status: String(status) });
        metrics.latency.observe({ route: name }, (performance.now() - t0) / 1000);
        if (work && --active === 0) {
          const ws = idleWaiters;
          idleWaiters = [];
          for (const w of ws) w();
        }
      }
    };

  const overloaded = (why: string) =>
    new HttpProblem(
      503,
      { code: "E_OVERLOADED", message: `over capacity (${why}); retry after the given seconds` },
      { "Retry-After": String(queue.retryAfterSeconds()) },
    );
  const checkCapacity = (n: number) => {
    if (!queue.admit(n)) throw overloaded(`${queue.pendingItems} rollouts pending`);
    const st = executor?.stats?.();
    if (st && st.queued >= poolQueueLimit) throw overloaded(`${st.queued} items waiting for a worker`);
  };

  const readJson = async (c: Context): Promise<{ text: string; body: Record<string, unknown> }> => {
    // On a Node socket, read the request stream directly; in-process (`app.request`) use the web Request.
    const incoming = (c.env as { incoming?: Parameters<typeof readBodyText>[2] } | undefined)?.incoming;
    const text = await readBodyText(c.req.raw, limits.max_body_bytes, incoming);
    const body = parseJsonBody(text, { maxDepth: limits.max_json_depth });
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw badRequest([{ path: "", message: `expected a JSON object, got ${brief(body)}` }]);
    }
    return { text, body: body as Record<string, unknown> };
  };

  const specNamed = (name: unknown, at: string): ServedSpec => {
    if (name === undefined || name === null || name === "") return defaultSpec;
    if (typeof name !== "string")
      throw badRequest([{ path: at, message: `expected a spec name, got ${brief(name)}` }]);
    const s = specs.get(name);
    if (!s) {
      throw new HttpProblem(404, {
        code: "E_UNKNOWN_SPEC",
        path: at,
        message: `no spec named "${name}" (served: ${[...specs.keys()].join(", ")})`,
      });
    }
    return s;
  };

  /** Scores through the queue, serialises, and stores for replay when nothing transient happened. */
  const scoreStored = (
    spec: ServedSpec,
    rollouts: Rollout[],
    ctx: { step?: number; seed?: number },
    shape: (results: RewardResult[]) => { json: string },
  ) => {
    let t0 = 0;
    return (signal: AbortSignal): Promise<StoredResponse> =>
      queue
        .run(rollouts.length, () => {
          t0 = performance.now();
          return scoreBatch(spec.reward, rollouts, {
            signal,
            concurrency,
            deadlineMs: spec.deadlineMs ?? opts.deadlineMs ?? 5000,
            ...(executor ? { executor } : {}),
            ...(ctx.step !== undefined ? { step: ctx.step } : {}),
            ...(ctx.seed !== undefined ? { seed: ctx.seed } : {}),
          });
        })
        .then((raw) => {
          const { results, transient } = checkResults(raw, spec.name);
          metrics.rollouts.inc({ spec: spec.name }, results.length);
          opts.onScored?.(
            spec.name,
            rollouts,
            results,
            ctx.step,
            (performance.now() - t0) / Math.max(1, rollouts.length),
          );
          return {
            status: 200,
            body: shape(results).json,
            contentType: "application/json",
            cacheable: !transient,
          };
        });
  };

  const checkResults = (raw: RewardResult[], specName: string) => {
    let transient = false;
    const results = raw;
    for (let i = 0; i < results.length; i++) {
      const r = (results[i] = finiteResult(results[i]!));
      if (r.error) {
        metrics.errors.inc({ spec: specName, kind: r.error.kind });
        if (TRANSIENT.has(r.error.kind)) transient = true;
      }
    }
    return { results, transient };
  };

  /** Replay, coalesce or compute; answers with the stored bytes and how they were obtained. */
  const answer = async (
    c: Context,
    routeName: string,
    spec: ServedSpec,
    text: string,
    compute: (s: AbortSignal) => Promise<StoredResponse>,
  ) => {
    let stored: StoredResponse;
    let how = "computed";
    if (replay) {
      const key = ReplayCache.keyOf(routeName, spec.hash, text);
      const idem = c.req.header("idempotency-key");
      if (idem) {
        const prev = idemKeys.get(idem);
        if (prev !== undefined && prev !== key) {
          throw new HttpProblem(422, {
            code: "E_IDEMPOTENCY_KEY_REUSED",
            message: "this Idempotency-Key was used with a different request body",
          });
        }
        idemKeys.set(idem, key);
        if (idemKeys.size > 100_000) idemKeys.delete(idemKeys.keys().next().value!);
      }
      const out = await replay.through(key, requestSignal(c), compute);
      stored = out.response;
      how = out.how;
      if (how !== "computed") metrics.cache.inc({ how });
    } else {
      stored = await compute(requestSignal(c));
    }
    return c.body(stored.body, stored.status as 200, {
      "content-type": stored.contentType,
      "x-rewardkit-replay": how,
    });
  };

  app.post(
    "/v1/score",
    route("/v1/score", async (c) => {
      checkCapacity(1);
      const { text, body } = await readJson(c);
      const spec = specNamed(body.spec, "spec");
      const rollouts = checkRollouts(body.rollouts, "rollouts", limits);
      const ctx = stepAndSeed(body);
      if (rollouts.length === 0) return c.json({ spec: spec.name, results: [] });
      checkCapacity(rollouts.length);
      return answer(
        c,
        "/v1/score",
        spec,
        text,
        // checkResults has made every result finite already.
        scoreStored(spec, rollouts, ctx, (results) => ({ json: serializeResults(spec.name, results, true) })),
      );
    }),
  );

  const getReward = route("/get_reward", async (c) => {
    checkCapacity(1);
    const { text, body } = await readJson(c);
    const spec = specNamed(c.req.param("spec") ?? c.req.query("spec"), "spec");
    const query = stringList(body.query, "query", true)!;
    const prompts = stringList(body.prompts, "prompts", false);
    const labels = body.labels;
    if (labels !== undefined && labels !== null && !Array.isArray(labels)) {
      throw badRequest([{ path: "labels", message: `expected an array, got ${brief(labels)}` }]);
    }
    for (const [name, list] of [
      ["prompts", prompts],
      ["labels", labels],
    ] as const) {
      if (Array.isArray(list) && list.length !== query.length) {
        throw badRequest([
          { path: name, message: `has ${list.length} entries but query has ${query.length}` },
        ]);
      }
    }
    if (query.length > limits.max_rollouts) {
      throw new HttpProblem(413, {
        code: "E_LIMIT",
        limit: "max_rollouts",
        max: limits.max_rollouts,
        actual: query.length,
        path: "query",
        message: `max_rollouts exceeded at query: ${query.length} > ${limits.max_rollouts}`,
      });
    }
    const { rollouts } = openrlhfRollouts(
      query,
      prompts ?? [],
      Array.isArray(labels) ? labels : [],
      opts.openrlhf?.trailingTokens,
    );
    checkRollouts(rollouts, "query", limits);
    if (rollouts.length === 0) return c.json(toOpenRLHF([], opts.openrlhf?.fill));
    checkCapacity(rollouts.length);
    return answer(
      c,
      "/get_reward",
      spec,
      text,
      scoreStored(spec, rollouts, stepAndSeed(body), (results) => ({
        json: JSON.stringify(toOpenRLHF(results, opts.openrlhf?.fill)),
      })),
    );
  });
  app.post("/get_reward", getReward);
  app.post("/get_reward/:spec", getReward);

  graderRoutes(app, {
    route,
    readJson,
    ...(executor ? { executor } : {}),
    deadlineMs: opts.deadlineMs ?? 5000,
  });

  app.post(
    "/v1/advantages",
    route("/v1/advantages", async (c) => {
      const { body } = await readJson(c);
      const out = advantagesHttp(body);
      return c.json(out.body, out.status);
    }),
  );

  app.get(
    "/healthz",
    route(
      "/healthz",
      async (c) => {
        const pool = executor?.stats?.();
        const body = {
          status: draining ? "draining" : "ok",
          specs: [...specs.keys()],
          pending_items: queue.pendingItems,
          ...(pool ? { pool } : {}),
        };
        return c.json(body, draining ? 503 : 200);
      },
      false,
    ),
  );
  app.get(
    "/metrics",
    route(
      "/metrics",
      async (c) => c.text(metrics.render(), 200, { "content-type": "text/plain; version=0.0.4" }),
      false,
    ),
  );

  return {
    app,
    metrics,
    specs,
    startDrain() {
      draining = true;
    },
    inflight: () => active,
    idle: () => (active === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r))),
  };
}

function stepAndSeed(body: Record<string, unknown>): { step?: number; seed?: number } {
  const out: { step?: number; seed?: number } = {};
  for (const k of ["step", "seed"] as const) {
    const v = body[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== "number" || !Number.isInteger(v))
      throw badRequest([{ path: k, message: `expected an integer, got ${brief(v)}` }]);
    out[k] = v;
  }
  return out;
}

function stringList(v: unknown, at: string, required: boolean): string[] | undefined {
  if (v === undefined || v === null) {
    if (required) throw badRequest([{ path: at, message: "required" }]);
    return undefined;
  }
  if (!Array.isArray(v))
    throw badRequest([{ path: at, message: `expected an array of strings, got ${brief(v)}` }]);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== "string")
      throw badRequest([{ path: `${at}[${i}]`, message: `expected a string, got ${brief(v[i])}` }]);
  }
  return v as string[];
}
