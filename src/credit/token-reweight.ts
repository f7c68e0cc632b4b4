/**
 * Token Hidden Reward reweighting: tokens whose |THR| exceeds τ get A_{i,k} = A_i·(1 + p·sign(THR_{i,k})), so p > 0
 * amplifies positive-influence tokens (exploitation) and p < 0 negative ones (exploration); the other tokens keep
 * A_i, or get 0 with `only: true` ("THR-only"). The exact form is unconfirmed; this is the sheet's plausible form.
 * (Token Hidden Reward, arXiv 2510.03669)
 * @example thrReweight(1, [0.5, -0.5, 0.01], { p: 0.5, tau: 0.1 }) // [1.5, 0.5, 1]
 */
export function thrReweight(
  advantage: number,
  influence: ArrayLike<number>,
  o: { p: number; tau?: number; only?: boolean },
): Float64Array {
  const tau = o.tau ?? 0;
  const out = new Float64Array(influence.length);
  for (let k = 0; k < influence.length; k++) {
    const s = influence[k]!;
    if (Math.abs(s) > tau) out[k] = advantage * (1 + o.p * Math.sign(s));
    else out[k] = o.only ? 0 : advantage;
  }
  return out;
}

/**
 * NTHR (the building block by the same authors): τ = min over correct responses of their mean token influence;
 * tokens of wrong responses with influence s > τ have their advantage scaled by η = 2|0.5 − p|, p = #correct/G,
 * which protects what the correct responses learned. (NTHR, NeurIPS 2025; see Token Hidden Reward, arXiv 2510.03669)
 * @example nthrReweight([1, -1], [[0.2, 0.4], [0.5, 0.1]], [true, false])
 */
export function nthrReweight(
  advantages: ArrayLike<number>,
  influence: readonly ArrayLike<number>[],
  correct: readonly boolean[],
): Float64Array[] {
  const G = advantages.length;
  let nCorrect = 0;
  let tau = Number.POSITIVE_INFINITY;
  for (let i = 0; i < G; i++) {
    if (!correct[i]) continue;
    nCorrect++;
    const s = influence[i]!;
    let m = 0;
    for (let k = 0; k < s.length; k++) m += s[k]!;
    if (s.length) tau = Math.min(tau, m / s.length);
  }
  const eta = 2 * Math.abs(0.5 - nCorrect / Math.max(1, G));
  return influence.map((s, i) => {
    const out = new Float64Array(s.length).fill(advantages[i]!);
    if (correct[i] || nCorrect === 0) return out;
    for (let k = 0; k < s.length; k++) if (s[k]! > tau) out[k] = eta * advantages[i]!;
    return out;
  });
}
