import type { Groups } from "./groups.ts";

/** Options of `oprlAdvantages`. */
export interface OprlOptions {
  /** Weight of the step term (`step_advantage_w`, default 1). */
  stepWeight?: number;
  /** In-group normalisation of both terms: `grpo` (mean-only, or ÷(std+1e-6) with `stdNorm`) or `rloo`. */
  variant?: "grpo" | "rloo";
  /** GRPO variant only: also divide by the group std + 1e-6 (`mean_std_norm`). */
  stdNorm?: boolean;
  /** Scale step rewards by 1/(max |reverse-cumsum| over the batch + 1e-6) first (`istar_norm: batch_norm`, default true). */
  batchNorm?: boolean;
}

/** In-group normalisation used for both OPRL terms; null (NaN) rows stay out and get 0. */
function normalise(xs: Float64Array, groups: Groups, o: OprlOptions): Float64Array {
  const out = new Float64Array(xs.length);
  const { order, offsets } = groups;
  for (let g = 0; g < offsets.length - 1; g++) {
    let s = 0;
    let n = 0;
    for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
      const x = xs[order ? order[k]! : k]!;
      if (!Number.isNaN(x)) {
        s += x;
        n++;
      }
    }
    if (n === 0) continue;
    const m = s / n;
    let f = 1;
    if (o.variant === "rloo") f = n > 1 ? n / (n - 1) : 1;
    else if (o.stdNorm && n > 1) {
      let q = 0;
      for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
        const x = xs[order ? order[k]! : k]!;
        if (!Number.isNaN(x)) q += (x - m) ** 2;
      }
      f = 1 / (Math.sqrt(q / (n - 1)) + 1e-6);
    }
    const base = o.variant === "rloo" && n === 1 ? 0 : m;
    for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
      const i = order ? order[k]! : k;
      const x = xs[i]!;
      if (!Number.isNaN(x)) out[i] = f * (x - base);
    }
  }
  return out;
}

/**
 * OPRL (iStar) advantages A = A_episode(outcome) + w·A_step, where A_step normalises each trajectory's summed
 * implicit step rewards within its group the same way as the outcome term (GRPO mean-only by default, or RLOO).
 * Step rewards are first scaled by 1/(max_batch |reverse-cumsum(r)| + 1e-6).
 * (OPRL, arXiv 2509.19199; Tongyi-ConvAI `istar/core_istar.py`)
 * @example oprlAdvantages(Float64Array.of(1, 0), [[0.2, 0.1], [0, -0.1]], fixedGroups(2, 2))
 */
export function oprlAdvantages(
  outcome: ArrayLike<number>,
  stepRewards: readonly (ArrayLike<number> | null | undefined)[],
  groups: Groups,
  o: OprlOptions = {},
): { advantages: Float64Array; episode: Float64Array; step: Float64Array } {
  const n = outcome.length;
  let scale = 1;
  if (o.batchNorm !== false) {
    let mx = 0;
    for (const rs of stepRewards) {
      if (!rs) continue;
      let acc = 0;
      for (let t = rs.length - 1; t >= 0; t--) {
        acc += !Number.isNaN(rs[t]!) ? rs[t]! : 0;
        mx = Math.max(mx, Math.abs(acc));
      }
    }
    scale = 1 / (mx + 1e-6);
  }
  const sums = new Float64Array(n).fill(Number.NaN);
  stepRewards.forEach((rs, i) => {
    if (!rs) return;
    let s = 0;
    for (let t = 0; t < rs.length; t++) s += !Number.isNaN(rs[t]!) ? rs[t]! : 0;
    sums[i] = s * scale;
  });
  const out = Float64Array.from(outcome);
  const episode = normalise(out, groups, o);
  const step = normalise(sums, groups, o);
  const w = o.stepWeight ?? 1;
  const advantages = new Float64Array(n);
  for (let i = 0; i < n; i++) advantages[i] = episode[i]! + w * step[i]!;
  return { advantages, episode, step };
}
