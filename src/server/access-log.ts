import { pino } from "pino";
import type { AccessLogEntry } from "./app.ts";

/**
 * The access log: one pino JSON line per request (method, route, status, ms, and the error code, message and
 * path of a refused or failed request), info for 2xx/3xx, warn for 4xx and `disconnected`, error for 5xx.
 * Writes to `fd` (default 1, stdout).
 * @example const log = createAccessLog(); log({ method: "POST", route: "/v1/score", status: 400, ms: 1.2, error: { code: "E_BAD_REQUEST", message: "rollouts: required" } });
 */
export function createAccessLog(fd = 1): (entry: AccessLogEntry) => void {
  const logger = pino({ base: null, messageKey: "msg" }, pino.destination({ fd, sync: false }));
  return (e) => {
    const level =
      e.status === "disconnected" || (e.status >= 400 && e.status < 500)
        ? "warn"
        : e.status >= 500
          ? "error"
          : "info";
    logger[level](e, "request");
  };
}
