import type { Hono } from "hono";
import { advantagesFromRequest } from "../../credit/api.ts";
import { answer, readJson, route, type ServerContext, storedJson } from "../context.ts";

/**
 * `POST /v1/advantages` (credit assignment over already-scored rewards): admitted, queued and replayed like a
 * scoring request; the library validates and computes; a bad body is a 422 naming each path.
 * @example advantageRoutes(app, ctx)
 */
export function advantageRoutes(app: Hono, s: ServerContext): void {
  app.post(
    "/v1/advantages",
    route(s, "/v1/advantages", async (c) => {
      s.runtime.admit(1);
      const { bytes, body } = await readJson(s, c);
      return answer(s, c, "/v1/advantages", "", bytes, () =>
        s.runtime.queue.run(1, () => storedJson(JSON.stringify(advantagesFromRequest(body)), true)),
      );
    }),
  );
}
