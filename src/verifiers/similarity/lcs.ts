/**
 * Longest common subsequence length with the bit-parallel algorithm (Allison–Dix / Hyyrö 2004):
 * O(⌈m/32⌉·n) word operations, so 10⁴ × 10⁴ characters stay in the millisecond range.
 */

/**
 * LCS length of two symbol sequences (numbers: char codes or token ids).
 * V ← (V + (V & M[c])) | (V & ~M[c]) per symbol c of `b`; LCS = number of zero bits of V over |a| bits.
 * @example lcsLength([1, 2, 3], [1, 3]) // 2
 */
export function lcsLength(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return 0;
  // Put the shorter sequence in the bit vector.
  if (a.length > b.length) [a, b] = [b, a];
  const m = a.length;
  const words = (m + 31) >>> 5;
  const masks = new Map<number, Uint32Array>();
  for (let i = 0; i < m; i++) {
    const c = a[i]!;
    let mk = masks.get(c);
    if (!mk) {
      mk = new Uint32Array(words);
      masks.set(c, mk);
    }
    mk[i >>> 5]! |= 1 << (i & 31);
  }
  const v = new Uint32Array(words).fill(0xffffffff);
  // Bits above m in the top word may fill with carries; they are masked off before counting.
  const topMask = (m & 31) === 0 ? 0xffffffff : 2 ** (m & 31) - 1;
  for (let j = 0; j < b.length; j++) {
    const mk = masks.get(b[j]!);
    if (!mk) continue;
    let carry = 0;
    for (let w = 0; w < words; w++) {
      const vw = v[w]!;
      const u = (vw & mk[w]!) >>> 0;
      const sum = vw + u + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      v[w] = ((sum >>> 0) | (vw & ~mk[w]!)) >>> 0;
    }
  }
  v[words - 1] = (v[words - 1]! & topMask) >>> 0;
  let ones = 0;
  for (let w = 0; w < words; w++) ones += popcount(v[w]!);
  return m - ones;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Char codes of a string (UTF-16 code units). */
export function codes(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

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
