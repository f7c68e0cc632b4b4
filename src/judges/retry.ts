import { AbortedError } from "./limiter.ts";
import { UpstreamError } from "./upstream-error.ts";

/** How a failed call is retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (0 = no retry). */
  maxRetries: number;
  /** First backoff ceiling (ms); doubles each attempt. */
  baseMs: number;
  /** Largest backoff ceiling (ms). */
  capMs: number;
  /** Source of jitter in [0, 1); replaceable for tests. */
  random?: () => number;
}

/**
 * The wait before retry `attempt` (0-based): full jitter, `U(0, min(cap, base·2^attempt))`, but never less than
 * the server's `Retry-After` (AWS "Exponential Backoff and Jitter", full-jitter variant).
 * @example backoffMs(2, { maxRetries: 4, baseMs: 500, capMs: 30000, random: () => 0.5 }) // 1000
 */
export function backoffMs(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  const jitter = Math.floor((policy.random ?? Math.random)() * ceiling);
  return retryAfterMs !== undefined ? Math.max(retryAfterMs, jitter) : jitter;
}

/** Resolves after `ms`, or rejects with `AbortedError` when `signal` fires first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(t);
      reject(new AbortedError());
    };
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, runs out of retries, or the deadline
 * would pass before the next try. Only `UpstreamError`s with `retryable` (429, 5xx, network) are retried.
 * @example const body = await withRetry((i) => postOnce(url, req, signal), policy, { deadline: Date.now() + 60000, signal });
 */
export async function withRetry<T>(
  attempt: (index: number) => Promise<T>,
  policy: RetryPolicy,
  opts: { deadline: number; signal?: AbortSignal; onRetry?: (e: UpstreamError, waitMs: number) => void },
): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt(i);
    } catch (e) {
      if (!(e instanceof UpstreamError) || !e.retryable || i >= policy.maxRetries) throw e;
      const wait = backoffMs(i, policy, e.retryAfterMs);
      if (Date.now() + wait >= opts.deadline) {
        throw new UpstreamError(
          e.kind,
          `${e.message} (gave up after ${i + 1} attempt(s): the next retry in ${wait} ms would pass the deadline)`,
          e.status !== undefined ? { status: e.status } : {},
        );
      }
      opts.onRetry?.(e, wait);
      await sleep(wait, opts.signal);
    }
  }
}
