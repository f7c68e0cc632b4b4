import { dayNumber, parseDates } from "../temporal/dates.ts";

/**
 * Option answers as a set of tokens: `(a)(b)` and `(a) (b)` both give {"(a)", "(b)"}; otherwise whitespace tokens.
 * @example optionSet("(b)(a)") // Set {"(b)", "(a)"}
 */
export function optionSet(ans: string): Set<string> {
  const t = ans.trim();
  const spaced = t.includes("(") && t.includes(")") ? t.split(")(").join(") (") : t;
  return new Set(spaced.split(/\s+/).filter((x) => x !== ""));
}

/** Exact set match of option tokens, 1 or 0. (Memory-T1, arXiv 2512.20092, option questions) */
export function optionAccuracy(pred: string, gold: string): number {
  const a = optionSet(pred);
  const b = optionSet(gold);
  if (a.size !== b.size) return 0;
  for (const x of a) if (!b.has(x)) return 0;
  return 1;
}

/**
 * Timeline accuracy TP/|pred|: positional matches of `(a)(b)(c)` items; null when the prediction has no items
 * (the reference code divides by zero there). (Memory-T1, arXiv 2512.20092, timeline questions)
 * @example timelineAccuracy("(a)(c)(b)", "(a)(b)(c)") // 1/3
 */
export function timelineAccuracy(pred: string, gold: string): number | null {
  const items = (s: string) =>
    s.startsWith("(") && s.endsWith(")") && s.length >= 2 ? s.slice(1, -1).split(")(") : [];
  const p = items(pred);
  const g = items(gold);
  if (p.length === 0) return null;
  let tp = 0;
  for (let i = 0; i < Math.min(p.length, g.length); i++) if (p[i] === g[i]) tp++;
  return tp / p.length;
}

const UNIT_DAYS: [string, number][] = [
  ["year", 365],
  ["month", 30],
  ["day", 1],
  ["hour", 1 / 24],
  ["minute", 1 / (24 * 60)],
  ["second", 1 / (24 * 60 * 60)],
];

/**
 * Days in a duration expression: every `<integer> <unit>` (year = 365, month = 30 days), summed; 0 when none.
 * @example durationDays("2 years 3 days") // 733
 */
export function durationDays(s: string): number {
  const t = s.toLowerCase();
  let total = 0;
  let i = 0;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) {
      i++;
      continue;
    }
    let j = i;
    while (j < t.length && t.charCodeAt(j) >= 48 && t.charCodeAt(j) <= 57) j++;
    let k = j;
    while (k < t.length && /\s/.test(t[k] as string)) k++;
    if (k > j) {
      const unit = UNIT_DAYS.find(([u]) => t.startsWith(u, k));
      if (unit) total += Number(t.slice(i, j)) * unit[1];
    }
    i = j;
  }
  return total;
}

/**
 * Computation accuracy: answers split into `<number> <unit>` pairs, each predicted pair greedily matched to an
 * unused gold pair within ±1 day; 1 when every pair matches both ways, else 0. (Memory-T1, arXiv 2512.20092)
 * @example computationAccuracy("3 days", "72 hours") // 1
 */
export function computationAccuracy(pred: string, gold: string): number {
  const exprs = (s: string) => {
    const toks = s.split(/\s+/).filter((x) => x !== "");
    const out: string[] = [];
    for (let i = 0; i < toks.length; i += 2) out.push(toks.slice(i, i + 2).join(" "));
    return out;
  };
  const p = exprs(pred).map(durationDays);
  const g = exprs(gold).map(durationDays);
  const used = new Uint8Array(g.length);
  let tp = 0;
  for (const pd of p) {
    for (let j = 0; j < g.length; j++) {
      if (!used[j] && Math.abs(pd - (g[j] as number)) <= 1) {
        used[j] = 1;
        tp++;
        break;
      }
    }
  }
  return tp === g.length && tp === p.length ? 1 : 0;
}

/** A day number from a date answer (ISO, `July 14, 2022`, `14 July 2022`, `07/14/2022`, …), or null. */
export function answerDay(s: string): number | null {
  if (s.length > 64) return null;
  const ds = parseDates(s, { maxTokens: 32 });
  if (ds.length !== 1) return null;
  const d = ds[0];
  if (d?.granularity !== "day") return null;
  return dayNumber(d.year, d.month as number, d.day as number);
}

/**
 * Localization accuracy on the day distance Δ: 1 if Δ = 0; max(0.5, 1 − 0.1Δ) if Δ ≤ 7; max(0.1, 0.5 − 0.02(Δ − 7))
 * if Δ ≤ 30; else 0. Unparseable dates fall back to string equality. (Memory-T1, arXiv 2512.20092, localization)
 * @example localizationAccuracy("2022-07-16", "July 14, 2022") // Δ = 2 → 0.8
 */
export function localizationAccuracy(pred: string, gold: string): number {
  const a = answerDay(pred);
  const b = answerDay(gold);
  if (a === null || b === null) return pred === gold ? 1 : 0;
  const delta = Math.abs(a - b);
  if (delta === 0) return 1;
  if (delta <= 7) return Math.max(0.5, 1 - 0.1 * delta);
  if (delta <= 30) return Math.max(0.1, 0.5 - 0.02 * (delta - 7));
  return 0;
}
