/** Options of `normalizeAnswer`. */
export interface NormalizeOptions {
  /** Compare case-insensitively (default true). */
  ignoreCase?: boolean;
  /** "collapse" trims and folds runs of whitespace to one space; "strip" removes it all; "keep" leaves it. */
  whitespace?: "collapse" | "strip" | "keep";
  /** Unicode NFKC (fullwidth digits, ligatures) plus minus-sign and invisible-character folding (default true). */
  nfkc?: boolean;
  /** Drop trailing sentence punctuation `.`, `!` (default true). */
  stripPunctuation?: boolean;
}

// Invisible characters that change nothing a reader sees: ZWSP, ZWNJ, ZWJ, WJ, BOM, soft hyphen, bidi controls.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u202A-\u202E\u2066-\u2069]/g;
const MINUS = /[\u2212\u2012\u2013\uFE63\uFF0D]/g;
const ARABIC_INDIC = /[\u0660-\u0669\u06F0-\u06F9]/g;

/**
 * Normalises an answer for comparison (never for tag detection): NFKC, minus signs, Arabic-Indic digits,
 * invisible characters, case and whitespace.
 * @example normalizeAnswer("  １２ ") // "12"
 */
export function normalizeAnswer(s: string, o: NormalizeOptions = {}): string {
  let t = s;
  if (o.nfkc ?? true) {
    t = t
      .normalize("NFKC")
      .replace(INVISIBLE, "")
      .replace(MINUS, "-")
      .replace(ARABIC_INDIC, (d) => String((d.charCodeAt(0) & 0xf) % 10));
  }
  if (o.ignoreCase ?? true) t = t.toLowerCase();
  const ws = o.whitespace ?? "collapse";
  if (ws === "collapse") t = t.replace(/\s+/g, " ").trim();
  else if (ws === "strip") t = t.replace(/\s+/g, "");
  if (o.stripPunctuation ?? true) t = t.replace(/[.!。]+$/u, "");
  return t;
}

/**
 * Parses a plain number answer: thousands separators, a leading `$`, a trailing `%`; null when not a number.
 * @example parseNumber("1,234.5") // 1234.5
 */
export function parseNumber(s: string): number | null {
  let t = s.trim();
  if (t.length === 0 || t.length > 64) return null;
  t = t.replace(/^\$/, "").replace(/%$/, "");
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, "");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/**
 * The last number in a text (linear scan), normalised; null when there is none.
 * @example lastNumber("so the total is 1,250 apples.") // "1250"
 */
export function lastNumber(s: string): string | null {
  let end = -1;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      end = i + 1;
      break;
    }
  }
  if (end === -1) return null;
  let start = end;
  while (start > 0) {
    const ch = s[start - 1]!;
    if ((ch >= "0" && ch <= "9") || ch === ".") start--;
    else if (ch === "," && start >= 2 && s[start - 2]! >= "0" && s[start - 2]! <= "9") start--;
    else break;
  }
  if (start > 0 && (s[start - 1] === "-" || s[start - 1] === "\u2212")) start--;
  let t = s
    .slice(start, end)
    .replace(/\u2212/g, "-")
    .replace(/,/g, "");
  if (t.startsWith(".")) t = t.slice(1);
  return t || null;
}
