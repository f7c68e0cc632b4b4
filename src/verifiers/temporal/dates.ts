/**
 * A linear scanner for calendar dates and years in model output: ISO `YYYY-MM-DD` / `YYYY-MM`, `MM/DD/YYYY`
 * (or day first), `July 14, 2022`, `14 July 2022`, `July 2022`, and years with an optional era (`79 AD`, `44 BC`).
 */

/** A calendar date at year, month or day precision (astronomical years: 1 BC = 0, 2 BC = −1). */
export interface CalendarDate {
  year: number;
  month?: number;
  day?: number;
  granularity: "year" | "month" | "day";
}

interface Tok {
  type: "num" | "word" | "punct";
  text: string;
  /** Whitespace came right before this token. */
  gap: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const ORDINAL = new Set(["st", "nd", "rd", "th"]);

function tokenize(text: string, limit: number): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let gap = false;
  const n = text.length;
  while (i < n && out.length < limit) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0) {
      gap = true;
      i++;
      continue;
    }
    let j = i + 1;
    let type: Tok["type"];
    if (c >= 48 && c <= 57) {
      type = "num";
      while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    } else if ((c | 32) >= 97 && (c | 32) <= 122) {
      type = "word";
      while (j < n && (text.charCodeAt(j) | 32) >= 97 && (text.charCodeAt(j) | 32) <= 122) j++;
    } else type = "punct";
    out.push({ type, text: type === "word" ? text.slice(i, j).toLowerCase() : text.slice(i, j), gap });
    gap = false;
    i = j;
  }
  return out;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (DAYS[month - 1] as number);
}

function make(year: number, month?: number, day?: number): CalendarDate | null {
  if (!Number.isInteger(year)) return null;
  if (month === undefined) return { year, granularity: "year" };
  if (month < 1 || month > 12) return null;
  if (day === undefined) return { year, month, granularity: "month" };
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day, granularity: "day" };
}

const num = (t: Tok | undefined, min: number, max: number): number | null =>
  t && t.type === "num" && t.text.length >= min && t.text.length <= max ? Number(t.text) : null;
const punct = (t: Tok | undefined, chars: string): boolean =>
  !!t && t.type === "punct" && !t.gap && chars.includes(t.text);

/** Applies an era word after (or `ad` before) a year: `44 bc` → −43 (astronomical). */
function withEra(toks: Tok[], k: number, year: number): { year: number; next: number } {
  // "b.c." / "a.d." come through as letters and dots
  const w = toks[k];
  if (w && w.type === "word") {
    let word = w.text;
    let end = k + 1;
    if ((word === "b" || word === "a") && punct(toks[k + 1], ".") && toks[k + 2]?.type === "word") {
      word += toks[k + 2]?.text;
      end = k + 3;
      if (punct(toks[end], ".")) end++;
    }
    if (word === "bc" || word === "bce") return { year: 1 - year, next: end };
    if (word === "ad" || word === "ce") return { year, next: end };
  }
  return { year, next: k };
}

/** Tries every date pattern at token `i`; returns the date and the index after it. */
function dateAt(toks: Tok[], i: number, dayFirst: boolean): { date: CalendarDate; next: number } | null {
  const t = toks[i] as Tok;
  if (t.type === "num") {
    const y4 = num(t, 4, 4);
    // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD (same separator both times)
    if (y4 !== null && punct(toks[i + 1], "-/.") && num(toks[i + 2], 1, 2) !== null && !toks[i + 2]?.gap) {
      const sep = (toks[i + 1] as Tok).text;
      const m = num(toks[i + 2], 1, 2) as number;
      if (punct(toks[i + 3], sep) && num(toks[i + 4], 1, 2) !== null && !toks[i + 4]?.gap) {
        const d = make(y4, m, num(toks[i + 4], 1, 2) as number);
        if (d) return { date: d, next: i + 5 };
      } else if (sep === "-") {
        const d = make(y4, m);
        if (d) return { date: d, next: i + 3 };
      }
    }
    // MM/DD/YYYY or DD/MM/YYYY
    const a = num(t, 1, 2);
    if (a !== null && punct(toks[i + 1], "/-.") && num(toks[i + 2], 1, 2) !== null && !toks[i + 2]?.gap) {
      const sep = (toks[i + 1] as Tok).text;
      const b = num(toks[i + 2], 1, 2) as number;
      const y = num(toks[i + 4], 4, 4);
      if (punct(toks[i + 3], sep) && y !== null && !toks[i + 4]?.gap) {
        let [m, d] = dayFirst ? [b, a] : [a, b];
        if (m > 12 && d <= 12) [m, d] = [d, m];
        const date = make(y, m, d);
        if (date) return { date, next: i + 5 };
      }
    }
    // 14 July 2022, 14th of July, 2022
    if (a !== null) {
      let k = i + 1;
      if (toks[k]?.type === "word" && !toks[k]?.gap && ORDINAL.has((toks[k] as Tok).text)) k++;
      if (toks[k]?.type === "word" && toks[k]?.text === "of") k++;
      const mw = toks[k];
      if (mw && mw.type === "word" && MONTHS[mw.text] !== undefined) {
        k++;
        if (punct(toks[k], ",")) k++;
        const y = num(toks[k], 1, 4);
        if (y !== null) {
          const era = withEra(toks, k + 1, y);
          const date = make(era.year, MONTHS[mw.text], a);
          if (date) return { date, next: era.next };
        }
      }
    }
    // a bare year (1–4 digits), or 5–6 digits when an era follows (`10000 BC`)
    const short = num(t, 1, 4);
    const long = num(t, 5, 6);
    if (short !== null || long !== null) {
      const era = withEra(toks, i + 1, (short ?? long) as number);
      if (short !== null || era.next > i + 1) return { date: make(era.year) as CalendarDate, next: era.next };
    }
    return null;
  }
  if (t.type === "word") {
    // AD 79
    if ((t.text === "ad" || t.text === "ce") && num(toks[i + 1], 1, 4) !== null)
      return { date: make(num(toks[i + 1], 1, 4) as number) as CalendarDate, next: i + 2 };
    const m = MONTHS[t.text];
    if (m === undefined) return null;
    let k = i + 1;
    if (punct(toks[k], ".")) k++;
    // July 14, 2022 / July 14th 2022 / July 2022
    const d = num(toks[k], 1, 2);
    let day: number | undefined;
    if (d !== null) {
      let k2 = k + 1;
      if (toks[k2]?.type === "word" && !toks[k2]?.gap && ORDINAL.has((toks[k2] as Tok).text)) k2++;
      if (punct(toks[k2], ",")) k2++;
      if (num(toks[k2], 1, 4) !== null) {
        day = d;
        k = k2;
      }
    }
    if (punct(toks[k], ",")) k++;
    const y = num(toks[k], 1, 4);
    if (y === null) return null;
    const era = withEra(toks, k + 1, y);
    const date = make(era.year, m, day);
    return date ? { date, next: era.next } : null;
  }
  return null;
}

/**
 * Every date in `text`, left to right (at most `maxTokens` tokens are read; linear time).
 * @example parseDates("Apollo 11 landed on July 20, 1969.")[1] // { year: 1969, month: 7, day: 20, granularity: "day" }
 */
export function parseDates(text: string, o: { dayFirst?: boolean; maxTokens?: number } = {}): CalendarDate[] {
  const toks = tokenize(text, o.maxTokens ?? 10_000);
  const out: CalendarDate[] = [];
  let i = 0;
  while (i < toks.length) {
    const hit = dateAt(toks, i, o.dayFirst ?? false);
    if (hit) {
      out.push(hit.date);
      i = Math.max(hit.next, i + 1);
    } else i++;
  }
  return out;
}

const ORDER = { year: 0, month: 1, day: 2 } as const;

/** The coarser of two granularities. */
export function coarser(
  a: CalendarDate["granularity"],
  b: CalendarDate["granularity"],
): CalendarDate["granularity"] {
  return ORDER[a] <= ORDER[b] ? a : b;
}

/**
 * A date as a point on a year axis at a granularity: `y`, `y + (m−1)/12`, or `y + (day of year − 1)/days in year`.
 * @example yearPoint({ year: 2000, month: 7, granularity: "month" }, "month") // 2000.5
 */
export function yearPoint(d: CalendarDate, g: CalendarDate["granularity"]): number {
  if (g === "year" || d.month === undefined) return d.year;
  if (g === "month" || d.day === undefined) return d.year + (d.month - 1) / 12;
  let doy = d.day - 1;
  for (let m = 1; m < d.month; m++) doy += daysInMonth(d.year, m);
  return d.year + doy / (isLeap(d.year) ? 366 : 365);
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (any year; days-from-civil), exact where `Date.UTC` maps
 * years 0–99 to 1900–1999.
 * @example dayNumber(1970, 1, 2) // 1
 */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
