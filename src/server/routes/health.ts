import type { Hono } from "hono";
import { route, type ServerContext } from "../context.ts";

/**
 * `GET /healthz` (`{status, specs, pending_items, pool?}`; 503 while draining) and `GET /metrics`
 * (Prometheus text). Neither counts as work, so both answer during a drain.
 * @example healthRoutes(app, ctx)
 */
export function healthRoutes(app: Hono, s: ServerContext): void {
  app.get(
    "/healthz",
    route(
      s,
      "/healthz",
      async (c) => {
        const rt = s.runtime;
        const pool = rt.executor?.stats?.();
        const body = {
          status: rt.draining ? "draining" : "ok",
          specs: [...s.specs.keys()],
          pending_items: rt.queue.pendingItems,
          ...(pool ? { pool } : {}),
        };
        return c.json(body, rt.draining ? 503 : 200);
      },
      false,
    ),
  );
  app.get(
    "/metrics",
    route(
      s,
      "/metrics",
      async (c) => c.text(s.metrics.render(), 200, { "content-type": "text/plain; version=0.0.4" }),
      false,
    ),
  );
}
