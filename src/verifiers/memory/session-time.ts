import { dayNumber, daysInMonth } from "../temporal/dates.ts";

const STOP = new Set([
  "a",
  "an",
  "the",
  "and",
  "or",
  "but",
  "in",
  "on",
  "at",
  "to",
  "for",
  "of",
  "with",
  "by",
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
]);

function words(s: string, limit: number): string[] {
  const out: string[] = [];
  for (const m of s.toLowerCase().matchAll(/[\p{L}\p{N}_]+/gu)) {
    const w = m[0];
    if (w.length > 2 && !STOP.has(w)) out.push(w);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Memory-T1's event–question similarity: stop-word-filtered word overlap |S ∩ L|/|S| plus a continuity bonus
 * min(0.3, 0.3·longest run/|S|) and a position weight 0.2·(1 − mean matched position/|L|), capped at 1.
 * (Memory-T1, arXiv 2512.20092, `simple_text_match`)
 * @example textMatch("birthday party", "When was the birthday party held?") // 1 + bonuses, capped at 1
 */
export function textMatch(short: string, long: string, limit = 100_000): number {
  if (!short || !long) return 0;
  const sw = words(short, limit);
  const lw = words(long, limit);
  if (sw.length === 0) return 0;
  const sset = new Set(sw);
  const lset = new Set(lw);
  let common = 0;
  for (const w of sset) if (lset.has(w)) common++;
  const overlap = common / sset.size;
  if (overlap === 0) return 0;
  const pos: number[] = [];
  for (let i = 0; i < lw.length; i++) if (sset.has(lw[i] as string)) pos.push(i);
  let continuity = 0;
  if (pos.length > 1) {
    let best = 1;
    let cur = 1;
    for (let i = 1; i < pos.length; i++) {
      cur = (pos[i] as number) === (pos[i - 1] as number) + 1 ? cur + 1 : 1;
      if (cur > best) best = cur;
    }
    continuity = Math.min(0.3, (best / sw.length) * 0.3);
  }
  let sum = 0;
  for (const p of pos) sum += p;
  const position = (1 - sum / pos.length / lw.length) * 0.2;
  return Math.min(1, overlap + continuity + position);
}

/** Memory-T1's default bounds for an unknown start (2020-01-01) and end (2025-08-01). */
export const DEFAULT_START = dayNumber(2020, 1, 1);
export const DEFAULT_END = dayNumber(2025, 8, 1);

/**
 * A day number from a stored timestamp (`2022-07-16`, `2022-07-16T11:13:00Z`); `fallback` for "unknown", null or junk.
 * @example timestampDay("unknown", DEFAULT_START) === DEFAULT_START
 */
export function timestampDay(v: unknown, fallback: number): number {
  if (typeof v !== "string" || v.length > 64) return fallback;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T.*)?$/s.exec(v.trim());
  if (!m) return fallback;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return fallback;
  return dayNumber(y, mo, d);
}

/**
 * Session-level chronological proximity: 1 inside [start, end]; otherwise with d = days to the nearest bound /
 * max(1, range days), clip(1.5/(1 + e^{0.5d}) − 0.5, −0.5, 1). (Memory-T1, arXiv 2512.20092)
 * @example sessionProximity(10, 0, 10) // 1
 */
export function sessionProximity(day: number, start: number, end: number): number {
  if (day >= start && day <= end) return 1;
  const range = Math.max(end - start, 1);
  const dist = day < start ? start - day : day - end;
  const r = 1.5 / (1 + Math.exp(0.5 * (dist / range))) - 0.5;
  return Math.max(Math.min(r, 1), -0.5);
}

/**
 * Relation of an event range to the question range: 1 contained, 0.5 overlapping, −1 disjoint or invalid.
 * (Memory-T1, arXiv 2512.20092, `check_time_range_relation`)
 * @example rangeRelation(0, 10, 2, 3) // 1
 */
export function rangeRelation(st: number, et: number, est: number, eet: number): number {
  if (st > et || est > eet) return -1;
  if (st <= est && et >= eet) return 1;
  if (et < est || st > eet) return -1;
  return 0.5;
}
