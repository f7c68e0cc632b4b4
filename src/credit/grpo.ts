import type { Groups } from "./groups.ts";
import { meanStd, type StdKind } from "./stats.ts";

/**
 * Whose defaults to follow. `verl`: eps 1e-6, and a group of one scorable row is treated as mean 0, std 1
 * (`compute_grpo_outcome_advantage`), so its advantage is r/(1 + eps). `trl`: eps 1e-4, and a group of one has
 * std 0, so its advantage is (r − r)/(0 + eps) = 0. Both divide by the Bessel-corrected (n − 1) group std.
 */
export type GrpoConvention = "verl" | "trl";

/** Options of `grpo` and `drGrpo`. */
export interface GrpoOptions {
  /** Defaults for `eps` and `singleton` (default `verl`). */
  convention?: GrpoConvention;
  /** Added to the std before dividing (verl 1e-6, TRL 1e-4). */
  eps?: number;
  /** `unbiased` (n − 1, torch.std: what verl and TRL use) or `population` (n, np.std). */
  std?: StdKind;
  /** Divide by the group std (`group`, GRPO), the whole batch's std (`batch`, TRL `scale_rewards="batch"`), or not at all (`none`, Dr. GRPO). */
  scale?: "group" | "batch" | "none";
  /** A group with one scorable row: `raw` (verl: mean 0, std 1, so A = r/(1+eps)) or `zero` (TRL: A = 0). */
  singleton?: "raw" | "zero";
}

/** The resolved constants of a GRPO call (exported so reports can say which were used). */
export function grpoConstants(o: GrpoOptions = {}): Required<Omit<GrpoOptions, "convention">> {
  const conv = o.convention ?? "verl";
  return {
    eps: o.eps ?? (conv === "trl" ? 1e-4 : 1e-6),
    std: o.std ?? "unbiased",
    scale: o.scale ?? "group",
    singleton: o.singleton ?? (conv === "trl" ? "zero" : "raw"),
  };
}

/**
 * GRPO group-normalised advantages A_i = (r_i − mean_g r)/(std_g r + eps), with NaN (null) rows unscorable:
 * left out of the mean and std and given advantage 0, so they never change another row's advantage.
 * Pass `out` (same length) to reuse an output buffer across calls.
 * (GRPO, arXiv 2402.03300; verl `compute_grpo_outcome_advantage`; TRL `GRPOTrainer`)
 * @example grpo(Float64Array.of(1, 0, 1, 0), fixedGroups(4, 4)) // ≈ [0.866, −0.866, 0.866, −0.866]
 */
export function grpo(
  scores: ArrayLike<number>,
  groups: Groups,
  o: GrpoOptions & { out?: Float64Array } = {},
): Float64Array {
  const c = grpoConstants(o);
  const n0 = scores.length;
  const out = o.out && o.out.length === n0 ? o.out : new Float64Array(n0);
  const { order, offsets } = groups;
  const unbiased = c.std === "unbiased";
  const batchStd = c.scale === "batch" ? meanStd(scores, c.std).std : 1;
  const raw = c.singleton === "raw";
  const scaleGroup = c.scale === "group";
  const fixedInv = c.scale === "batch" ? 1 / (batchStd + c.eps) : 1;
  const singletonInv = c.scale === "none" ? 1 : 1 / ((c.scale === "batch" ? batchStd : 1) + c.eps);
  const ng = offsets.length - 1;
  for (let g = 0; g < ng; g++) {
    const a = offsets[g]!;
    const b = offsets[g + 1]!;
    // One pass of shifted sums (shift = a value of the group) keeps the variance accurate even when rewards sit
    // far from 0. Contiguous groups first try a branch-free pass: a null (NaN) poisons the sum, and only then is
    // the group re-read with null checks.
    let shift = Number.NaN;
    let s = 0;
    let sq = 0;
    let n = 0;
    let clean = false;
    if (order === null) {
      shift = scores[a]!;
      for (let k = a; k < b; k++) {
        const d = scores[k]! - shift;
        s += d;
        sq += d * d;
      }
      n = b - a;
      clean = !Number.isNaN(s);
    }
    if (!clean) {
      s = 0;
      sq = 0;
      n = 0;
      for (let k = a; k < b; k++) {
        const x = scores[order === null ? k : order[k]!]!;
        if (Number.isNaN(x)) continue;
        if (n === 0) shift = x;
        const d = x - shift;
        s += d;
        sq += d * d;
        n++;
      }
    }
    if (n === 0 || (n === 1 && !raw)) {
      // every row of the group gets 0 (a reused output buffer is not cleared up front)
      for (let k = a; k < b; k++) out[order === null ? k : order[k]!] = 0;
      continue;
    }
    let m: number;
    let inv: number;
    if (n === 1) {
      m = 0;
      inv = singletonInv;
    } else {
      m = shift + s / n;
      if (scaleGroup) {
        const q = Math.max(0, sq - (s * s) / n);
        inv = 1 / (Math.sqrt(q / (unbiased ? n - 1 : n)) + c.eps);
      } else inv = fixedInv;
    }
    if (clean) for (let k = a; k < b; k++) out[k] = (scores[k]! - m) * inv;
    else
      for (let k = a; k < b; k++) {
        const i = order === null ? k : order[k]!;
        const x = scores[i]!;
        out[i] = Number.isNaN(x) ? 0 : (x - m) * inv;
      }
  }
  return out;
}

/**
 * Dr. GRPO: the group mean subtracted, no std division, A_i = r_i − mean_g r (a group of one: verl gives r, TRL 0).
 * (Dr. GRPO, arXiv 2503.20783; verl `norm_adv_by_std_in_grpo=False`)
 * @example drGrpo(Float64Array.of(1, 0, 0, 0), fixedGroups(4, 4)) // [0.75, −0.25, −0.25, −0.25]
 */
export function drGrpo(
  scores: ArrayLike<number>,
  groups: Groups,
  o: Omit<GrpoOptions, "scale"> = {},
): Float64Array {
  return grpo(scores, groups, { ...o, scale: "none" });
}
