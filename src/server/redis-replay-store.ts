import { Redis } from "ioredis";
import { redisOptions } from "../io/redis-options.ts";
import type { ReplayStore, StoredResponse } from "../runtime/replay-cache.ts";

/**
 * Replayable responses in Redis (`SET NX EX`), shared by every replica behind a load balancer, so a trainer's
 * retry gets the same bytes whichever replica it reaches. Redis being unreachable means no replay, not an error.
 * @example createApp({ specs, replay: { maxEntries: 2048, maxBytes: 64 << 20, store: new RedisReplayStore(url) } })
 */
export class RedisReplayStore implements ReplayStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly opts: { prefix?: string; ttlSeconds?: number } = {},
  ) {
    this.redis = new Redis({ ...redisOptions(url), maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.redis.on("error", () => {});
  }

  /** Resolves once connected; rejects if Redis cannot be reached within `timeoutMs`. */
  async ready(timeoutMs = 10_000): Promise<void> {
    if (this.redis.status === "ready") return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no Redis within ${timeoutMs} ms`)), timeoutMs);
      this.redis.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private key(k: string): string {
    return `${this.opts.prefix ?? "rk"}:replay:${k}`;
  }

  async get(key: string): Promise<StoredResponse | undefined> {
    const v = await this.redis.get(this.key(key));
    if (v === null) return undefined;
    const r = JSON.parse(v) as Omit<StoredResponse, "cacheable">;
    return { ...r, cacheable: true };
  }

  async put(key: string, r: StoredResponse): Promise<void> {
    const v = JSON.stringify({ status: r.status, body: r.body, contentType: r.contentType });
    await this.redis.set(this.key(key), v, "EX", this.opts.ttlSeconds ?? 86_400, "NX");
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
