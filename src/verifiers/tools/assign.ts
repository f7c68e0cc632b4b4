/**
 * One-to-one assignment of predicted calls to expected calls maximising total credit: exact by dynamic
 * programming over subsets when the predicted side is small, greedy (best pair first) beyond that.
 */

/** Largest predicted-call count solved exactly (2^10 subsets per expected call). */
export const EXACT_LIMIT = 10;

/**
 * For each row (expected call) the matched column (predicted call) or -1, maximising Σ credit[row][col].
 * @example assign([[1, 0], [0.5, 1]]) // [0, 1]
 */
export function assign(credit: readonly (readonly number[])[]): number[] {
  const n = credit.length;
  const m = n === 0 ? 0 : credit[0]!.length;
  if (n === 0) return [];
  if (m === 0) return new Array(n).fill(-1);
  return m <= EXACT_LIMIT ? exact(credit, n, m) : greedy(credit, n, m);
}

function exact(credit: readonly (readonly number[])[], n: number, m: number): number[] {
  const size = 1 << m;
  // best[i][mask]: best credit for rows i.. given the columns in mask are taken.
  const best: Float64Array[] = [];
  for (let i = 0; i <= n; i++) best.push(new Float64Array(size));
  for (let i = n - 1; i >= 0; i--) {
    const row = credit[i]!;
    const next = best[i + 1]!;
    const cur = best[i]!;
    for (let mask = 0; mask < size; mask++) {
      let v = next[mask]!;
      for (let j = 0; j < m; j++) {
        if (mask & (1 << j)) continue;
        const c = row[j]!;
        if (c <= 0) continue;
        const w = c + next[mask | (1 << j)]!;
        if (w > v) v = w;
      }
      cur[mask] = v;
    }
  }
  const out: number[] = new Array(n).fill(-1);
  let mask = 0;
  for (let i = 0; i < n; i++) {
    const row = credit[i]!;
    const target = best[i]![mask]!;
    const next = best[i + 1]!;
    // Ties go to the earliest row and column, so the assignment is deterministic.
    for (let j = 0; j < m; j++) {
      if (mask & (1 << j) || row[j]! <= 0) continue;
      if (row[j]! + next[mask | (1 << j)]! === target) {
        out[i] = j;
        mask |= 1 << j;
        break;
      }
    }
  }
  return out;
}

function greedy(credit: readonly (readonly number[])[], n: number, m: number): number[] {
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) if (credit[i]![j]! > 0) pairs.push([credit[i]![j]!, i, j]);
  pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const out: number[] = new Array(n).fill(-1);
  const used = new Uint8Array(m);
  for (const [, i, j] of pairs) {
    if (out[i] !== -1 || used[j]) continue;
    out[i] = j;
    used[j] = 1;
  }
  return out;
}

/**
 * BFCL's parallel matching: expected calls in order, each taking the first unused predicted call that is valid for
 * it (`parallel_function_checker_no_order`), so an earlier expected call can take the output a later one needed.
 * Rows left without a valid call are then given the best remaining columns by credit (for partial credit only).
 * @example assignFirstValid([[true, true], [true, false]], [[1, 1], [1, 0]]) // [0, -1]: greedy strands row 1
 */
export function assignFirstValid(
  valid: readonly (readonly boolean[])[],
  credit: readonly (readonly number[])[],
): number[] {
  const n = valid.length;
  const m = n === 0 ? 0 : valid[0]!.length;
  const out: number[] = new Array(n).fill(-1);
  const used = new Uint8Array(m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      if (used[j] || !valid[i]![j]) continue;
      out[i] = j;
      used[j] = 1;
      break;
    }
  }
  const rows: number[] = [];
  const cols: number[] = [];
  for (let i = 0; i < n; i++) if (out[i] === -1) rows.push(i);
  for (let j = 0; j < m; j++) if (!used[j]) cols.push(j);
  if (rows.length === 0 || cols.length === 0) return out;
  const sub = assign(rows.map((i) => cols.map((j) => credit[i]![j]!)));
  for (let r = 0; r < rows.length; r++) if (sub[r] !== -1) out[rows[r]!] = cols[sub[r]!]!;
  return out;
}
