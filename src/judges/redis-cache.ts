import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { redisOptions } from "../io/redis-options.ts";
import type { SharedCacheStore, SharedClaim } from "./cache.ts";

/** Options of `RedisJudgeCache`. */
export interface RedisJudgeCacheOptions {
  /** Key prefix (default `rk`): values live at `<prefix>:judge:<key>`. */
  prefix?: string;
  /** Time to live of a stored answer in seconds (default 7 days). */
  ttlSeconds?: number;
  /** How often a waiting process looks again when no wake-up arrives (ms, default 100). */
  pollMs?: number;
}

// Deletes the lease only if this process still holds it (a lapsed lease may belong to another process now).
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`;

/**
 * The judge cache in Redis, shared across replicas and workers: `GET` for hits; a miss takes a lease
 * (`SET lease NX PX`), and the holder writes the answer with `SET NX EX` and publishes a wake-up, so identical
 * calls in flight anywhere make one upstream call. Redis being down degrades to no sharing, never to an error.
 * Key design after LiteLLM's Redis cache (a SHA-256 over every parameter that changes the answer, a namespace, a TTL).
 * @example setSharedCache(new RedisJudgeCache("redis://127.0.0.1:6379", { ttlSeconds: 86_400 }));
 */
export class RedisJudgeCache implements SharedCacheStore {
  private readonly redis: Redis;
  private sub: Redis | undefined;
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly prefix: string;
  private readonly channel: string;

  constructor(
    url: string,
    private readonly opts: RedisJudgeCacheOptions = {},
  ) {
    // A cache must not hold calls hostage: with Redis unreachable, commands fail at once (and count as misses).
    this.redis = new Redis({ ...redisOptions(url), maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.redis.on("error", () => {});
    this.prefix = opts.prefix ?? "rk";
    this.channel = `${this.prefix}:judge-done`;
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

  private valueKey(key: string): string {
    return `${this.prefix}:judge:${key}`;
  }

  async get(key: string): Promise<unknown | undefined> {
    try {
      const v = await this.redis.get(this.valueKey(key));
      return v === null ? undefined : JSON.parse(v);
    } catch {
      return undefined;
    }
  }

  async claim(key: string, o: { leaseMs: number; signal?: AbortSignal }): Promise<SharedClaim> {
    const lease = `${this.prefix}:judge-lease:${key}`;
    const token = randomBytes(8).toString("hex");
    for (;;) {
      if (o.signal?.aborted) throw o.signal.reason ?? new Error("aborted");
      let held: string | null;
      try {
        const v = await this.redis.get(this.valueKey(key));
        if (v !== null) return { value: JSON.parse(v) };
        held = await this.redis.set(lease, token, "PX", Math.max(1, o.leaseMs), "NX");
      } catch {
        // Redis unreachable: compute locally, share nothing.
        return { release: async () => {} };
      }
      if (held === "OK") {
        // The previous holder may have stored the answer and let go between our GET and our SET.
        const v = await this.redis.get(this.valueKey(key)).catch(() => null);
        if (v !== null) {
          await this.redis.eval(RELEASE, 1, lease, token).catch(() => {});
          return { value: JSON.parse(v) };
        }
        return { release: (value) => this.release(key, lease, token, value) };
      }
      await this.wake(key, o.signal);
    }
  }

  private async release(key: string, lease: string, token: string, value: unknown): Promise<void> {
    try {
      if (value !== undefined)
        await this.redis.set(
          this.valueKey(key),
          JSON.stringify(value),
          "EX",
          this.opts.ttlSeconds ?? 7 * 86_400,
          "NX",
        );
      await this.redis.eval(RELEASE, 1, lease, token);
      await this.redis.publish(this.channel, key);
    } catch {
      // The lease lapses by itself; waiters poll.
    }
  }

  /** Waits for a wake-up about `key`, a poll tick, or the caller's abort. */
  private async wake(key: string, signal?: AbortSignal): Promise<void> {
    await this.subscribe();
    await new Promise<void>((resolve) => {
      let set = this.waiters.get(key);
      if (!set) this.waiters.set(key, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        set!.delete(done);
        if (set!.size === 0 && this.waiters.get(key) === set) this.waiters.delete(key);
        resolve();
      };
      const timer = setTimeout(done, this.opts.pollMs ?? 100);
      signal?.addEventListener("abort", done, { once: true });
      set.add(done);
    });
  }

  private async subscribe(): Promise<void> {
    if (this.sub) return;
    const sub = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.sub = sub;
    sub.on("error", () => {});
    sub.on("message", (_channel: string, key: string) => {
      for (const w of [...(this.waiters.get(key) ?? [])]) w();
    });
    await sub.subscribe(this.channel).catch(() => {});
  }

  async close(): Promise<void> {
    this.sub?.disconnect();
    this.redis.disconnect();
  }
}
