import { RewardFailure } from "../../core/result.ts";

/** Word operations beyond which an LCS is refused as a `resource` error (about 0.1 s on one core). */
export const LCS_MAX_WORD_OPS = 50_000_000;

/**
 * Length of the longest common subsequence of two symbol sequences, bit-parallel in O(|a|·|b|/32)
 * (Hyyrö 2004: V ← (V + (V & M[b_j])) | (V − (V & M[b_j])); LCS = |a| − popcount(V)).
 * Throws `RewardFailure("resource")` past `maxWordOps`, so a hostile pair cannot stall the server.
 * @example lcsLength([1, 2, 3, 4], [2, 4, 3]) // 2
 */
export function lcsLength(a: ArrayLike<number>, b: ArrayLike<number>, maxWordOps = LCS_MAX_WORD_OPS): number {
  if (a.length < b.length) [a, b] = [b, a];
  const m = a.length;
  if (m === 0 || b.length === 0) return 0;
  const words = Math.ceil(m / 32);
  if (words * b.length > maxWordOps) {
    throw new RewardFailure("resource", `similarity input too long (${a.length} × ${b.length} symbols)`);
  }
  const masks = new Map<number, Uint32Array>();
  for (let i = 0; i < m; i++) {
    const c = a[i]!;
    let mk = masks.get(c);
    if (!mk) masks.set(c, (mk = new Uint32Array(words)));
    mk[i >>> 5]! |= 1 << (i & 31);
  }
  const V = new Uint32Array(words).fill(0xffffffff);
  for (let j = 0; j < b.length; j++) {
    const M = masks.get(b[j]!);
    if (!M) continue;
    let carry = 0;
    let borrow = 0;
    for (let k = 0; k < words; k++) {
      const v = V[k]!;
      const u = (v & M[k]!) >>> 0;
      const sum = v + u + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      const diff = v - u - borrow;
      borrow = diff < 0 ? 1 : 0;
      V[k] = ((sum >>> 0) | (diff >>> 0)) >>> 0;
    }
  }
  let zeros = 0;
  for (let i = 0; i < m; i++) if ((V[i >>> 5]! & (1 << (i & 31))) === 0) zeros++;
  return zeros;
}

/** Maps strings (code points or tokens) to small integers shared by both sides. */
export function symbolize(a: readonly string[], b: readonly string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const enc = (xs: readonly string[]) => {
    const out = new Int32Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      let id = ids.get(xs[i]!);
      if (id === undefined) ids.set(xs[i]!, (id = ids.size));
      out[i] = id;
    }
    return out;
  };
  return [enc(a), enc(b)];
}
