/**
 * A linear scanner for time spans in model output (TimeLens's `extract_time`, rewritten without regexes):
 * clock tokens (`HH:MM:SS(.f)`, `MM:SS(.f)`), `X - Y` / `X to Y` pairs and bare numbers.
 */

/** A time span `[start, end]` in seconds (or in whatever unit the numbers were written in). */
export type Span = [number, number];

/** One number or clock token found in the text. */
interface TimeToken {
  value: number;
  clock: boolean;
  start: number;
  end: number;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlnum = (c: number) => isDigit(c) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
// ASCII hyphen, en dash, em dash, minus sign: models write all of them between two times.
const isDash = (c: number) => c === 45 || c === 0x2013 || c === 0x2014 || c === 0x2212;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Reads `\d+(\.\d*)?` at `i`; returns the end offset (or `i` when there is no digit). */
function scanNumber(s: string, i: number): number {
  let j = i;
  while (j < s.length && isDigit(s.charCodeAt(j))) j++;
  if (j === i) return i;
  if (s.charCodeAt(j) === 46 && j + 1 <= s.length) {
    let k = j + 1;
    while (k < s.length && isDigit(s.charCodeAt(k))) k++;
    j = k;
  }
  return j;
}

/**
 * Every number and clock token in `text`, left to right, at most `limit` of them. O(n).
 * A clock is `D+:DD(:DD)?(.D+)?`; its value is in seconds (`MM:SS` or `HH:MM:SS`).
 */
function scanTokens(text: string, limit: number): TimeToken[] {
  const out: TimeToken[] = [];
  let i = 0;
  const n = text.length;
  while (i < n && out.length < limit) {
    const c = text.charCodeAt(i);
    // a digit glued to a letter before it (`v2`, `h264`) is part of a word, not a time
    if (!isDigit(c) || (i > 0 && isAlnum(text.charCodeAt(i - 1)) && !isDigit(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    const parts = [Number(text.slice(i, j))];
    while (parts.length < 3 && text.charCodeAt(j) === 58 && isDigit(text.charCodeAt(j + 1))) {
      let k = j + 1;
      while (k < n && isDigit(text.charCodeAt(k))) k++;
      if (k - (j + 1) > 2) break;
      parts.push(Number(text.slice(j + 1, k)));
      j = k;
    }
    let frac = 0;
    if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
      const k = scanNumber(text, j + 1);
      frac = Number(`0.${text.slice(j + 1, k)}`);
      j = k;
    }
    let value: number;
    if (parts.length === 1) value = (parts[0] as number) + frac;
    else if (parts.length === 2) value = (parts[0] as number) * 60 + (parts[1] as number) + frac;
    else value = (parts[0] as number) * 3600 + (parts[1] as number) * 60 + (parts[2] as number) + frac;
    if (Number.isFinite(value)) out.push({ value, clock: parts.length > 1, start: i, end: j });
    // skip the rest of an over-long digit/colon run so it is not rescanned
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    i = j;
  }
  return out;
}

/** True when only whitespace and one separator (a dash or the word `to`) lie between two tokens. */
function joinedBySeparator(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  if (i < to && isDash(text.charCodeAt(i))) i++;
  else if (
    i + 1 < to &&
    (text.charCodeAt(i) | 32) === 116 &&
    (text.charCodeAt(i + 1) | 32) === 111 &&
    !isAlnum(text.charCodeAt(i + 2))
  )
    i += 2;
  else return false;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i === to;
}

/** How spans were found, for `info`. */
export type SpanRule = "clock" | "range" | "numbers" | "none";

/**
 * Parses time spans from free text as TimeLens does: clock tokens paired consecutively; else `X - Y` / `X to Y`
 * ranges; else bare numbers paired consecutively. Linear time; at most `maxTokens` tokens are read.
 * Only the standalone word `to` is a separator (TimeLens replaces every "to", even inside words).
 * (TimeLens, arXiv 2512.14698, `extract_time`)
 * @example parseSpans("The event happens in 00:01:05 - 00:01:12.5 seconds.").spans // [[65, 72.5]]
 */
export function parseSpans(text: string, maxTokens = 10_000): { spans: Span[]; rule: SpanRule } {
  const toks = scanTokens(text, maxTokens);
  const clocks = toks.filter((t) => t.clock);
  if (clocks.length >= 2) {
    const spans: Span[] = [];
    for (let k = 0; k + 1 < clocks.length; k += 2)
      spans.push([(clocks[k] as TimeToken).value, (clocks[k + 1] as TimeToken).value]);
    return { spans, rule: "clock" };
  }
  const ranges: Span[] = [];
  for (let k = 0; k + 1 < toks.length; k++) {
    const a = toks[k] as TimeToken;
    const b = toks[k + 1] as TimeToken;
    if (joinedBySeparator(text, a.end, b.start)) {
      ranges.push([a.value, b.value]);
      k++;
    }
  }
  if (ranges.length) return { spans: ranges, rule: "range" };
  if (toks.length >= 2) {
    const spans: Span[] = [];
    for (let k = 0; k + 1 < toks.length; k += 2)
      spans.push([(toks[k] as TimeToken).value, (toks[k + 1] as TimeToken).value]);
    return { spans, rule: "numbers" };
  }
  return { spans: [], rule: "none" };
}

/**
 * One time value from a short string or number: `"12.5"`, `"01:02"`, `"00:01:02.5"`, `12.5`; null otherwise.
 * @example parseTimeValue("01:02") // 62
 */
export function parseTimeValue(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string" || v.length > 64) return null;
  const toks = scanTokens(v, 2);
  if (toks.length !== 1) return null;
  const t = toks[0] as TimeToken;
  return v.slice(0, t.start).trim() === "" &&
    v
      .slice(t.end)
      .trim()
      .replace(/^s(ec(ond)?s?)?$/i, "") === ""
    ? t.value
    : null;
}
