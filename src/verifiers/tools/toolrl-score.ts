/**
 * ToolRL's correctness score: tool-name, parameter-name and parameter-value matching with greedy one-to-one
 * matching of predicted to ground-truth calls (arXiv 2504.13958 §3; `rlla.py` compute_tool_call_reward).
 */
import { type Call, jsonEqual } from "./calls.ts";

/** The ablation switches of ToolRL's correctness reward (its environment variables, all off by default). */
export interface ToolrlSwitches {
  /** COARSEREWARD: anything but an exact match scores the minimum. */
  coarse?: boolean;
  /** INTERMEDIATEREWARD: a tool counts only when exactly equal; S_max grows by 1 per tool. */
  intermediate?: boolean;
  /** REFINEDREWARD: `match_score` is strict (equal multisets or 0). */
  refined?: boolean;
}

/**
 * Multiset overlap |L1 ∩ L2| / (|L1| + |L2| − |L1 ∩ L2|); 1 when the multisets are equal (both empty included),
 * 0 when exactly one is empty; strict mode (REFINEDREWARD) gives 1 or 0 (ToolRL, arXiv 2504.13958 §3).
 * @example matchScore(["a", "b"], ["a"]) // 1 / (2 + 1 − 1) = 0.5
 */
export function matchScore(l1: readonly string[], l2: readonly string[], refined = false): number {
  let inter = 0;
  if (l1.length * l2.length <= 256) {
    // Small lists (the usual case): pairwise with a taken-flag, no Map allocation.
    const taken = l2.length <= 32 ? 0 : -1;
    let mask = taken;
    const used = taken === -1 ? new Uint8Array(l2.length) : undefined;
    for (const x of l1) {
      for (let j = 0; j < l2.length; j++) {
        const free = used ? !used[j] : !(mask & (1 << j));
        if (free && l2[j] === x) {
          if (used) used[j] = 1;
          else mask |= 1 << j;
          inter++;
          break;
        }
      }
    }
  } else {
    const c2 = new Map<string, number>();
    for (const x of l2) c2.set(x, (c2.get(x) ?? 0) + 1);
    for (const x of l1) {
      const n = c2.get(x);
      if (n) {
        c2.set(x, n - 1);
        inter++;
      }
    }
  }
  const equal = l1.length === l2.length && inter === l1.length;
  if (equal) return 1;
  if (refined) return 0;
  if (l1.length === 0 || l2.length === 0) return 0;
  return inter / (l1.length + l2.length - inter);
}

/** The raw score, its maximum and how ground-truth calls were matched. */
export interface ToolrlMatch {
  exact: boolean;
  score: number;
  sMax: number;
  nameScore: number;
  /** For each ground-truth call, the index of the predicted call it matched, or -1. */
  matched: number[];
}

function names(calls: readonly Call[]): string[] {
  const out: string[] = new Array(calls.length);
  for (let i = 0; i < calls.length; i++) out[i] = calls[i]!.name;
  return out;
}

/** Exact list match, as Python compares two lists of dicts (order of calls matters, key order does not). */
export function callsEqual(a: readonly Call[], b: readonly Call[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.name !== b[i]!.name || !jsonEqual(a[i]!.args, b[i]!.args)) return false;
  }
  return true;
}

/**
 * score = match(gt names, pd names) + Σ_gt max_{unused pd with the same name} [match(gt keys, pd keys) +
 * #{k : pd[k] == gt[k]}], S_max = 1 + Σ_gt (1 + |gt params|); a candidate is taken only when its total is > 0,
 * as in the reference (ToolRL, arXiv 2504.13958 §3).
 * @example toolrlMatch([{ name: "f", args: { a: 1 } }], [{ name: "f", args: { a: 2 } }]).score // 1 + (1 + 0) = 2
 */
export function toolrlMatch(gt: readonly Call[], pd: readonly Call[], s: ToolrlSwitches = {}): ToolrlMatch {
  const matched: number[] = new Array(gt.length);
  if (callsEqual(gt, pd)) {
    for (let i = 0; i < gt.length; i++) matched[i] = i;
    return { exact: true, score: 1, sMax: 1, nameScore: 1, matched };
  }
  matched.fill(-1);
  const nameScore = matchScore(names(gt), names(pd), s.refined);
  let score = nameScore;
  let sMax = 1;
  const used = new Uint8Array(pd.length);
  for (let gi = 0; gi < gt.length; gi++) {
    const g = gt[gi]!;
    const gKeys = Object.keys(g.args);
    sMax += s.intermediate ? 1 : 1 + gKeys.length;
    let best = 0;
    let bestIdx = -1;
    for (let i = 0; i < pd.length; i++) {
      const p = pd[i]!;
      if (used[i] || p.name !== g.name) continue;
      if (s.intermediate) {
        if (jsonEqual(g.args, p.args)) {
          best = 1;
          bestIdx = i;
          break;
        }
        continue;
      }
      let total = matchScore(gKeys, Object.keys(p.args), s.refined);
      for (const k of gKeys) if (Object.hasOwn(p.args, k) && jsonEqual(p.args[k], g.args[k])) total += 1;
      if (total > best) {
        best = total;
        bestIdx = i;
      }
    }
    if (bestIdx !== -1) {
      used[bestIdx] = 1;
      matched[gi] = bestIdx;
      score += best;
    }
  }
  return { exact: false, score, sMax, nameScore, matched };
}

/** Bounds of the correctness and format rewards at a training step. */
export interface ToolrlBounds {
  correctMax: number;
  correctMin: number;
  formatMax: number;
  formatMin: number;
}

/** Which step-dependent schedule to apply (ToolRL's SCHEDULEREWARD and MAX1STEP30MAX3 ablations). */
export type ToolrlSchedule = "none" | "dynamic" | "step30";

/**
 * Reward bounds at training step `step`. Base: correctness [−3, 3] (or [−1, 1]), format [0, 1].
 * - step30 (MAX1STEP30MAX3): correctness ÷3 before step 30; format ÷2 from step 30 on.
 * - dynamic (SCHEDULEREWARD): max_c = min(3, (max−2)·t/150 + 2), min_c = max(−3, (min+2)·t/150 − 2),
 *   max_f = max(1, 2 − (2−max)·t/150), min_f = min(−1, −2 + (2+min)·t/150) (ToolRL, arXiv 2504.13958 §3.3).
 * Both are applied in the reference's order (step30 first) when `schedule` lists both.
 * @example toolrlBounds(75, "dynamic", false).correctMax // min(3, (3−2)·75/150 + 2) = 2.5
 */
export function toolrlBounds(
  step: number,
  schedule: ToolrlSchedule | readonly ToolrlSchedule[],
  correctMax1: boolean,
): ToolrlBounds {
  const list = typeof schedule === "string" ? [schedule] : schedule;
  let correctMax = correctMax1 ? 1 : 3;
  let correctMin = correctMax1 ? -1 : -3;
  let formatMax = 1;
  let formatMin = 0;
  if (list.includes("step30")) {
    if (step < 30) {
      correctMax /= 3;
      correctMin /= 3;
    } else {
      formatMax /= 2;
      formatMin /= 2;
    }
  }
  if (list.includes("dynamic")) {
    correctMax = Math.min(3, ((correctMax - 2) * step) / 150 + 2);
    correctMin = Math.max(-3, ((correctMin + 2) * step) / 150 - 2);
    formatMax = Math.max(1, 2 - ((2 - formatMax) * step) / 150);
    formatMin = Math.min(-1, -2 + ((2 + formatMin) * step) / 150);
  }
  return { correctMax, correctMin, formatMax, formatMin };
}
