/**
 * A small seeded generator (mulberry32) so that sampling is reproducible: same seed, same draws.
 * @example const rand = seededRandom(7); rand() // a number in [0, 1)
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws `k` distinct indices with probability proportional to `weights`, without replacement
 * (Efraimidis–Spirakis keys u^(1/w)); zero-weight items are never drawn.
 * @example weightedSampleWithoutReplacement([1, 0, 3], 2, seededRandom(1)) // [2, 0] or [0, 2]
 */
export function weightedSampleWithoutReplacement(
  weights: ArrayLike<number>,
  k: number,
  rand: () => number,
): number[] {
  const keyed: { i: number; key: number }[] = [];
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    const u = rand();
    if (w > 0 && Number.isFinite(w)) keyed.push({ i, key: Math.log(u) / w });
  }
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  return keyed.slice(0, Math.max(0, k)).map((x) => x.i);
}
