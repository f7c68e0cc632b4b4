import { parseRetryAfter, UpstreamError } from "./upstream-error.ts";

/** Largest response body read from a backend (characters); larger bodies are an upstream error. */
export const MAX_RESPONSE_CHARS = 32 * 1024 * 1024;

/**
 * One JSON POST with Node's global fetch, classified into typed errors: 429/5xx and network faults (resets,
 * truncated bodies) are retryable `upstream` errors, other 4xx are final, and an aborted deadline is `timeout`.
 * @example const json = await postJsonOnce("http://127.0.0.1:8000/v1/chat/completions", body, { authorization: "Bearer x" }, signal);
 */
export async function postJsonOnce(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: JSON.stringify(body),
      signal,
    });
  } catch (e) {
    throw networkError(e, url, signal);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw networkError(e, url, signal);
  }
  const where = new URL(url).pathname;
  if (res.status === 429 || res.status >= 500) {
    const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
    throw new UpstreamError("upstream", `HTTP ${res.status} from ${where}${snippet(text)}`, {
      status: res.status,
      retryable: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (res.status < 200 || res.status >= 300) {
    throw new UpstreamError("upstream", `HTTP ${res.status} from ${where}${snippet(text)}`, {
      status: res.status,
    });
  }
  if (text.length > MAX_RESPONSE_CHARS) {
    throw new UpstreamError("upstream", `response from ${where} exceeds ${MAX_RESPONSE_CHARS} characters`);
  }
  try {
    return JSON.parse(text);
  } catch {
    // A 2xx with a body that is not JSON is almost always a cut connection (proxy slicer, reset mid-body).
    throw new UpstreamError(
      "upstream",
      `invalid JSON from ${where} (${text.length} chars, probably truncated)`,
      { status: res.status, retryable: true },
    );
  }
}

function networkError(e: unknown, url: string, signal: AbortSignal): UpstreamError {
  if (signal.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    const timedOut = reason?.name === "TimeoutError";
    return new UpstreamError("timeout", timedOut ? "deadline exceeded" : "cancelled");
  }
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const detail = err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
  return new UpstreamError("upstream", `network error calling ${new URL(url).pathname}: ${detail}`, {
    retryable: true,
  });
}

function snippet(text: string): string {
  const t = text.trim();
  if (!t) return "";
  return `: ${t.length > 200 ? `${t.slice(0, 200)}…` : t}`;
}
