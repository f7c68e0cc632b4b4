import { createHash } from "node:crypto";

/** A finished response kept for replay: status, body bytes, content type. */
export interface StoredResponse {
  status: number;
  body: string;
  contentType: string;
  /** False for responses that hold transient errors (timeouts, upstream failures): never replayed. */
  cacheable: boolean;
}

/**
 * Stored responses shared by several server replicas (e.g. Redis), so a retry that lands on another replica
 * is replayed too. Only cacheable responses are put; values are written once.
 */
export interface ReplayStore {
  get(key: string): Promise<StoredResponse | undefined>;
  put(key: string, response: StoredResponse): Promise<void>;
}

/** Bounds of the in-process replay cache, and an optional store shared across replicas. */
export interface ReplayOptions {
  maxEntries: number;
  maxBytes: number;
  store?: ReplayStore;
}

interface Flight {
  promise: Promise<StoredResponse>;
  controller: AbortController;
  waiters: number;
}

/**
 * Makes scoring requests idempotent: an identical request (same route, spec and body bytes, or the same
 * `Idempotency-Key`) gets the stored bytes back, and identical requests in flight share one computation, so a
 * trainer that retries (OpenRLHF sends the same batch up to 5 times) never triggers a side effect twice.
 * The shared computation is cancelled only when every waiting client has gone. Bounded by entries and bytes.
 * @example const res = await cache.through(key, signal, (s) => compute(s));
 */
export class ReplayCache {
  private readonly done = new Map<string, StoredResponse & { bodyHash?: string }>();
  private readonly flights = new Map<string, Flight>();
  private bytes = 0;

  constructor(private readonly opts: ReplayOptions) {}

  /**
   * The key of a request: a SHA-256 over the route, the spec identity and the body bytes. Pass the bytes as
   * received when there are any: hashing a string first encodes it to UTF-8 again (same key, twice the time).
   */
  static keyOf(route: string, specHash: string, body: string | Uint8Array): string {
    return createHash("sha256")
      .update(route)
      .update("\0")
      .update(specHash)
      .update("\0")
      .update(body)
      .digest("hex");
  }

  /** A stored response for `key`, or undefined. */
  get(key: string): StoredResponse | undefined {
    const hit = this.done.get(key);
    if (!hit) return undefined;
    // Refresh recency (Map keeps insertion order; the first entry is evicted first).
    this.done.delete(key);
    this.done.set(key, hit);
    return hit;
  }

  /**
   * Replays a stored response, joins an identical computation in flight, or runs `compute` with a signal that
   * aborts only when all clients waiting on it have disconnected.
   */
  async through(
    key: string,
    clientSignal: AbortSignal | undefined,
    compute: (signal: AbortSignal) => Promise<StoredResponse>,
  ): Promise<{ response: StoredResponse; how: "computed" | "replayed" | "coalesced" }> {
    const hit = this.get(key);
    if (hit) return { response: hit, how: "replayed" };
    const store = this.opts.store;
    if (store && !this.flights.has(key)) {
      const shared = await store.get(key).catch(() => undefined);
      if (shared) {
        this.put(key, shared);
        return { response: shared, how: "replayed" };
      }
    }
    let flight = this.flights.get(key);
    const how = flight ? "coalesced" : "computed";
    if (!flight) {
      const controller = new AbortController();
      const f: Flight = { controller, waiters: 0, promise: Promise.resolve(undefined as never) };
      f.promise = compute(controller.signal).finally(() => this.flights.delete(key));
      f.promise.then(
        (r) => {
          if (r.cacheable && !controller.signal.aborted) {
            this.put(key, r);
            store?.put(key, r).catch(() => {});
          }
        },
        () => {},
      );
      this.flights.set(key, f);
      flight = f;
    }
    const f = flight;
    f.waiters++;
    const onAbort = () => {
      if (--f.waiters === 0) f.controller.abort(clientSignal?.reason);
    };
    if (clientSignal) {
      if (clientSignal.aborted) onAbort();
      else clientSignal.addEventListener("abort", onAbort, { once: true });
    }
    try {
      return { response: await f.promise, how };
    } finally {
      if (clientSignal && !clientSignal.aborted) {
        clientSignal.removeEventListener("abort", onAbort);
        f.waiters--;
      }
    }
  }

  private put(key: string, r: StoredResponse): void {
    const size = r.body.length + key.length;
    if (size > this.opts.maxBytes) return;
    const old = this.done.get(key);
    if (old) {
      this.bytes -= old.body.length + key.length;
      this.done.delete(key);
    }
    this.done.set(key, r);
    this.bytes += size;
    while (this.done.size > this.opts.maxEntries || this.bytes > this.opts.maxBytes) {
      const first = this.done.keys().next().value as string;
      const ev = this.done.get(first)!;
      this.bytes -= ev.body.length + first.length;
      this.done.delete(first);
    }
  }

  /** Entries and bytes held, for metrics. */
  size(): { entries: number; bytes: number } {
    return { entries: this.done.size, bytes: this.bytes };
  }
}
