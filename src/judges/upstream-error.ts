import type { ErrorKind } from "../core/types.ts";

/**
 * A typed failure of a call to a judge or reward-model backend; `retryable` marks 429, 5xx and network faults.
 * @example throw new UpstreamError("upstream", "HTTP 503 from /v1/chat/completions", { status: 503, retryable: true });
 */
export class UpstreamError extends Error {
  readonly status: number | undefined;
  readonly retryable: boolean;
  /** Server-requested wait before the next attempt (from `Retry-After`). */
  readonly retryAfterMs: number | undefined;
  constructor(
    readonly kind: ErrorKind,
    message: string,
    opts: { status?: number; retryable?: boolean; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = "UpstreamError";
    this.status = opts.status;
    this.retryable = opts.retryable ?? false;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/**
 * Parses a `Retry-After` header (delta seconds or an HTTP date) into milliseconds; undefined when absent or bad.
 * @example parseRetryAfter("2") // 2000
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, t - now);
}
