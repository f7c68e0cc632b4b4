/** Options of `barfiTune`. */
export interface BarfiOptions {
  /** Initial weights of the auxiliary rewards (the designer's guess; default all 1). */
  init: number[];
  /** Outer iterations (default 6). */
  iterations?: number;
  /** Initial step of the weight search (default 1), halved when no move improves. */
  step?: number;
  /** Bounds of each weight (default [−2, 2]). */
  bounds?: [number, number];
}

/** One outer evaluation of `barfiTune`. */
export interface BarfiTrial {
  weights: number[];
  primary: number;
}

/**
 * Bi-level tuning of shaping weights (BARFI): the outer problem maximises the primary-reward return J_p of the
 * agent that the inner problem trains on r_φ = r_p + Σ φ_i·aux_i. The paper's outer step is an implicit
 * gradient; here the inner learner is not differentiable (tabular, sampled), so the outer step is a
 * derivative-free coordinate search (each weight ± step, best kept, step halved when nothing improves) over
 * `evaluate(φ)`, which must train a fresh agent and return its primary return (averaged over seeds).
 * Untrustworthy heuristics are down-weighted because only the primary return is optimised.
 * (Gupta et al., "Behavior Alignment via Reward Function Optimization", arXiv 2310.19007)
 * @example const best = await barfiTune(async (w) => trainAndMeasure(w), { init: [1, 1] });
 */
export async function barfiTune(
  evaluate: (weights: number[]) => Promise<number> | number,
  o: BarfiOptions,
): Promise<{ weights: number[]; primary: number; trials: BarfiTrial[] }> {
  const [lo, hi] = o.bounds ?? [-2, 2];
  const trials: BarfiTrial[] = [];
  const cache = new Map<string, number>();
  const score = async (w: number[]) => {
    const key = w.map((x) => x.toFixed(6)).join(",");
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const primary = await evaluate(w);
    cache.set(key, primary);
    trials.push({ weights: [...w], primary });
    return primary;
  };
  let best = [...o.init];
  let bestScore = await score(best);
  let step = o.step ?? 1;
  for (let it = 0; it < (o.iterations ?? 6); it++) {
    let moved = false;
    for (let i = 0; i < best.length; i++) {
      for (const dir of [-1, 1]) {
        const w = [...best];
        w[i] = Math.min(hi, Math.max(lo, w[i]! + dir * step));
        const s = await score(w);
        if (s > bestScore + 1e-12) {
          best = w;
          bestScore = s;
          moved = true;
        }
      }
    }
    if (!moved) step /= 2;
  }
  return { weights: best, primary: bestScore, trials };
}
