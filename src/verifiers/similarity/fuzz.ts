/**
 * rapidfuzz's `fuzz` scorers on a 0–100 scale, following rapidfuzz v3.14.5 (@ 384c676, the pure-Python
 * `fuzz_py.py` it ships as reference): ratio (normalised Indel similarity), partial_ratio, token_sort_ratio,
 * token_set_ratio, token_ratio, partial_token_ratio, WRatio, QRatio. Strings are sequences of code points and
 * whitespace is Python's, as in rapidfuzz.
 */
import { codes, lcsLength, lcsStrings } from "./lcs.ts";
import { splitWhitespace } from "./tokenize.ts";

type Seq = Uint16Array | Uint32Array;

const SURROGATE = /[\uD800-\uDFFF]/;

/** The code points of a string (UTF-16 units when it has no surrogates, which are then the same). */
function points(s: string): Seq {
  if (!SURROGATE.test(s)) return codes(s);
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return Uint32Array.from(out);
}

/**
 * Length in code points (what Python's `len` counts).
 * @example pointLength("a😀") // 2
 */
export function pointLength(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Python's string order (by code point); JavaScript's default sort orders UTF-16 units, which puts astral
 * characters before U+E000–U+FFFF.
 * @example ["😀", "ｚ"].sort(byCodePoint) // ["ｚ", "😀"]
 */
export function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates above U+E000–U+FFFF, the rest below: unit order then equals code point order.
    x = x >= 0xe000 ? x - 0x800 : x >= 0xd800 ? x + 0x2000 : x;
    y = y >= 0xe000 ? y - 0x800 : y >= 0xd800 ? y + 0x2000 : y;
    return x - y;
  }
  return a.length - b.length;
}

/** LCS of two strings by code point. */
function lcsPoints(a: string, b: string): number {
  return SURROGATE.test(a) || SURROGATE.test(b) ? lcsLength(points(a), points(b)) : lcsStrings(a, b);
}

/**
 * Normalised Indel similarity ratio = 100·2·LCS(a, b)/(|a| + |b|) in code points; 100 when both are empty.
 * @example ratio("this is a test", "this is a test!") // 100·2·14/29 ≈ 96.55
 */
export function ratio(a: string, b: string): number {
  const astral = SURROGATE.test(a) || SURROGATE.test(b);
  const total = astral ? pointLength(a) + pointLength(b) : a.length + b.length;
  if (total === 0) return 100;
  const lcs = astral ? lcsLength(points(a), points(b)) : lcsStrings(a, b);
  // rapidfuzz computes 1 − (|a| + |b| − 2·LCS)/(|a| + |b|); the same expression keeps the last bit equal.
  return (1 - (total - 2 * lcs) / total) * 100;
}

function norm(a: Seq, b: Seq): number {
  const total = a.length + b.length;
  return total === 0 ? 1 : 1 - (total - 2 * lcsLength(a, b)) / total;
}

/**
 * Word operations an exhaustive partial_ratio may spend (tens of milliseconds): every alignment costs one bit-parallel LCS of
 * ⌈|needle|/32⌉·|needle| word operations. A 250-character needle in 10,000 characters is at the bound.
 */
export const PARTIAL_BUDGET = 2e7;

function partialImpl(s1: Seq, s2: Seq): number {
  const len1 = s1.length;
  const len2 = s2.length;
  if ((len2 + len1) * len1 * Math.ceil(len1 / 32) > PARTIAL_BUDGET) return partialAnchored(s1, s2);
  const set = new Set<number>(s1);
  let best = 0;
  // Every alignment, whatever the needle's length (current rapidfuzz has no long-needle shortcut).
  for (let i = 1; i < len1; i++) {
    if (!set.has(s2[i - 1]!)) continue;
    const r = norm(s1, s2.subarray(0, i));
    if (r > best && (best = r) === 1) return 100;
  }
  for (let i = 0; i < len2 - len1; i++) {
    if (!set.has(s2[i + len1 - 1]!)) continue;
    const r = norm(s1, s2.subarray(i, i + len1));
    if (r > best && (best = r) === 1) return 100;
  }
  for (let i = Math.max(0, len2 - len1); i < len2; i++) {
    if (!set.has(s2[i]!)) continue;
    const r = norm(s1, s2.subarray(i));
    if (r > best && (best = r) === 1) return 100;
  }
  return best * 100;
}

/**
 * Beyond the budget (hostile or very long inputs): windows of the needle's length anchored where one of its
 * 8-grams occurs in the longer sequence, plus both ends. Finds a good alignment, not always the best one.
 */
function partialAnchored(s1: Seq, s2: Seq): number {
  const len1 = s1.length;
  const len2 = s2.length;
  const k = 8;
  const key = (x: Seq, at: number) => x.subarray(at, at + k).join(",");
  const index = new Map<string, number[]>();
  for (let q = 0; q + k <= len2; q++) {
    const kq = key(s2, q);
    const list = index.get(kq);
    if (!list) index.set(kq, [q]);
    else if (list.length < 4) list.push(q);
  }
  const starts = new Set<number>([0, Math.max(0, len2 - len1)]);
  for (let o = 0; o + k <= len1 && starts.size < 64; o += k) {
    for (const q of index.get(key(s1, o)) ?? []) starts.add(Math.max(0, Math.min(q - o, len2 - len1)));
  }
  let best = 0;
  for (const st of starts) best = Math.max(best, norm(s1, s2.subarray(st, st + len1)));
  return best * 100;
}

/**
 * Best ratio of the shorter string against every alignment in the longer (both ways when equal length).
 * @example partialRatio("this is a test", "this is a test!") // 100
 */
export function partialRatio(a: string, b: string): number {
  if (a.length === 0 && b.length === 0) return 100;
  const ca = points(a);
  const cb = points(b);
  const [shorter, longer] = ca.length <= cb.length ? [ca, cb] : [cb, ca];
  let r = partialImpl(shorter, longer);
  if (r !== 100 && ca.length === cb.length) r = Math.max(r, partialImpl(longer, shorter));
  return r;
}

function sortedJoin(tokens: Iterable<string>): string {
  return [...tokens].sort(byCodePoint).join(" ");
}

/**
 * ratio of the whitespace tokens sorted and rejoined.
 * @example tokenSortRatio("fuzzy wuzzy was a bear", "wuzzy fuzzy was a bear") // 100
 */
export function tokenSortRatio(a: string, b: string): number {
  return sortRatioOf(splitWhitespace(a), splitWhitespace(b));
}

/** token_sort_ratio of fresh token arrays (sorted in place). */
function sortRatioOf(ta: string[], tb: string[]): number {
  return ratio(ta.sort(byCodePoint).join(" "), tb.sort(byCodePoint).join(" "));
}

/**
 * rapidfuzz's token_set_ratio: 100 when one token set contains the other (and they share a token), else the
 * best of the Indel ratios of sect+ab vs sect+ba, sect vs sect+ab, sect vs sect+ba; 0 when either has no token.
 * @example tokenSetRatio("fuzzy was a bear", "fuzzy fuzzy was a bear") // 100
 */
export function tokenSetRatio(a: string, b: string): number {
  return setRatioOf(splitWhitespace(a), splitWhitespace(b));
}

/** token_set_ratio of token arrays (not modified). */
function setRatioOf(la: readonly string[], lb: readonly string[]): number {
  const ta = new Set(la);
  const tb = new Set(lb);
  if (ta.size === 0 || tb.size === 0) return 0;
  const inter: string[] = [];
  const ab: string[] = [];
  const ba: string[] = [];
  for (const t of ta) (tb.has(t) ? inter : ab).push(t);
  for (const t of tb) if (!ta.has(t)) ba.push(t);
  if (inter.length > 0 && (ab.length === 0 || ba.length === 0)) return 100;
  const abJ = sortedJoin(ab);
  const baJ = sortedJoin(ba);
  const sectLen = inter.length ? pointLength(inter.join(" ")) : 0;
  const sep = sectLen !== 0 ? 1 : 0;
  const abLen = pointLength(abJ);
  const baLen = pointLength(baJ);
  const sectAb = sectLen + sep + abLen;
  const sectBa = sectLen + sep + baLen;
  const dist = abLen + baLen - 2 * lcsPoints(abJ, baJ);
  const normDist = (d: number, lensum: number) => (lensum ? 100 - (100 * d) / lensum : 100);
  const result = normDist(dist, sectAb + sectBa);
  if (!sectLen) return result;
  return Math.max(result, normDist(sep + abLen, sectLen + sectAb), normDist(sep + baLen, sectLen + sectBa));
}

/** max(token_set_ratio, token_sort_ratio). */
export function tokenRatio(a: string, b: string): number {
  // One split per string serves both (the set ratio reads the arrays before the sort ratio sorts them).
  const ta = splitWhitespace(a);
  const tb = splitWhitespace(b);
  const set = setRatioOf(ta, tb);
  return Math.max(set, sortRatioOf(ta, tb));
}

/** rapidfuzz's partial_token_ratio: 100 on a shared token, else partial ratios of sorted tokens and differences. */
export function partialTokenRatio(a: string, b: string): number {
  const la = splitWhitespace(a);
  const lb = splitWhitespace(b);
  const ta = new Set(la);
  const tb = new Set(lb);
  for (const t of ta) if (tb.has(t)) return 100;
  const ab = [...ta].filter((t) => !tb.has(t));
  const ba = [...tb].filter((t) => !ta.has(t));
  const result = partialRatio(sortedJoin(la), sortedJoin(lb));
  if (la.length === ab.length && lb.length === ba.length) return result;
  return Math.max(result, partialRatio(sortedJoin(ab), sortedJoin(ba)));
}

/**
 * rapidfuzz's WRatio: ratio, then token ratios ×0.95 when lengths (in code points) are within 1.5×; otherwise
 * partial ratios ×0.9 (×0.6 above a length ratio of 8; exactly 8 still ×0.9, as in current rapidfuzz) and
 * partial token ratios ×0.95·scale. 0 when either string is empty.
 * @example wRatio("hello", "hello world") // max(62.5, 100·0.9, 100·0.95·0.9) = 90
 */
export function wRatio(a: string, b: string): number {
  if (!a || !b) return 0;
  const UNBASE = 0.95;
  const la = pointLength(a);
  const lb = pointLength(b);
  const lenRatio = la > lb ? la / lb : lb / la;
  let end = ratio(a, b);
  if (lenRatio < 1.5) return Math.max(end, tokenRatio(a, b) * UNBASE);
  const scale = lenRatio <= 8 ? 0.9 : 0.6;
  end = Math.max(end, partialRatio(a, b) * scale);
  return Math.max(end, partialTokenRatio(a, b) * UNBASE * scale);
}

/** ratio, but 0 when either string is empty (rapidfuzz's QRatio). */
export function qRatio(a: string, b: string): number {
  return !a || !b ? 0 : ratio(a, b);
}

/**
 * rapidfuzz's `utils.default_process`: every character that is not a Python word character (letters, numbers,
 * the underscore) to a space, trim, lowercase.
 * @example defaultProcess(" Hello, snake_case! ") // "hello  snake_case"
 */
export function defaultProcess(s: string): string {
  return s
    .replace(/[^\p{L}\p{N}_]/gu, " ")
    .trim()
    .toLowerCase();
}

/** The scorers `similarity.fuzzy_match` can use. */
export const FUZZ_SCORERS = {
  ratio,
  partial_ratio: partialRatio,
  token_sort_ratio: tokenSortRatio,
  token_set_ratio: tokenSetRatio,
  token_ratio: tokenRatio,
  partial_token_ratio: partialTokenRatio,
  WRatio: wRatio,
  QRatio: qRatio,
} as const;
export type FuzzScorer = keyof typeof FUZZ_SCORERS;
