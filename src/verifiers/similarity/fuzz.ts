/**
 * rapidfuzz's `fuzz` scorers (rapidfuzz 3.x, `fuzz_py.py`), on a 0–100 scale: ratio (normalised Indel
 * similarity), partial_ratio, token_sort_ratio, token_set_ratio, token_ratio, partial_token_ratio, WRatio, QRatio.
 * Strings are compared by UTF-16 code unit (rapidfuzz uses code points; they differ only outside the BMP).
 */
import { codes, lcsLength, lcsStrings } from "./lcs.ts";
import { splitWhitespace } from "./tokenize.ts";

/**
 * Normalised Indel similarity ratio = 100·2·LCS(a, b)/(|a| + |b|); 100 when both are empty.
 * @example ratio("this is a test", "this is a test!") // 100·2·14/29 ≈ 96.55
 */
export function ratio(a: string, b: string): number {
  const total = a.length + b.length;
  if (total === 0) return 100;
  return (100 * 2 * lcsStrings(a, b)) / total;
}

function norm(a: Uint16Array, b: Uint16Array): number {
  const total = a.length + b.length;
  return total === 0 ? 1 : (2 * lcsLength(a, b)) / total;
}

/** Needles longer than this use anchored candidate windows instead of every window (as rapidfuzz does > 64). */
export const SHORT_NEEDLE = 64;
const MAX_ANCHORS = 64;

function partialImpl(s1: Uint16Array, s2: Uint16Array): number {
  const len1 = s1.length;
  const len2 = s2.length;
  const set = new Set<number>(s1);
  let best = 0;
  if (len1 > SHORT_NEEDLE) return partialLong(s1, s2);
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
 * Long needles: windows of the needle's length anchored where one of its 8-grams occurs in the longer string,
 * plus both ends. Like rapidfuzz's own long-needle path this finds a best alignment, not always the optimum.
 */
function partialLong(s1: Uint16Array, s2: Uint16Array): number {
  const len1 = s1.length;
  const len2 = s2.length;
  const k = 8;
  const index = new Map<string, number[]>();
  for (let q = 0; q + k <= len2; q++) {
    const key = String.fromCharCode(...s2.subarray(q, q + k));
    const list = index.get(key);
    if (!list) index.set(key, [q]);
    else if (list.length < 4) list.push(q);
  }
  const starts = new Set<number>([0, Math.max(0, len2 - len1)]);
  for (let o = 0; o + k <= len1 && starts.size < MAX_ANCHORS; o += k) {
    const hits = index.get(String.fromCharCode(...s1.subarray(o, o + k)));
    for (const q of hits ?? []) starts.add(Math.max(0, Math.min(q - o, len2 - len1)));
  }
  let best = 0;
  for (const st of starts) {
    const r = norm(s1, s2.subarray(st, st + len1));
    if (r > best) best = r;
  }
  return best * 100;
}

/**
 * Best ratio of the shorter string against any same-length window of the longer (both ways when equal length).
 * @example partialRatio("this is a test", "this is a test!") // 100
 */
export function partialRatio(a: string, b: string): number {
  if (a.length === 0 && b.length === 0) return 100;
  const ca = codes(a);
  const cb = codes(b);
  const [shorter, longer] = ca.length <= cb.length ? [ca, cb] : [cb, ca];
  let r = partialImpl(shorter, longer);
  if (r !== 100 && ca.length === cb.length) r = Math.max(r, partialImpl(longer, shorter));
  return r;
}

function sortedJoin(tokens: Iterable<string>): string {
  return [...tokens].sort().join(" ");
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
  return ratio(ta.sort().join(" "), tb.sort().join(" "));
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
  const sectLen = inter.length ? inter.join(" ").length : 0;
  const sep = sectLen !== 0 ? 1 : 0;
  const sectAb = sectLen + sep + abJ.length;
  const sectBa = sectLen + sep + baJ.length;
  const dist = abJ.length + baJ.length - 2 * lcsStrings(abJ, baJ);
  const normDist = (d: number, lensum: number) => (lensum ? 100 - (100 * d) / lensum : 100);
  const result = normDist(dist, sectAb + sectBa);
  if (!sectLen) return result;
  return Math.max(
    result,
    normDist(sep + abJ.length, sectLen + sectAb),
    normDist(sep + baJ.length, sectLen + sectBa),
  );
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
 * rapidfuzz's WRatio: ratio, then token ratios ×0.95 when lengths are within 1.5×; otherwise partial ratios
 * ×0.9 (×0.6 from a length ratio of 8) and partial token ratios ×0.95·scale. 0 when either string is empty.
 * @example wRatio("hello", "hello world") // max(62.5, 100·0.9, 100·0.95·0.9) = 90
 */
export function wRatio(a: string, b: string): number {
  if (!a || !b) return 0;
  const UNBASE = 0.95;
  const lenRatio = a.length > b.length ? a.length / b.length : b.length / a.length;
  let end = ratio(a, b);
  if (lenRatio < 1.5) return Math.max(end, tokenRatio(a, b) * UNBASE);
  const scale = lenRatio < 8 ? 0.9 : 0.6;
  end = Math.max(end, partialRatio(a, b) * scale);
  return Math.max(end, partialTokenRatio(a, b) * UNBASE * scale);
}

/** ratio, but 0 when either string is empty (rapidfuzz's QRatio). */
export function qRatio(a: string, b: string): number {
  return !a || !b ? 0 : ratio(a, b);
}

/**
 * rapidfuzz's `utils.default_process`: non-alphanumeric characters to spaces, lowercase, trim.
 * @example defaultProcess(" Hello, World! ") // "hello  world"
 */
export function defaultProcess(s: string): string {
  return s
    .replace(/[^\p{L}\p{N}]/gu, " ")
    .toLowerCase()
    .trim();
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
