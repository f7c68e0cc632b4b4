import type { ViewRun } from "./context.ts";
import { ViewError } from "./samples.ts";

/** Up to this many points the scatter sends them raw; past it the server bins them. */
export const SCATTER_RAW_MAX = 5000;

/**
 * View 5 — reward (or a component) against length, coloured by truncation. Up to `SCATTER_RAW_MAX` points are
 * sent as points; past that the server bins them on a `bins`×`bins` grid (counts, and truncated counts), so a
 * million rollouts cost the browser one small grid.
 * @example scatterView(run, { y: "score" }).mode // "points" | "bins"
 */
export function scatterView(v: ViewRun, q: { y?: string; step?: unknown; bins?: unknown }) {
  return v.memo(`scatter\u0000${q.y ?? ""}\u0000${q.step ?? ""}\u0000${q.bins ?? ""}`, () => scatterOf(v, q));
}

function scatterOf(v: ViewRun, q: { y?: string; step?: unknown; bins?: unknown }) {
  const cols = v.cols();
  const yName = q.y ?? "score";
  let y: Float64Array;
  if (yName === "score") y = cols.score;
  else if (yName === "advantage") y = cols.advantage;
  else {
    const c = cols.components.find((x) => x.name === yName.replace(/^c:/, ""));
    if (!c) throw new ViewError(`no component named "${yName}"`);
    y = c.values;
  }
  const x = cols.length;
  let rows: ArrayLike<number> | null = null;
  if (q.step !== undefined && q.step !== "") {
    const k = cols.steps.indexOf(Number(q.step));
    rows = k >= 0 ? cols.rowsOfStep[k]! : new Int32Array(0);
  }
  const n = rows ? rows.length : cols.n;
  const idx = (j: number) => (rows ? rows[j]! : j);
  let xmin = Number.POSITIVE_INFINITY;
  let xmax = Number.NEGATIVE_INFINITY;
  let ymin = Number.POSITIVE_INFINITY;
  let ymax = Number.NEGATIVE_INFINITY;
  let valid = 0;
  for (let j = 0; j < n; j++) {
    const i = idx(j);
    const yy = y[i]!;
    if (Number.isNaN(yy)) continue;
    valid++;
    const xx = x[i]!;
    if (xx < xmin) xmin = xx;
    if (xx > xmax) xmax = xx;
    if (yy < ymin) ymin = yy;
    if (yy > ymax) ymax = yy;
  }
  let truncated = 0;
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let j = 0; j < n; j++) {
    const i = idx(j);
    const yy = y[i]!;
    if (Number.isNaN(yy)) continue;
    const xx = x[i]!;
    truncated += cols.truncated[i]!;
    sx += xx;
    sy += yy;
    sxy += xx * yy;
    sxx += xx * xx;
    syy += yy * yy;
  }
  const cov = sxy / valid - (sx / valid) * (sy / valid);
  const pearson = cov / Math.sqrt((sxx / valid - (sx / valid) ** 2) * (syy / valid - (sy / valid) ** 2));
  const base = {
    y: yName,
    n: valid,
    truncated,
    pearson: Number.isFinite(pearson) ? pearson : null,
    xmin,
    xmax,
    ymin,
    ymax,
  };
  if (valid <= SCATTER_RAW_MAX) {
    const px: number[] = [];
    const py: number[] = [];
    const pt: number[] = [];
    const ids: string[] = [];
    for (let j = 0; j < n; j++) {
      const i = idx(j);
      if (Number.isNaN(y[i]!)) continue;
      px.push(x[i]!);
      py.push(y[i]!);
      pt.push(cols.truncated[i]!);
      ids.push(cols.id[i]!);
    }
    return { ...base, mode: "points" as const, x: px, yv: py, t: pt, ids };
  }
  const B = Math.min(200, Math.max(8, Number(q.bins) || 64));
  const counts = new Uint32Array(B * B);
  const tcounts = new Uint32Array(B * B);
  const fx = xmax - xmin || 1;
  const fy = ymax - ymin || 1;
  for (let j = 0; j < n; j++) {
    const i = idx(j);
    const yy = y[i]!;
    if (Number.isNaN(yy)) continue;
    const bx = Math.min(B - 1, Math.floor(((x[i]! - xmin) / fx) * B));
    const by = Math.min(B - 1, Math.floor(((yy - ymin) / fy) * B));
    counts[by * B + bx]!++;
    if (cols.truncated[i]) tcounts[by * B + bx]!++;
  }
  return {
    ...base,
    mode: "bins" as const,
    bins: B,
    counts: Array.from(counts),
    truncatedCounts: Array.from(tcounts),
  };
}
