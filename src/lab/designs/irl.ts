import type { TabularModel } from "../tabular-model.ts";

/** Options of maximum-entropy IRL. */
export interface MaxEntIrlOptions {
  /** Feature matrix: features[s] is the feature vector of state s (default one-hot). */
  features?: Float64Array[];
  /** Horizon of the visitation computation (default the longest demonstration). */
  horizon?: number;
  iterations?: number;
  lr?: number;
  /** L2 penalty on θ (default 0.01). */
  l2?: number;
}

/**
 * Maximum-entropy inverse RL on a deterministic tabular MDP: the reward r(s) = θ·f(s) that makes the
 * demonstrations most likely under P(τ) ∝ exp(Σ r), fitted by gradient ascent on
 * ∇ = f̃_demo − Σ_s D(s) f(s) − λθ, with the policy from a finite-horizon soft (log-sum-exp) backward pass and
 * D(s) the expected state visitation of a forward pass from the demonstrations' start states.
 * (Ziebart et al., AAAI 2008, Algorithm 1; "IRL meets LLM post-training", arXiv 2507.13158)
 * @example const { reward } = maxEntIrl(model, demos); // reward[s], one per state
 */
export function maxEntIrl(
  m: TabularModel,
  demos: readonly number[][],
  o: MaxEntIrlOptions = {},
): { reward: Float64Array; theta: Float64Array } {
  const S = m.states;
  const A = m.actions;
  const feats =
    o.features ??
    Array.from({ length: S }, (_, s) => {
      const f = new Float64Array(S);
      f[s] = 1;
      return f;
    });
  const K = feats[0]!.length;
  const T = o.horizon ?? Math.max(...demos.map((d) => d.length));
  const lr = o.lr ?? 0.1;
  const l2 = o.l2 ?? 0.01;
  const theta = new Float64Array(K);
  const empirical = new Float64Array(K);
  const start = new Float64Array(S);
  for (const d of demos) {
    start[d[0]!]! += 1 / demos.length;
    for (const s of d) for (let k = 0; k < K; k++) empirical[k]! += feats[s]![k]! / demos.length;
  }
  const reward = new Float64Array(S);
  for (let it = 0; it < (o.iterations ?? 200); it++) {
    for (let s = 0; s < S; s++) {
      let r = 0;
      for (let k = 0; k < K; k++) r += theta[k]! * feats[s]![k]!;
      reward[s] = r;
    }
    // Backward pass: time-indexed soft values and stochastic policies π_t(a|s).
    const policies: Float64Array[] = [];
    let v = new Float64Array(S);
    for (let t = T - 1; t >= 0; t--) {
      const pol = new Float64Array(S * A);
      const nv = new Float64Array(S);
      for (let s = 0; s < S; s++) {
        if (m.terminal[s]) {
          nv[s] = reward[s]!;
          continue;
        }
        let mx = Number.NEGATIVE_INFINITY;
        const qs = new Float64Array(A);
        for (let a = 0; a < A; a++) {
          qs[a] = reward[s]! + (t === T - 1 ? 0 : v[m.next[s * A + a]!]!);
          mx = Math.max(mx, qs[a]!);
        }
        let z = 0;
        for (let a = 0; a < A; a++) z += Math.exp(qs[a]! - mx);
        nv[s] = mx + Math.log(z);
        for (let a = 0; a < A; a++) pol[s * A + a] = Math.exp(qs[a]! - nv[s]!);
      }
      policies[t] = pol;
      v = nv;
    }
    // Forward pass: expected visitation counts over the horizon (terminal states absorb and stop).
    let d = new Float64Array(start);
    const visits = new Float64Array(S);
    for (let t = 0; t < T; t++) {
      const nd = new Float64Array(S);
      for (let s = 0; s < S; s++) {
        const ds = d[s]!;
        if (ds === 0) continue;
        visits[s]! += ds;
        if (m.terminal[s]) continue;
        for (let a = 0; a < A; a++) nd[m.next[s * A + a]!]! += ds * policies[t]![s * A + a]!;
      }
      d = nd;
    }
    for (let k = 0; k < K; k++) {
      let expected = 0;
      for (let s = 0; s < S; s++) expected += visits[s]! * feats[s]![k]!;
      theta[k]! += lr * (empirical[k]! - expected - l2 * theta[k]!);
    }
  }
  for (let s = 0; s < S; s++) {
    let r = 0;
    for (let k = 0; k < K; k++) r += theta[k]! * feats[s]![k]!;
    reward[s] = r;
  }
  return { reward, theta };
}
