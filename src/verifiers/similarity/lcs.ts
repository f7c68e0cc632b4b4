/**
 * Longest common subsequence length with the bit-parallel algorithm (Allison–Dix / Hyyrö 2004):
 * O(⌈m/32⌉·n) word operations, so 10⁴ × 10⁴ characters stay in the millisecond range. Sequences of at most
 * 32 symbols take a single-word path with no allocation, which is what keeps short texts cheap.
 */

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

// Reused match masks for ASCII symbols on the single-word path (reset after each call).
const ASCII = new Uint32Array(128);

/**
 * One word: V ← (V + (V & M[c])) | (V & ~M[c]) per symbol c of `long`; LCS = zero bits of V over |short| bits.
 */
function lcsWord(short: ArrayLike<number>, m: number, long: ArrayLike<number>, n: number): number {
  let other: Map<number, number> | undefined;
  for (let i = 0; i < m; i++) {
    const c = short[i]!;
    if (c < 128) ASCII[c] = (ASCII[c]! | (1 << i)) >>> 0;
    else (other ??= new Map()).set(c, ((other.get(c) ?? 0) | (1 << i)) >>> 0);
  }
  let v = 0xffffffff;
  for (let j = 0; j < n; j++) {
    const c = long[j]!;
    const mk = c < 128 ? ASCII[c]! : (other?.get(c) ?? 0);
    if (mk === 0) continue;
    const u = (v & mk) >>> 0;
    v = (((v + u) >>> 0) | (v & ~mk)) >>> 0;
  }
  for (let i = 0; i < m; i++) {
    const c = short[i]!;
    if (c < 128) ASCII[c] = 0;
  }
  const mask = m === 32 ? 0xffffffff : 2 ** m - 1;
  return m - popcount((v & mask) >>> 0);
}

// Row of each ASCII symbol in the flat mask table on the multi-word path (0 = none; reset after each call).
const ROW = new Int32Array(128);
// Scratch buffers of the multi-word path, grown on demand and cleared after each call (no per-call allocation).
let ROW_IDS = new Int32Array(256);
let MASKS = new Uint32Array(1024);
let V = new Uint32Array(64);

function lcsWords(short: ArrayLike<number>, m: number, long: ArrayLike<number>, n: number): number {
  const words = (m + 31) >>> 5;
  let other: Map<number, number> | undefined;
  let rows = 0;
  if (ROW_IDS.length < m) ROW_IDS = new Int32Array(m);
  const rowIds = ROW_IDS;
  for (let i = 0; i < m; i++) {
    const c = short[i]!;
    let r: number;
    if (c < 128) {
      r = ROW[c]!;
      if (r === 0) ROW[c] = r = ++rows;
    } else {
      r = other?.get(c) ?? 0;
      if (r === 0) (other ??= new Map()).set(c, (r = ++rows));
    }
    rowIds[i] = r;
  }
  const used = (rows + 1) * words;
  if (MASKS.length < used) MASKS = new Uint32Array(used);
  const masks = MASKS;
  for (let i = 0; i < m; i++) {
    const at = rowIds[i]! * words + (i >>> 5);
    masks[at] = (masks[at]! | (1 << (i & 31))) >>> 0;
  }
  if (V.length < words) V = new Uint32Array(words);
  const v = V;
  v.fill(0xffffffff, 0, words);
  for (let j = 0; j < n; j++) {
    const c = long[j]!;
    const r = c < 128 ? ROW[c]! : other === undefined ? 0 : (other.get(c) ?? 0);
    if (r === 0) continue;
    const base = r * words;
    let carry = 0;
    for (let w = 0; w < words; w++) {
      const vw = v[w]!;
      const mw = masks[base + w]!;
      const sum = vw + ((vw & mw) >>> 0) + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      v[w] = ((sum >>> 0) | (vw & ~mw)) >>> 0;
    }
  }
  for (let i = 0; i < m; i++) {
    const c = short[i]!;
    if (c < 128) ROW[c] = 0;
  }
  masks.fill(0, 0, used);
  // Bits above m in the top word may fill with carries; they are masked off before counting.
  const top = (m & 31) === 0 ? 0xffffffff : 2 ** (m & 31) - 1;
  v[words - 1] = (v[words - 1]! & top) >>> 0;
  let ones = 0;
  for (let w = 0; w < words; w++) ones += popcount(v[w]!);
  return m - ones;
}

/**
 * LCS length of two symbol sequences (char codes or token ids).
 * @example lcsLength([1, 2, 3], [1, 3]) // 2
 */
export function lcsLength(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return 0;
  const short = a.length <= b.length ? a : b;
  const long = short === a ? b : a;
  return short.length <= 32
    ? lcsWord(short, short.length, long, long.length)
    : lcsWords(short, short.length, long, long.length);
}

/** Char codes of a string (UTF-16 code units). */
export function codes(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * LCS length of two strings by UTF-16 code unit.
 * @example lcsStrings("abcd", "acd") // 3
 */
export function lcsStrings(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  // Copied into reused buffers and passed with explicit lengths: no per-call array (not re-entrant, never needs to be).
  if (STR_SHORT.length < short.length) STR_SHORT = new Uint16Array(short.length);
  if (STR_LONG.length < long.length) STR_LONG = new Uint16Array(long.length);
  for (let i = 0; i < short.length; i++) STR_SHORT[i] = short.charCodeAt(i);
  for (let i = 0; i < long.length; i++) STR_LONG[i] = long.charCodeAt(i);
  return short.length <= 32
    ? lcsWord(STR_SHORT, short.length, STR_LONG, long.length)
    : lcsWords(STR_SHORT, short.length, STR_LONG, long.length);
}

let STR_SHORT = new Uint16Array(256);
let STR_LONG = new Uint16Array(256);

/**
 * Maps two token lists to shared integer ids, so token sequences can use `lcsLength`.
 * @example tokenIds(["a", "b"], ["b"]) // [[0, 1], [1]]
 */
export function tokenIds(a: readonly string[], b: readonly string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const map = (xs: readonly string[]) => {
    const out = new Int32Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      let id = ids.get(xs[i]!);
      if (id === undefined) ids.set(xs[i]!, (id = ids.size));
      out[i] = id;
    }
    return out;
  };
  return [map(a), map(b)];
}
