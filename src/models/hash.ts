/**
 * MurmurHash3 (x86, 32-bit) of a string's UTF-16 code units with a seed: deterministic across runs and
 * platforms, which the hashing trick needs so a saved model scores the same text the same way.
 * @example murmur3("hello", 0) // the same 32-bit unsigned integer every time
 */
export function murmur3(key: string, seed = 0): number {
  let h = seed >>> 0;
  const n = key.length;
  // Two UTF-16 code units per 32-bit block.
  let i = 0;
  for (; i + 1 < n; i += 2) {
    let k = (key.charCodeAt(i) & 0xffff) | ((key.charCodeAt(i + 1) & 0xffff) << 16);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < n) {
    let k = key.charCodeAt(i) & 0xffff;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  h ^= n * 2;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Signed feature hashing (Weinberger et al. 2009): bucket = h mod 2^bits, sign from one more bit of h,
 * so collisions cancel in expectation instead of piling up.
 * @example hashedIndex("w:the", 18) // { index: 0..262143, sign: 1 | -1 }
 */
export function hashedIndex(feature: string, bits: number, seed = 0): { index: number; sign: 1 | -1 } {
  const h = murmur3(feature, seed);
  const mask = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
  // The sign uses the top bit, which the bucket does not use for bits < 32.
  return { index: (h & mask) >>> 0, sign: h >>> 31 ? -1 : 1 };
}
