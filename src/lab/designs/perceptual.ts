import type { Observation } from "../agents/agent.ts";

/**
 * Splits a sequence of feature vectors into `k` contiguous segments minimising the total within-segment
 * variance (exact dynamic programme over split points, O(k·n²)). Returns the start index of each segment.
 * (Unsupervised perceptual rewards: Sermanet et al., arXiv 1612.06699, §3.1)
 * @example segmentDemonstration([[0], [0], [5], [5]], 2) // [0, 2]
 */
export function segmentDemonstration(xs: readonly ArrayLike<number>[], k: number): number[] {
  const n = xs.length;
  if (k < 1 || k > n) throw new RangeError(`cannot split ${n} frames into ${k} segments`);
  const d = xs[0]!.length;
  // Prefix sums of x and x² give each segment's sum of squared deviations in O(d).
  const ps = Array.from({ length: n + 1 }, () => new Float64Array(d));
  const pq = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    let q = 0;
    for (let j = 0; j < d; j++) {
      ps[i + 1]![j] = ps[i]![j]! + xs[i]![j]!;
      q += xs[i]![j]! ** 2;
    }
    pq[i + 1] = pq[i]! + q;
  }
  const cost = (a: number, b: number) => {
    let s2 = 0;
    for (let j = 0; j < d; j++) s2 += (ps[b]![j]! - ps[a]![j]!) ** 2;
    return pq[b]! - pq[a]! - s2 / (b - a);
  };
  const best = Array.from({ length: k + 1 }, () => new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY));
  const from = Array.from({ length: k + 1 }, () => new Int32Array(n + 1));
  best[0]![0] = 0;
  for (let s = 1; s <= k; s++) {
    for (let b = s; b <= n; b++) {
      for (let a = s - 1; a < b; a++) {
        const c = best[s - 1]![a]! + cost(a, b);
        if (c < best[s]![b]!) {
          best[s]![b] = c;
          from[s]![b] = a;
        }
      }
    }
  }
  const starts: number[] = [];
  let b = n;
  for (let s = k; s >= 1; s--) {
    const a = from[s]![b]!;
    starts.unshift(a);
    b = a;
  }
  return starts;
}

/**
 * Perceptual step rewards from segmented demonstrations: each demonstration is split into `k` steps by
 * minimum within-segment variance; each step gets a diagonal Gaussian over the features that best separate
 * the steps (largest between-step over within-step variance, the paper's feature selection in its simplest
 * form); a state's reward is its progress (j + 1)/k for the most likely step j, used as a potential so that it
 * guides without changing the optimal policy. The exact scoring formulas of the paper are not published in
 * code; this is a documented stand-in. (Sermanet et al., arXiv 1612.06699)
 * @example const phi = perceptualPotential(demos, 3); phi(obs) // 0..1
 */
export function perceptualPotential(
  demos: readonly (readonly ArrayLike<number>[])[],
  k: number,
  o: { features?: number } = {},
): (obs: Observation) => number {
  const d = demos[0]![0]!.length;
  const groups: number[][][] = Array.from({ length: k }, () => []);
  for (const demo of demos) {
    const starts = segmentDemonstration(demo, k);
    starts.forEach((a, j) => {
      const b = starts[j + 1] ?? demo.length;
      for (let i = a; i < b; i++) groups[j]!.push(Array.from(demo[i]!));
    });
  }
  const mean = groups.map((g) =>
    Array.from({ length: d }, (_, f) => g.reduce((s, x) => s + x[f]!, 0) / g.length),
  );
  const vars = groups.map((g, j) =>
    Array.from(
      { length: d },
      (_, f) => g.reduce((s, x) => s + (x[f]! - mean[j]![f]!) ** 2, 0) / g.length + 1e-3,
    ),
  );
  const score = Array.from({ length: d }, (_, f) => {
    const all = mean.map((m) => m[f]!);
    const mu = all.reduce((a, b) => a + b, 0) / k;
    const between = all.reduce((a, b) => a + (b - mu) ** 2, 0) / k;
    const within = vars.reduce((a, v) => a + v[f]!, 0) / k;
    return between / within;
  });
  const keep = score
    .map((s, f) => ({ s, f }))
    .sort((a, b) => b.s - a.s || a.f - b.f)
    .slice(0, o.features ?? Math.min(d, 8))
    .map((x) => x.f);
  return (obs: Observation) => {
    let best = 0;
    let bestLl = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      let ll = 0;
      for (const f of keep)
        ll -= (obs.vec[f]! - mean[j]![f]!) ** 2 / (2 * vars[j]![f]!) + 0.5 * Math.log(vars[j]![f]!);
      if (ll > bestLl || (ll === bestLl && j > best)) [best, bestLl] = [j, ll];
    }
    return (best + 1) / k;
  };
}
