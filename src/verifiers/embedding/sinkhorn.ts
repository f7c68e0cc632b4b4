/** What `logSinkhorn` returns: the plan (row-major n×m), iterations run, and whether the marginals converged. */
export interface SinkhornResult {
  plan: Float64Array;
  iterations: number;
  converged: boolean;
  /** Σ_i |Σ_j π_ij − a_i| after the last iteration (the column marginals are exact after each g update). */
  marginalError: number;
}

/** log Σ_k exp(z_k), shifted by the maximum so nothing overflows. */
function logSumExp(z: Float64Array, len: number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < len; k++) if ((z[k] as number) > m) m = z[k] as number;
  if (m === Number.NEGATIVE_INFINITY) return m;
  let s = 0;
  for (let k = 0; k < len; k++) s += Math.exp((z[k] as number) - m);
  return m + Math.log(s);
}

/**
 * Entropic optimal transport between marginals a (n) and b (m) for cost C (row-major n×m), solved with Sinkhorn
 * iterations on the dual potentials in the log domain (stable for small ε), at most `maxIter` iterations:
 * f_i = ε log a_i − ε LSE_j((g_j − C_ij)/ε), g_j = ε log b_j − ε LSE_i((f_i − C_ij)/ε), π_ij = e^{(f_i + g_j − C_ij)/ε}.
 * (Cuturi 2013, "Sinkhorn Distances", NeurIPS; the log-domain form of its fixed-point iterations)
 * @example logSinkhorn(new Float64Array([0, 1, 1, 0]), [0.5, 0.5], [0.5, 0.5], 0.5, 200, 1e-9).plan[0] // 0.5/(1 + e^−2)
 */
export function logSinkhorn(
  C: Float64Array,
  a: readonly number[],
  b: readonly number[],
  eps: number,
  maxIter: number,
  tol: number,
): SinkhornResult {
  const n = a.length;
  const m = b.length;
  const f = new Float64Array(n);
  const g = new Float64Array(m);
  const la = a.map((x) => Math.log(x));
  const lb = b.map((x) => Math.log(x));
  const row = new Float64Array(m);
  const col = new Float64Array(n);
  let it = 0;
  let err = Number.POSITIVE_INFINITY;
  const rowError = () => {
    let e = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < m; j++)
        s += Math.exp(((f[i] as number) + (g[j] as number) - (C[i * m + j] as number)) / eps);
      e += Math.abs(s - (a[i] as number));
    }
    return e;
  };
  while (it < maxIter) {
    it++;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) row[j] = ((g[j] as number) - (C[i * m + j] as number)) / eps;
      f[i] = eps * ((la[i] as number) - logSumExp(row, m));
    }
    for (let j = 0; j < m; j++) {
      for (let i = 0; i < n; i++) col[i] = ((f[i] as number) - (C[i * m + j] as number)) / eps;
      g[j] = eps * ((lb[j] as number) - logSumExp(col, n));
    }
    err = rowError();
    if (err < tol) break;
  }
  const plan = new Float64Array(n * m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++)
      plan[i * m + j] = Math.exp(((f[i] as number) + (g[j] as number) - (C[i * m + j] as number)) / eps);
  return { plan, iterations: it, converged: err < tol, marginalError: err };
}
