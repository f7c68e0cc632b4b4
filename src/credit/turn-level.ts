/**
 * Turn-level dense rewards of the multi-turn agentic guide: r_k = interm_k / N, where N is the number of turns
 * with a positive intermediate reward when the episode succeeded, else `maxTotalRewards` (N ≥ 1), so the dense
 * rewards of an episode sum to at most 1. With `dense: false` the final score sits on the last turn only.
 * (A Practitioner's Guide to Multi-turn Agentic RL, arXiv 2510.01132; meow-tea-taro `agentic_verified.py`)
 * @example turnLevelRewards([1, 0, 1], { success: true, maxTotalRewards: 5 }) // [0.5, 0, 0.5]
 */
export function turnLevelRewards(
  interm: ArrayLike<number>,
  o: { success: boolean; maxTotalRewards: number; dense?: boolean; finalScore?: number },
): Float64Array {
  const K = interm.length;
  const out = new Float64Array(K);
  if (o.dense === false) {
    if (K > 0) out[K - 1] = o.finalScore ?? (o.success ? 1 : 0);
    return out;
  }
  let positive = 0;
  for (let k = 0; k < K; k++) if (interm[k]! > 0) positive++;
  const N = Math.max(1, o.success ? positive : o.maxTotalRewards);
  for (let k = 0; k < K; k++) out[k] = interm[k]! / N;
  return out;
}
