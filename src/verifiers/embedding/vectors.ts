/**
 * Reading and normalising embedding vectors carried in rollouts, references and parameters.
 */

/** Reads one vector of finite numbers (at most `maxDim` long); a message when it is not one. */
export function readVector(v: unknown, maxDim: number, what: string): Float64Array | string {
  if (!Array.isArray(v) || v.length === 0) return `${what} must be a non-empty list of numbers`;
  if (v.length > maxDim) return `${what} has ${v.length} dimensions (max_dim ${maxDim})`;
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== "number" || !Number.isFinite(x)) return `${what}[${i}] is not a finite number`;
    out[i] = x;
  }
  return out;
}

/** Reads one vector or a list of vectors of one dimension; a message otherwise. */
export function readVectors(
  v: unknown,
  maxDim: number,
  maxCount: number,
  what: string,
): Float64Array[] | string {
  if (!Array.isArray(v) || v.length === 0) return `${what} must be a vector or a non-empty list of vectors`;
  if (typeof v[0] === "number") {
    const one = readVector(v, maxDim, what);
    return typeof one === "string" ? one : [one];
  }
  if (v.length > maxCount) return `${what} has ${v.length} vectors (max ${maxCount})`;
  const out: Float64Array[] = [];
  for (let i = 0; i < v.length; i++) {
    const x = readVector(v[i], maxDim, `${what}[${i}]`);
    if (typeof x === "string") return x;
    if (out.length && x.length !== (out[0] as Float64Array).length)
      return `${what} vectors differ in dimension`;
    out.push(x);
  }
  return out;
}

/** Euclidean norm. */
export function norm(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) * (x[i] as number);
  return Math.sqrt(s);
}

/** x / ‖x‖, or null for a zero vector. */
export function unit(x: Float64Array): Float64Array | null {
  const n = norm(x);
  if (!(n > 0) || !Number.isFinite(n)) return null;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i] as number) / n;
  return out;
}

/** Dot product of two vectors of one dimension. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** The mean of vectors (each normalised first when `normalize`); a message for a zero vector. */
export function meanVector(vs: Float64Array[], normalize: boolean, what: string): Float64Array | string {
  const d = (vs[0] as Float64Array).length;
  const out = new Float64Array(d);
  for (const v of vs) {
    const u = normalize ? unit(v) : v;
    if (!u) return `${what} contains a zero vector`;
    for (let i = 0; i < d; i++) out[i] = (out[i] as number) + (u[i] as number) / vs.length;
  }
  return out;
}
