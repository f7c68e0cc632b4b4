/**
 * Clip for process rewards: r_clip(k) = min(r(k) − η, 0), so only steps below the threshold are penalised and the
 * return from any step is bounded above by 0. η has no confirmed default (chosen so that most steps get 0).
 * (Gao et al., arXiv 2410.15115)
 * @example clipProcessRewards([0.9, 0.3], 0.5) // [0, −0.2]
 */
export function clipProcessRewards(r: ArrayLike<number>, eta: number): Float64Array {
  const out = new Float64Array(r.length);
  for (let k = 0; k < r.length; k++) out[k] = Math.min(r[k]! - eta, 0);
  return out;
}

/**
 * Delta for process rewards: r_delta(k) = r(k) − r(k+1) for k < K, so the return from step t telescopes to
 * r(t) − r(K) (`last: "zero"`, the default: the paper's figure drops the last step's reward) or to r(t)
 * (`last: "keep"`: the last step keeps r(K)). Which of the two the paper uses is unconfirmed.
 * (Gao et al., arXiv 2410.15115)
 * @example deltaProcessRewards([0.2, 0.5, 0.9]) // [−0.3, −0.4, 0]
 */
export function deltaProcessRewards(r: ArrayLike<number>, o: { last?: "zero" | "keep" } = {}): Float64Array {
  const K = r.length;
  const out = new Float64Array(K);
  for (let k = 0; k + 1 < K; k++) out[k] = r[k]! - r[k + 1]!;
  if (K > 0) out[K - 1] = o.last === "keep" ? r[K - 1]! : 0;
  return out;
}

/** Options of `shapeProcessRewards`. */
export interface ProcessShapingOptions {
  mode: "clip" | "delta" | "clip+delta" | "min-form";
  /** Clip threshold η (clip modes). */
  eta?: number;
  /** Delta's last step (see `deltaProcessRewards`). */
  last?: "zero" | "keep";
  /** Outcome (success) reward added at the final step. */
  success?: number;
}

/**
 * Turns PRM step scores into per-step training rewards with Clip, Delta, Clip then Delta (composition order
 * unconfirmed: clipping first keeps the telescoped return ≤ 0), or PURE min-form; the success reward is added at
 * the final step. (Gao et al., arXiv 2410.15115; PURE, arXiv 2504.15275)
 * @example shapeProcessRewards([0.9, 0.3], { mode: "clip", eta: 0.5, success: 1 }) // [0, 0.8]
 */
export function shapeProcessRewards(r: ArrayLike<number>, o: ProcessShapingOptions): Float64Array {
  const needEta = o.mode === "clip" || o.mode === "clip+delta";
  if (needEta && (o.eta === undefined || !Number.isFinite(o.eta)))
    throw new RangeError(`process shaping mode "${o.mode}" needs a finite eta`);
  let out: Float64Array;
  if (o.mode === "clip") out = clipProcessRewards(r, o.eta!);
  else if (o.mode === "delta") out = deltaProcessRewards(r, { last: o.last ?? "zero" });
  else if (o.mode === "clip+delta")
    out = deltaProcessRewards(clipProcessRewards(r, o.eta!), { last: o.last ?? "zero" });
  else out = minFormStepRewards(r);
  if (o.success !== undefined && out.length > 0) out[out.length - 1]! += o.success;
  return out;
}

/**
 * PURE min-form credit: the value of step t is the worst process reward from t on, V_t = min_{k≥t} r(k), instead of
 * the sum, so a policy cannot raise its return by padding with extra good steps. (PURE, arXiv 2504.15275)
 * @example minFormReturns([0.9, 0.2, 0.7]) // [0.2, 0.2, 0.7]
 */
export function minFormReturns(r: ArrayLike<number>): Float64Array {
  const out = new Float64Array(r.length);
  let m = Number.POSITIVE_INFINITY;
  for (let t = r.length - 1; t >= 0; t--) {
    m = Math.min(m, r[t]!);
    out[t] = m;
  }
  return out;
}

/**
 * Per-step rewards whose undiscounted (γ = 1) summed return from every step equals the min-form value:
 * r'_t = V_t − V_{t+1} with V_{K} = 0, so any sum-based estimator computes min-form credit. (PURE, arXiv 2504.15275)
 * @example minFormStepRewards([0.9, 0.2, 0.7]) // [0, −0.5, 0.7]
 */
export function minFormStepRewards(r: ArrayLike<number>): Float64Array {
  const v = minFormReturns(r);
  const out = new Float64Array(v.length);
  for (let t = 0; t < v.length; t++) out[t] = v[t]! - (t + 1 < v.length ? v[t + 1]! : 0);
  return out;
}
