/**
 * InstructVideo segmental video sampling (TSN style): F frames in S segments of span ⌊F/S⌋, one random frame per
 * segment, g_s = s·span + randint(span). `rand` is a seeded generator for reproducibility.
 * (InstructVideo, arXiv 2312.12490; VGen `utils/reward/reward.py`, S = 4 in training)
 * @example segmentalSample(16, 4, seededRandom(0)) // e.g. [2, 5, 8, 14]
 */
export function segmentalSample(frames: number, segments: number, rand: () => number): Int32Array {
  if (!Number.isInteger(frames) || !Number.isInteger(segments) || segments < 1 || frames < segments)
    throw new RangeError(`need integer frames ≥ segments ≥ 1, got frames=${frames}, segments=${segments}`);
  const span = Math.floor(frames / segments);
  const out = new Int32Array(segments);
  for (let s = 0; s < segments; s++) out[s] = s * span + Math.min(span - 1, Math.floor(rand() * span));
  return out;
}

/**
 * InstructVideo temporally attenuated reward weights c_s = exp(−λ·|g_s − ⌊F/2⌋|): frames near the middle of the
 * clip count most. (InstructVideo, arXiv 2312.12490; λ_TAR = 1.0, `exponential_TSN`)
 * @example attenuationWeights([6, 8], 16, 1) // [e^−2, 1]
 */
export function attenuationWeights(indices: ArrayLike<number>, frames: number, lambda = 1): Float64Array {
  const mid = Math.floor(frames / 2);
  const out = new Float64Array(indices.length);
  for (let s = 0; s < indices.length; s++) out[s] = Math.exp(-lambda * Math.abs(indices[s]! - mid));
  return out;
}

/**
 * InstructVideo segmental reward r = (1/S)·Σ_s c_s·score_s over the sampled frames' image-text scores.
 * (InstructVideo, arXiv 2312.12490)
 * @example segmentalReward([0.2, 0.4], [1, 0.5]) // (0.2 + 0.2)/2 = 0.2
 */
export function segmentalReward(frameScores: ArrayLike<number>, weights: ArrayLike<number>): number {
  const S = frameScores.length;
  if (S === 0 || weights.length !== S) return Number.NaN;
  let s = 0;
  for (let k = 0; k < S; k++) s += weights[k]! * frameScores[k]!;
  return s / S;
}
