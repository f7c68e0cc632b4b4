import type { RedisOptions } from "bullmq";
import { RewardkitError } from "../core/errors.ts";

/**
 * ioredis options for a Redis URL. BullMQ's blocking connections need `maxRetriesPerRequest: null`; the
 * reconnect strategy retries forever with a capped backoff, so workers survive a Redis restart.
 * @example redisOptions("redis://127.0.0.1:6379/0") // { host: "127.0.0.1", port: 6379, db: 0, ... }
 */
export function redisOptions(url: string): RedisOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RewardkitError("E_FLAG_INVALID", [{ path: "--queue", message: `not a URL: ${url}` }]);
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:")
    throw new RewardkitError("E_FLAG_INVALID", [
      { path: "--queue", message: `expected redis://host:port, got ${url}` },
    ]);
  const db = u.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d+$/.test(db))
    throw new RewardkitError("E_FLAG_INVALID", [
      { path: "--queue", message: `database must be a number: ${url}` },
    ]);
  return {
    host: u.hostname || "127.0.0.1",
    port: u.port ? Number(u.port) : 6379,
    ...(db ? { db: Number(db) } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === "rediss:" ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(50 * times, 1000),
  };
}
