import type { Groups } from "./groups.ts";
import { maskedWhiten } from "./stats.ts";

/** Options of the REINFORCE++ estimators. */
export interface ReinforcePPOptions {
  /**
   * Tokens per response: the trainer broadcasts each response's scalar to its tokens before whitening, so a
   * response weighs as many tokens as it has. Default: every response weighs 1.
   */
  lengths?: ArrayLike<number>;
  /** Added to the variance (verl 1e-8). */
  eps?: number;
}

/**
 * REINFORCE++ outcome advantages: no per-group baseline, the scores whitened over the whole batch,
 * A = (r − mean_batch)/√(var_batch + eps); null rows get 0 and stay out of the statistics.
 * (REINFORCE++, arXiv 2501.03262; verl `compute_reinforce_plus_plus_outcome_advantage` with γ = 1, no KL)
 * @example reinforcePlusPlus(Float64Array.of(1, 0, 1, 0)) // ≈ [0.866, −0.866, 0.866, −0.866]
 */
export function reinforcePlusPlus(scores: ArrayLike<number>, o: ReinforcePPOptions = {}): Float64Array {
  return maskedWhiten(scores, { ...(o.lengths ? { weights: o.lengths } : {}), eps: o.eps ?? 1e-8 });
}

/**
 * REINFORCE++-baseline: subtract the group mean first (a group of one: mean 0), then whiten over the batch,
 * A = whiten(r_i − mean_g r). (verl `compute_reinforce_plus_plus_baseline_outcome_advantage`)
 * @example reinforcePlusPlusBaseline(Float64Array.of(1, 0, 3, 3), fixedGroups(4, 2))
 */
export function reinforcePlusPlusBaseline(
  scores: ArrayLike<number>,
  groups: Groups,
  o: ReinforcePPOptions = {},
): Float64Array {
  const centred = new Float64Array(scores.length).fill(Number.NaN);
  const { order, offsets } = groups;
  for (let g = 0; g < offsets.length - 1; g++) {
    let s = 0;
    let n = 0;
    for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
      const x = scores[order ? order[k]! : k]!;
      if (!Number.isNaN(x)) {
        s += x;
        n++;
      }
    }
    const m = n > 1 ? s / n : 0;
    for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
      const i = order ? order[k]! : k;
      const x = scores[i]!;
      if (!Number.isNaN(x)) centred[i] = x - m;
    }
  }
  return reinforcePlusPlus(centred, o);
}

/** One response for token-level REINFORCE++: per-token rewards, optional mask, optional per-token KL. */
export interface TokenSequence {
  rewards: ArrayLike<number>;
  /** 1 for tokens the policy produced, 0 for observation/padding tokens (default all 1). */
  mask?: ArrayLike<number>;
  /** Per-token KL estimate log π − log π_ref, penalised as −β·KL in the reward. */
  kl?: ArrayLike<number>;
}

/**
 * Token-level REINFORCE++: r_t = reward_t − β·KL_t, returns G_t = r_t + γ·G_{t+1} (reset where the mask is 0),
 * then whitened over every masked token of the batch; masked-out tokens get 0.
 * (REINFORCE++, arXiv 2501.03262; verl `compute_reinforce_plus_plus_outcome_advantage`)
 * @example reinforcePlusPlusTokens([{ rewards: [0, 0, 1] }, { rewards: [0, 1] }], { gamma: 1 })
 */
export function reinforcePlusPlusTokens(
  seqs: readonly TokenSequence[],
  o: { gamma?: number; beta?: number; eps?: number } = {},
): Float64Array[] {
  const gamma = o.gamma ?? 1;
  const beta = o.beta ?? 0;
  let total = 0;
  for (const s of seqs) total += s.rewards.length;
  const flat = new Float64Array(total);
  const mask = new Uint8Array(total);
  let off = 0;
  for (const s of seqs) {
    const T = s.rewards.length;
    let ret = 0;
    for (let t = T - 1; t >= 0; t--) {
      const m = s.mask ? (s.mask[t] ? 1 : 0) : 1;
      const r = s.rewards[t]! - (s.kl ? beta * s.kl[t]! : 0);
      ret = r + gamma * ret;
      flat[off + t] = ret;
      mask[off + t] = m;
      ret *= m;
    }
    off += T;
  }
  const w = maskedWhiten(flat, { mask, eps: o.eps ?? 1e-8 });
  const out: Float64Array[] = [];
  off = 0;
  for (const s of seqs) {
    out.push(w.slice(off, off + s.rewards.length));
    off += s.rewards.length;
  }
  return out;
}
