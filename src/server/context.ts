import type { Context } from "hono";
import { RewardkitError } from "../core/errors.ts";
import type { Runtime } from "../runtime/runtime.ts";
import type { StoredResponse } from "../runtime/replay-cache.ts";
import type { ServedSpec } from "../runtime/spec-set.ts";
import { brief } from "../core/errors.ts";
import { parseJsonBody, readBodyBytes } from "./json-body.ts";
import type { ServerMetrics } from "./metrics.ts";
import { badRequest, HttpProblem, problemFromError } from "./problem.ts";
import { requestSignal } from "./request-signal.ts";

/** What every route shares: the runtime, the specs served, the metrics, and the in-flight tracker. */
export interface ServerContext {
  runtime: Runtime;
  metrics: ServerMetrics;
  specs: Map<string, ServedSpec>;
  defaultSpec: ServedSpec;
  /** OpenRLHF adapter: value used where a result has no score, and trailing tokens to strip. */
  openrlhf: { fill?: number; trailingTokens?: readonly string[] };
  inflight: InflightTracker;
  /** Component names each spec's OpenRLHF answers list (the tree's, plus any a leaf has reported since). */
  openrlhfKeys: Map<string, Set<string>>;
  /** Called once per request when it ends. */
  accessLog?: (entry: AccessLogEntry) => void;
}

/** One line of the access log: the request, how it ended, and why when it was refused or failed. */
export interface AccessLogEntry {
  method: string;
  route: string;
  /** HTTP status, or `disconnected` when the client left before the answer was written. */
  status: number | "disconnected";
  ms: number;
  error?: { code: string; message: string; path?: string };
}

/** True when the client closed its connection before the answer was written (counted as `disconnected`). */
function clientGone(c: Context): boolean {
  const env = c.env as { incoming?: { socket?: { destroyed?: boolean } | null } } | undefined;
  return env?.incoming?.socket?.destroyed === true;
}

/** Counts requests doing work, so a drain can wait until none is left. */
export class InflightTracker {
  active = 0;
  private waiters: (() => void)[] = [];
  enter(): void {
    this.active++;
  }
  leave(): void {
    if (--this.active > 0) return;
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }
  /** Resolves when no request is in flight. */
  idle(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise<void>((r) => this.waiters.push(r));
  }
}

/** Maps any thrown value to the HTTP problem it answers with (a library error by its code). */
export function asProblem(e: unknown): HttpProblem | undefined {
  if (e instanceof HttpProblem) return e;
  if (e instanceof RewardkitError) return problemFromError(e);
  return undefined;
}

/**
 * Wraps a handler: times and counts it by route and status, and tracks it for draining when it does work
 * (scoring routes are refused with `E_DRAINING` by the runtime's admission once a drain has begun).
 * @example app.post("/v1/score", route(s, "/v1/score", scoreHandler));
 */
export function route(
  s: ServerContext,
  name: string,
  h: (c: Context) => Promise<Response>,
  work = true,
): (c: Context) => Promise<Response> {
  return async (c: Context) => {
    const t0 = performance.now();
    if (work) s.inflight.enter();
    let status: number | "disconnected" = 500;
    let error: AccessLogEntry["error"];
    try {
      if (work) s.runtime.refuseIfDraining();
      const res = await h(c);
      status = res.status;
      return res;
    } catch (e) {
      const p = asProblem(e);
      status = p?.status ?? 500;
      error = p
        ? {
            code: p.body.code,
            message: p.body.message,
            ...(p.body.path !== undefined ? { path: p.body.path } : {}),
          }
        : { code: "E_INTERNAL", message: e instanceof Error ? e.message : String(e) };
      throw e;
    } finally {
      if (clientGone(c)) status = "disconnected";
      const seconds = (performance.now() - t0) / 1000;
      s.metrics.requests.inc({ route: name, status: String(status) });
      s.metrics.latency.observe({ route: name }, seconds);
      s.accessLog?.({
        method: c.req.method,
        route: name,
        status,
        ms: Math.round(seconds * 1e4) / 10,
        ...(error ? { error } : {}),
      });
      if (work) s.inflight.leave();
    }
  };
}

/** Reads the request body as a JSON object within the runtime's body limits; returns its bytes too (replay key). */
export async function readJson(
  s: ServerContext,
  c: Context,
): Promise<{ bytes: Buffer; body: Record<string, unknown> }> {
  // On a Node socket, read the request stream directly; in-process (`app.request`) use the web Request.
  const incoming = (c.env as { incoming?: Parameters<typeof readBodyBytes>[2] } | undefined)?.incoming;
  const limits = s.runtime.limits;
  const bytes = await readBodyBytes(c.req.raw, limits.max_body_bytes, incoming);
  const body = parseJsonBody(bytes.toString("utf8"), { maxDepth: limits.max_json_depth });
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw badRequest([{ path: "", message: `expected a JSON object, got ${brief(body)}` }]);
  }
  return { bytes, body: body as Record<string, unknown> };
}

/** The spec a request names (at `at`), or the default one; an unknown name is `E_UNKNOWN_SPEC`. */
export function specNamed(s: ServerContext, name: unknown, at: string): ServedSpec {
  if (name === undefined || name === null || name === "") return s.defaultSpec;
  if (typeof name !== "string")
    throw new RewardkitError("E_BAD_REQUEST", [
      { path: at, message: `expected a spec name, got ${brief(name)}` },
    ]);
  const spec = s.specs.get(name);
  if (!spec) {
    throw new RewardkitError("E_UNKNOWN_SPEC", [
      { path: at, message: `no spec named "${name}" (served: ${[...s.specs.keys()].join(", ")})` },
    ]);
  }
  return spec;
}

/**
 * Answers through the runtime's replay: the stored bytes of an identical request, a share of an identical one
 * in flight, or a fresh computation (with a signal that aborts when every waiting client has gone).
 */
export async function answer(
  s: ServerContext,
  c: Context,
  routeName: string,
  specHash: string,
  bytes: Buffer,
  compute: (signal: AbortSignal) => Promise<StoredResponse>,
): Promise<Response> {
  const { response, how } = await s.runtime.replayThrough(
    { route: routeName, specHash, body: bytes, idempotencyKey: c.req.header("idempotency-key") },
    requestSignal(c),
    compute,
  );
  if (how !== "computed") s.metrics.cache.inc({ how });
  return c.body(response.body, response.status as 200, {
    "content-type": response.contentType,
    "x-rewardkit-replay": how,
  });
}

/** A stored JSON response. */
export function storedJson(body: string, cacheable: boolean, status = 200): StoredResponse {
  return { status, body, contentType: "application/json", cacheable };
}
