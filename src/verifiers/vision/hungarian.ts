/**
 * Minimum-cost one-to-one assignment (the Hungarian algorithm with row/column potentials), O(n²·m) for an
 * n×m cost matrix with n ≤ m (the matrix is transposed when it is taller than wide).
 */

/** Result of an assignment: matched (row, col) pairs and their total cost. */
export interface Assignment {
  pairs: [number, number][];
  cost: number;
}

/**
 * Solves the rectangular assignment problem: every row (or every column, whichever is fewer) is matched to a
 * distinct partner so that the summed cost is minimal. Costs must be finite.
 * (Kuhn–Munkres; shortest augmenting paths with potentials, as scipy's `linear_sum_assignment` solves it)
 * @example hungarian([[4, 1], [2, 8]]).pairs // [[0, 1], [1, 0]] (cost 3)
 */
export function hungarian(cost: readonly (readonly number[])[]): Assignment {
  const rows = cost.length;
  const cols = rows ? (cost[0] as readonly number[]).length : 0;
  if (rows === 0 || cols === 0) return { pairs: [], cost: 0 };
  const transpose = rows > cols;
  const n = transpose ? cols : rows;
  const m = transpose ? rows : cols;
  const a = (i: number, j: number): number =>
    transpose ? ((cost[j] as readonly number[])[i] as number) : ((cost[i] as readonly number[])[j] as number);
  // 1-based arrays as in the textbook formulation; index 0 is the virtual start column.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1); // p[j] = row matched to column j (0 = none)
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Number.POSITIVE_INFINITY);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0] as number;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = a(i0 - 1, j - 1) - (u[i0] as number) - (v[j] as number);
        if (cur < (minv[j] as number)) {
          minv[j] = cur;
          way[j] = j0;
        }
        if ((minv[j] as number) < delta) {
          delta = minv[j] as number;
          j1 = j;
        }
      }
      if (j1 === 0) break; // only reachable with non-finite costs; callers validate first
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j] as number] = (u[p[j] as number] as number) + delta;
          v[j] = (v[j] as number) - delta;
        } else minv[j] = (minv[j] as number) - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0] as number;
      p[j0] = p[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }
  const pairs: [number, number][] = [];
  let total = 0;
  for (let j = 1; j <= m; j++) {
    const i = p[j] as number;
    if (i === 0) continue;
    const c = a(i - 1, j - 1);
    total += c;
    pairs.push(transpose ? [j - 1, i - 1] : [i - 1, j - 1]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  return { pairs, cost: total };
}
