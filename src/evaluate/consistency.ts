/** The four scores of one Contrast Instructions item: R(I_a ∘ r_b) for instructions a and responses b. */
export interface ContrastScores {
  i1r1: number;
  i2r1: number;
  i1r2: number;
  i2r2: number;
}

/** Instruction and response consistency, one-sided (as the reference code checks) and symmetric. */
export interface ConsistencyReport {
  /** mean 1[R(I1∘r1) > R(I2∘r1)] (code/inference.py). */
  instruction: number;
  /** mean 1[R(I1∘r1) > R(I1∘r2)]. */
  response: number;
  /** Both directions: 1[R(I1∘r1) > R(I2∘r1)] and 1[R(I2∘r2) > R(I1∘r2)], averaged. */
  instructionSymmetric: number;
  /** Both directions: 1[R(I1∘r1) > R(I1∘r2)] and 1[R(I2∘r2) > R(I2∘r1)], averaged. */
  responseSymmetric: number;
  n: number;
}

/**
 * Contrast Instructions consistency of a reward model (Trickle-down, arXiv 2309.16155;
 * shadowkiller33/Contrast-Instruction code/inference.py; formula sheet §4d): a response should score higher
 * under its own instruction than under the lexically similar one, and an instruction should prefer its own
 * response. Strict comparisons: equal scores are inconsistent.
 * @example contrastConsistency([{ i1r1: 2, i2r1: 1, i1r2: 0, i2r2: 3 }]).instruction // 1
 */
export function contrastConsistency(items: ContrastScores[]): ConsistencyReport {
  const n = items.length;
  if (!n) {
    return {
      instruction: Number.NaN,
      response: Number.NaN,
      instructionSymmetric: Number.NaN,
      responseSymmetric: Number.NaN,
      n,
    };
  }
  let ins = 0;
  let res = 0;
  let insS = 0;
  let resS = 0;
  for (const s of items) {
    const a = s.i1r1 > s.i2r1 ? 1 : 0;
    const b = s.i1r1 > s.i1r2 ? 1 : 0;
    ins += a;
    res += b;
    insS += a + (s.i2r2 > s.i1r2 ? 1 : 0);
    resS += b + (s.i2r2 > s.i2r1 ? 1 : 0);
  }
  return {
    instruction: ins / n,
    response: res / n,
    instructionSymmetric: insS / (2 * n),
    responseSymmetric: resS / (2 * n),
    n,
  };
}
