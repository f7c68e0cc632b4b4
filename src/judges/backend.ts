import { cacheKey, openCache, type ResponseCache, type SharedClaim, sharedCache } from "./cache.ts";
import { postJsonOnce } from "./http.ts";
import { AbortedError, type Limits, Limiter } from "./limiter.ts";
import { type RetryPolicy, withRetry } from "./retry.ts";
import { UpstreamError } from "./upstream-error.ts";

/** Token usage of one call as the backend reported it (OpenAI `usage`). */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

/** Prices in US dollars per million tokens, for cost accounting (no built-in price table: prices change). */
export interface Price {
  input_per_mtok: number;
  output_per_mtok: number;
}

/** Everything that defines how one backend is called. */
export interface BackendConfig {
  baseUrl: string;
  apiKey?: string;
  limits: Limits;
  retry: RetryPolicy;
  /** Total time for one call, retries included (ms). */
  timeoutMs: number;
  /** Path of the response cache (`:memory:` for in-process), or null for none. */
  cachePath: string | null;
  price?: Price;
}

/** Counters of one backend, for logs, `/metrics` and benchmarks. */
export interface BackendStats {
  /** Calls that reached the network (each may take several attempts). */
  upstreamCalls: number;
  attempts: number;
  retries: number;
  cacheHits: number;
  /** Callers that joined an identical request already in flight. */
  dedupHits: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** What one call returns besides the JSON body. */
export interface CallResult {
  json: unknown;
  cached: boolean;
  deduped: boolean;
  attempts: number;
  latencyMs: number;
}

/** Options of `Backend.call`. */
export interface CallOptions {
  /** Namespace of the cache key: the kind `id@version` and anything else that changes how answers are read. */
  namespace: string;
  signal?: AbortSignal;
  /** Tokens charged against the tokens-per-minute budget before the answer is known. */
  estimatedTokens?: number;
  /** Cache this answer (default true when the backend has a cache). */
  cache?: boolean;
  /** Rejects a 2xx body of the wrong shape (not retried, not cached); returns a message or undefined. */
  validate?: (json: unknown) => string | undefined;
  /** Reads usage out of a body, for token accounting (default: OpenAI `usage`). */
  usage?: (json: unknown) => Usage | undefined;
}

const throttleListeners = new Set<(waitMs: number) => void>();

/**
 * Listens for HTTP 429 answers from any backend of this process, with the wait the server asked for; a
 * queue worker passes them to BullMQ's global rate limiter so every worker holds back, not just this one.
 * @example const off = onUpstreamThrottle((ms) => worker.rateLimit(ms));
 */
export function onUpstreamThrottle(listener: (waitMs: number) => void): () => void {
  throttleListeners.add(listener);
  return () => throttleListeners.delete(listener);
}

interface InFlight {
  /** `shared`: the answer came from the cache other processes share (stored, or computed while we waited). */
  promise: Promise<{ json: unknown; attempts: number; shared?: boolean }>;
  controller: AbortController;
  waiters: number;
}

/**
 * One judge or reward-model server: a limiter (concurrency, requests/min, tokens/min), retries with backoff and
 * jitter on 429/5xx/network errors only, a deadline, a persistent cache, and de-duplication of identical
 * requests in flight (one upstream call however many callers ask).
 * @example
 * const b = getBackend({ base_url: "http://127.0.0.1:8000/v1" });
 * const r = await b.call("/chat/completions", body, { namespace: "judge.score@1", signal });
 */
export class Backend {
  readonly limiter: Limiter;
  readonly cache: ResponseCache | null;
  readonly stats: BackendStats = {
    upstreamCalls: 0,
    attempts: 0,
    retries: 0,
    cacheHits: 0,
    dedupHits: 0,
    errors: 0,
    promptTokens: 0,
    completionTokens: 0,
    costUsd: 0,
  };
  private readonly inflight = new Map<string, InFlight>();

  constructor(readonly config: BackendConfig) {
    this.limiter = new Limiter(config.limits);
    this.cache = config.cachePath === null ? null : openCache(config.cachePath);
  }

  /** The URL of `path` under the base URL. */
  url(path: string): string {
    if (/^https?:\/\//.test(path)) return path;
    return `${this.config.baseUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
  }

  /** Cost in US dollars of `usage` at this backend's price (0 without a price). */
  cost(usage: Usage | undefined): number {
    const p = this.config.price;
    if (!p || !usage) return 0;
    return (usage.prompt_tokens * p.input_per_mtok + usage.completion_tokens * p.output_per_mtok) / 1e6;
  }

  /** POSTs `body` to `path`; see the class comment for what happens around the request. */
  async call(path: string, body: unknown, opts: CallOptions): Promise<CallResult> {
    const started = Date.now();
    const url = this.url(path);
    const key = cacheKey({ v: 1, ns: opts.namespace, url, body });
    const useCache = this.cache !== null && opts.cache !== false;
    if (useCache) {
      const hit = this.cache!.get(key);
      if (hit !== undefined) {
        this.stats.cacheHits++;
        return { json: hit, cached: true, deduped: false, attempts: 0, latencyMs: Date.now() - started };
      }
    }
    let entry = this.inflight.get(key);
    const deduped = entry !== undefined;
    if (entry) this.stats.dedupHits++;
    else {
      entry = this.start(key, url, body, opts, useCache);
      this.inflight.set(key, entry);
    }
    entry.waiters++;
    try {
      const { json, attempts, shared } = await waitFor(entry.promise, opts.signal);
      return { json, cached: shared === true, deduped, attempts, latencyMs: Date.now() - started };
    } finally {
      // When every caller has gone, nobody needs the answer: stop the upstream call.
      if (--entry.waiters === 0 && this.inflight.get(key) === entry)
        entry.controller.abort(new AbortedError());
    }
  }

  private start(key: string, url: string, body: unknown, opts: CallOptions, useCache: boolean): InFlight {
    // One controller for both the deadline and "every caller left"; cheaper than AbortSignal.any per call.
    const controller = new AbortController();
    const signal = controller.signal;
    const deadline = Date.now() + this.config.timeoutMs;
    const timer = setTimeout(
      () => controller.abort(new DOMException("deadline exceeded", "TimeoutError")),
      this.config.timeoutMs,
    );
    // The request itself keeps the process alive while it runs; the deadline timer alone must not.
    timer.unref();
    const headers: Record<string, string> = {};
    if (this.config.apiKey) headers.authorization = `Bearer ${this.config.apiKey}`;
    const estimate = opts.estimatedTokens ?? 0;
    const run = async () => {
      // Across processes: a stored answer, an answer another process computed while we waited, or the lease.
      const store = useCache ? sharedCache() : null;
      let claim: SharedClaim | undefined;
      if (store) {
        try {
          claim = await store.claim(key, { leaseMs: this.config.timeoutMs, signal });
        } catch {
          throw abortReason(signal);
        }
        if ("value" in claim) {
          this.stats.cacheHits++;
          this.cache!.set(key, claim.value);
          return { json: claim.value, attempts: 0, shared: true };
        }
      }
      const lease = claim && "release" in claim ? claim : undefined;
      let release: (() => void) | undefined;
      try {
        release = await this.limiter.acquire(estimate, signal);
      } catch {
        await lease?.release();
        throw abortReason(signal);
      }
      this.stats.upstreamCalls++;
      let attempts = 0;
      try {
        const json = await withRetry(
          async () => {
            attempts++;
            this.stats.attempts++;
            const out = await postJsonOnce(url, body, headers, signal);
            const bad = opts.validate?.(out);
            if (bad)
              throw new UpstreamError(
                "upstream",
                `unexpected response from ${new URL(url).pathname}: ${bad}`,
              );
            return out;
          },
          this.config.retry,
          {
            deadline,
            signal,
            onRetry: (e, waitMs) => {
              this.stats.retries++;
              if (e.status === 429) for (const l of throttleListeners) l(waitMs);
            },
          },
        ).catch((e: unknown) => {
          throw e instanceof AbortedError ? abortReason(signal) : e;
        });
        const usage = (opts.usage ?? openAiUsage)(json);
        if (usage) {
          this.stats.promptTokens += usage.prompt_tokens;
          this.stats.completionTokens += usage.completion_tokens;
          this.stats.costUsd += this.cost(usage);
          this.limiter.settleTokens(estimate, usage.prompt_tokens + usage.completion_tokens);
        }
        if (useCache) this.cache!.set(key, json);
        await lease?.release(json);
        return { json, attempts };
      } catch (e) {
        this.stats.errors++;
        await lease?.release();
        throw e;
      } finally {
        release?.();
      }
    };
    const promise = run().finally(() => {
      clearTimeout(timer);
      if (this.inflight.get(key) === entry) this.inflight.delete(key);
    });
    // The promise may settle with nobody waiting (all callers aborted); never leave it unhandled.
    promise.catch(() => {});
    const entry: InFlight = { promise, controller, waiters: 0 };
    return entry;
  }
}

function abortReason(signal: AbortSignal): UpstreamError {
  const reason = signal.reason as { name?: string } | undefined;
  return reason?.name === "TimeoutError"
    ? new UpstreamError("timeout", "deadline exceeded")
    : new UpstreamError("timeout", "cancelled");
}

/** Waits for `p`, or rejects with a `timeout` error as soon as the caller's own signal fires. */
function waitFor<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new UpstreamError("timeout", "cancelled"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new UpstreamError("timeout", "cancelled"));
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

/** Reads OpenAI-style `usage` from a response body. */
export function openAiUsage(json: unknown): Usage | undefined {
  const u = (json as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } } | null)?.usage;
  if (!u || typeof u !== "object") return undefined;
  const p = typeof u.prompt_tokens === "number" ? u.prompt_tokens : 0;
  const c = typeof u.completion_tokens === "number" ? u.completion_tokens : 0;
  return { prompt_tokens: p, completion_tokens: c };
}
