import { parseSpans, parseTimeValue, type Span } from "./timestamps.ts";

const START_KEYS = ["start", "start_time", "begin", "s"];
const END_KEYS = ["end", "end_time", "stop", "e"];

/** One span from `[s, e]`, `{start, end}` / `{start_time, end_time}` or a string like `"3.5 - 8"`. */
function oneSpan(v: unknown): Span | null {
  if (Array.isArray(v) && v.length === 2) {
    const a = parseTimeValue(v[0]);
    const b = parseTimeValue(v[1]);
    return a !== null && b !== null ? [a, b] : null;
  }
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const sk = START_KEYS.find((k) => k in o);
    const ek = END_KEYS.find((k) => k in o);
    if (!sk || !ek) return null;
    const a = parseTimeValue(o[sk]);
    const b = parseTimeValue(o[ek]);
    return a !== null && b !== null ? [a, b] : null;
  }
  if (typeof v === "string") {
    const { spans } = parseSpans(v, 64);
    return spans.length === 1 ? (spans[0] as Span) : null;
  }
  return null;
}

/**
 * Reads spans from a reference or a parsed JSON answer: one span, or a list of them; null when the shape is unusable.
 * @example spansFrom([[0, 5], { start: 7, end: 9 }]) // [[0, 5], [7, 9]]
 */
export function spansFrom(v: unknown, limit = 10_000): Span[] | null {
  const single = oneSpan(v);
  if (single) return [single];
  if (!Array.isArray(v) || v.length === 0 || v.length > limit) return null;
  const out: Span[] = [];
  for (const x of v) {
    const s = oneSpan(x);
    if (!s) return null;
    out.push(s);
  }
  return out;
}
