// Redis URL parsing lives in io/ (judges and the server use it too, and must not import the queue).
export { redisOptions } from "../io/redis-options.ts";

/** Where the queue lives: a Redis URL, the queue name and the key prefix. */
export interface QueueTarget {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  url: string;
  /** Queue name (default `rewardkit`). */
  name?: string;
  /** Key prefix in Redis (default `rk`). */
  prefix?: string;
}

/** The default queue name. */
export const defaultQueueName = "rewardkit";
/** The default Redis key prefix of queue keys. */
export const defaultPrefix = "rk";
