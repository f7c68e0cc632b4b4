/**
 * The tokenisers of the reference implementations, so scores line up with theirs:
 * sacreBLEU's `13a` (mteval-v13a), Google rouge-score's, and plain whitespace splitting (NLTK users' usual input).
 */

// sacreBLEU TokenizerRegexp, rule 1: the ASCII symbol ranges {-~ [-` space-& (-+ :-@ and / get spaces around them.
const SYMBOLS = /([\x7B-\x7E\x5B-\x60\x20-\x26\x28-\x2B\x3A-\x40/])/g;
const PERIOD_COMMA_AFTER_NON_DIGIT = /([^0-9])([.,])/g;
const PERIOD_COMMA_BEFORE_NON_DIGIT = /([.,])([^0-9])/g;
const DASH_AFTER_DIGIT = /([0-9])(-)/g;

/**
 * True when none of the 13a rules can change the token boundaries: no ASCII punctuation or symbol other than
 * the apostrophe (which 13a leaves attached), hence no `<skipped>`, `-\n`, entity, `.`, `,` or `-`. Newlines and
 * the padding spaces the rules add are whitespace to the final split, so such a line is just split (a BOM aside).
 */
function plainFor13a(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0xfeff) return false; // a BOM is no whitespace to Python: leave it to the rules
    if (c < 0x21 || c > 0x7e) continue;
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x27)
      continue;
    return false;
  }
  return true;
}

/**
 * sacreBLEU's default `13a` tokeniser: drops `<skipped>`, joins `-\n` hyphenation, unescapes four HTML entities,
 * splits off punctuation (not `.`/`,` between digits), and collapses whitespace.
 * @example tokenize13a("Hello, world.") // ["Hello", ",", "world", "."]
 */
export function tokenize13a(line: string): string[] {
  if (plainFor13a(line)) return splitWhitespace(line);
  let s = pyRstrip(line);
  s = s.replaceAll("<skipped>", "").replaceAll("-\n", "").replaceAll("\n", " ");
  if (s.includes("&"))
    s = s.replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&lt;", "<").replaceAll("&gt;", ">");
  s = ` ${s} `;
  s = s.replace(SYMBOLS, " $1 ");
  s = s.replace(PERIOD_COMMA_AFTER_NON_DIGIT, "$1 $2 ");
  s = s.replace(PERIOD_COMMA_BEFORE_NON_DIGIT, " $1 $2");
  s = s.replace(DASH_AFTER_DIGIT, "$1 $2 ");
  return splitWhitespace(s);
}

/**
 * Python's `str.isspace()` for one UTF-16 unit: \t–\r, the separators U+001C–U+001F, space, U+0085, U+00A0,
 * U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. Not U+FEFF (JavaScript's `trim` strips it).
 * @example isPySpace(0x1f) // true
 */
export function isPySpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x3000 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x1680 ||
    c === 0x202f ||
    c === 0x205f
  );
}

/**
 * Python's `str.rstrip()`: trailing Python whitespace removed (a trailing BOM stays).
 * @example pyRstrip("a\ufeff \x1f") // "a\ufeff"
 */
export function pyRstrip(s: string): string {
  let end = s.length;
  while (end > 0 && isPySpace(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/**
 * Python's `str.strip()`.
 * @example pyStrip("\x1c a \x1d") // "a"
 */
export function pyStrip(s: string): string {
  let start = 0;
  while (start < s.length && isPySpace(s.charCodeAt(start))) start++;
  return pyRstrip(s.slice(start));
}

/**
 * Splits on runs of whitespace, dropping empty pieces (Python's `str.split()`, with its whitespace set).
 * @example splitWhitespace("  a \n b\x1fc ") // ["a", "b", "c"]
 */
export function splitWhitespace(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const space = isPySpace(s.charCodeAt(i));
    if (space) {
      if (start !== -1) {
        out.push(s.slice(start, i));
        start = -1;
      }
    } else if (start === -1) start = i;
  }
  if (start !== -1) out.push(s.slice(start));
  return out;
}

/**
 * rouge-score's tokeniser: lowercase, every character outside [a-z0-9] becomes a space, split, keep non-empty
 * tokens (its optional Porter stemming applies to tokens longer than 3 characters).
 * @example tokenizeRouge("The cat's hat!") // ["the", "cat", "s", "hat"]
 */
export function tokenizeRouge(text: string, stem?: (w: string) => string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (word) {
      if (start === -1) start = i;
    } else if (start !== -1) {
      const t = lower.slice(start, i);
      out.push(stem && t.length > 3 ? stem(t) : t);
      start = -1;
    }
  }
  return out;
}

/** The tokenisers a similarity kind can be told to use. */
export type TokenizerName = "13a" | "whitespace" | "rouge" | "lower_whitespace";

/**
 * Tokenises with the named tokeniser.
 * @example tokenize("A b", "lower_whitespace") // ["a", "b"]
 */
export function tokenize(text: string, name: TokenizerName): string[] {
  switch (name) {
    case "13a":
      return tokenize13a(text);
    case "whitespace":
      return splitWhitespace(text);
    case "lower_whitespace":
      return splitWhitespace(text.toLowerCase());
    case "rouge":
      return tokenizeRouge(text);
  }
}
