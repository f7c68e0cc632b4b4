/** Options of `gae`. */
export interface GaeOptions {
  /** Discount γ (verl default 1.0; classic control 0.99). */
  gamma?: number;
  /** GAE λ (verl default 1.0; classic control 0.95). */
  lambda?: number;
  /** Whiten the advantages over every masked step of the batch (verl does; default true). */
  whiten?: boolean;
  /** Variance epsilon of the whitening (verl 1e-8). */
  eps?: number;
}

/** One sequence for GAE: per-step rewards, the critic's values, and an optional mask. */
export interface GaeSequence {
  rewards: ArrayLike<number>;
  /** V(s_t) per step; one extra trailing entry is the bootstrap value V(s_T) of a truncated episode (else 0). */
  values: ArrayLike<number>;
  /** 1 for steps the policy took, 0 for observation steps, which are skipped: V and A carry through them. */
  mask?: ArrayLike<number>;
}

/**
 * Generalised advantage estimation δ_t = r_t + γV_{t+1} − V_t, A_t = δ_t + γλA_{t+1}, returns R_t = A_t + V_t,
 * skipping observation (mask 0) steps as verl does, then (by default) whitening A over the batch.
 * (GAE, arXiv 1506.02438; verl `compute_gae_advantage_return`)
 * @example gae([{ rewards: [0, 1], values: [0.5, 0.5] }], { gamma: 1, lambda: 1, whiten: false })
 * // advantages [[0.5, 0.5]], returns [[1, 1]]
 */
export function gae(
  seqs: readonly GaeSequence[],
  o: GaeOptions = {},
): { advantages: Float64Array[]; returns: Float64Array[] } {
  const gamma = o.gamma ?? 1;
  const gl = gamma * (o.lambda ?? 1);
  const advantages: Float64Array[] = [];
  const returns: Float64Array[] = [];
  for (const s of seqs) {
    const T = s.rewards.length;
    const { rewards: r, values: v, mask } = s;
    if (v.length !== T && v.length !== T + 1)
      throw new RangeError(`values must have ${T} or ${T + 1} entries, got ${v.length}`);
    const adv = new Float64Array(T);
    const ret = new Float64Array(T);
    let next = v.length > T ? v[T]! : 0;
    let last = 0;
    if (!mask) {
      for (let t = T - 1; t >= 0; t--) {
        const vt = v[t]!;
        last = r[t]! + gamma * next - vt + gl * last;
        next = vt;
        adv[t] = last;
        ret[t] = last + vt;
      }
    } else {
      for (let t = T - 1; t >= 0; t--) {
        const vt = v[t]!;
        const cand = r[t]! + gamma * next - vt + gl * last;
        if (mask[t]) {
          next = vt;
          last = cand;
        }
        adv[t] = last;
        ret[t] = last + vt;
      }
    }
    advantages.push(adv);
    returns.push(ret);
  }
  if (o.whiten === false) return { advantages, returns };
  return { advantages: whitenAll(advantages, seqs, o.eps ?? 1e-8), returns };
}

/**
 * Whitens per-step arrays together, in place, over their masked steps (verl `masked_whiten` over the batch:
 * Bessel-corrected variance, eps inside the square root); masked-out steps become 0 as verl multiplies by the mask.
 */
function whitenAll(xs: Float64Array[], seqs: readonly GaeSequence[], eps: number): Float64Array[] {
  let n = 0;
  let s = 0;
  for (let j = 0; j < xs.length; j++) {
    const x = xs[j]!;
    const m = seqs[j]!.mask;
    if (!m) {
      for (let t = 0; t < x.length; t++) s += x[t]!;
      n += x.length;
    } else
      for (let t = 0; t < x.length; t++)
        if (m[t]) {
          s += x[t]!;
          n++;
        }
  }
  if (n === 0) return xs;
  const mean = s / n;
  let q = 0;
  for (let j = 0; j < xs.length; j++) {
    const x = xs[j]!;
    const m = seqs[j]!.mask;
    for (let t = 0; t < x.length; t++) {
      const d = x[t]! - mean;
      if (!m || m[t]) q += d * d;
    }
  }
  const inv = n > 1 ? 1 / Math.sqrt(q / (n - 1) + eps) : 1;
  for (let j = 0; j < xs.length; j++) {
    const x = xs[j]!;
    const m = seqs[j]!.mask;
    if (!m) for (let t = 0; t < x.length; t++) x[t] = (x[t]! - mean) * inv;
    else for (let t = 0; t < x.length; t++) x[t] = m[t] ? (x[t]! - mean) * inv : 0;
  }
  return xs;
}
