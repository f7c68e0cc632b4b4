import type { Groups } from "./groups.ts";

/** Options of `normalizeThenSum`. */
export interface GdpoOptions {
  /** Weight of each component (default 1 each). */
  weights?: ArrayLike<number>;
  /** Added to each std (TRL: 1e-4). */
  eps?: number;
  /** Whiten the weighted sum over the batch at the end (TRL does; default true). */
  batchNormalize?: boolean;
}

/**
 * GDPO-style multi-component advantages: normalise each component within its group, (c − mean_g c)/(std_g c + eps),
 * ignoring nulls; take the weighted sum of the components that apply; then normalise that over the batch.
 * A row where every component is null is unscorable: advantage 0, outside every statistic.
 * (GDPO; TRL `multi_objective_aggregation="normalize_then_sum"`)
 * @example normalizeThenSum([Float64Array.of(1, 0), Float64Array.of(0, 1)], fixedGroups(2, 2), { weights: [2, 1] })
 */
export function normalizeThenSum(
  components: readonly ArrayLike<number>[],
  groups: Groups,
  o: GdpoOptions = {},
): Float64Array {
  const n = components[0]?.length ?? 0;
  const eps = o.eps ?? 1e-4;
  const sum = new Float64Array(n).fill(Number.NaN);
  const { order, offsets } = groups;
  components.forEach((comp, k) => {
    if (comp.length !== n) throw new RangeError(`component ${k} has ${comp.length} rows, expected ${n}`);
    const w = o.weights ? o.weights[k]! : 1;
    for (let g = 0; g < offsets.length - 1; g++) {
      let s = 0;
      let c = 0;
      for (let j = offsets[g]!; j < offsets[g + 1]!; j++) {
        const x = comp[order ? order[j]! : j]!;
        if (!Number.isNaN(x)) {
          s += x;
          c++;
        }
      }
      if (c === 0) continue;
      const m = s / c;
      let q = 0;
      for (let j = offsets[g]!; j < offsets[g + 1]!; j++) {
        const x = comp[order ? order[j]! : j]!;
        if (!Number.isNaN(x)) q += (x - m) * (x - m);
      }
      // TRL: a single value has std 0 (no spread), so its normalised component is 0.
      const sd = c > 1 ? Math.sqrt(q / (c - 1)) : 0;
      for (let j = offsets[g]!; j < offsets[g + 1]!; j++) {
        const i = order ? order[j]! : j;
        const x = comp[i]!;
        if (Number.isNaN(x)) continue;
        const v = (w * (x - m)) / (sd + eps);
        sum[i] = !Number.isNaN(sum[i]!) ? sum[i]! + v : v;
      }
    }
  });
  if (o.batchNormalize === false) return sum.map((x) => (!Number.isNaN(x) ? x : 0));
  // TRL divides by (std + 1e-4) here too; the same eps keeps the two stages consistent.
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++)
    if (!Number.isNaN(sum[i]!)) {
      s += sum[i]!;
      c++;
    }
  const out = new Float64Array(n);
  if (c === 0) return out;
  const m = s / c;
  let q = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(sum[i]!)) q += (sum[i]! - m) ** 2;
  const sd = c > 1 ? Math.sqrt(q / (c - 1)) : 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(sum[i]!)) out[i] = (sum[i]! - m) / (sd + eps);
  return out;
}
