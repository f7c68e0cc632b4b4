import type { Context } from "hono";

/**
 * Aborts when the client goes away before the response is written. On a Node socket it listens on the response
 * stream itself: reading `c.req.raw.signal` there would make the adapter build a full web Request with a second
 * body stream for every request.
 * @example const signal = requestSignal(c); // aborted when the client disconnects
 */
export function requestSignal(c: Context): AbortSignal {
  const outgoing = (
    c.env as
      | { outgoing?: { once(e: "close", f: () => void): unknown; writableFinished: boolean } }
      | undefined
  )?.outgoing;
  if (!outgoing) return c.req.raw.signal;
  const ac = new AbortController();
  outgoing.once("close", () => {
    if (!outgoing.writableFinished) ac.abort("client connection closed before the response");
  });
  return ac.signal;
}
