/**
 * A sparse feature vector: sorted unique indices and their values.
 * @example const v: SparseVec = { idx: Int32Array.from([2, 9]), val: Float64Array.from([1, -0.5]) };
 */
export interface SparseVec {
  idx: Int32Array;
  val: Float64Array;
}

/**
 * Builds a sorted, de-duplicated sparse vector from non-negative (index, value) entries, summing duplicates and
 * dropping exact zeros (signed hashing collisions can cancel).
 * @example sparseFrom([3, 1, 3], [1, 2, 1]) // idx [1, 3], val [2, 2]
 */
export function sparseFrom(indices: ArrayLike<number>, values: ArrayLike<number>): SparseVec {
  const n = indices.length;
  // Sort (index, position) packed in one float key: the typed-array numeric sort needs no comparator.
  // Exact while index < 2^32 and n < 2^20; longer inputs fall back to a comparator sort.
  let order: ArrayLike<number>;
  if (n < 1 << 20) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = indices[i]! * 1048576 + i;
    keys.sort();
    const o = new Int32Array(n);
    for (let i = 0; i < n; i++) o[i] = keys[i]! % 1048576;
    order = o;
  } else {
    const o = new Int32Array(n);
    for (let i = 0; i < n; i++) o[i] = i;
    o.sort((a, b) => indices[a]! - indices[b]! || a - b);
    order = o;
  }
  const idx: number[] = [];
  const val: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const j = indices[i]!;
    if (idx.length && idx[idx.length - 1] === j) val[val.length - 1]! += values[i]!;
    else {
      idx.push(j);
      val.push(values[i]!);
    }
  }
  const outI: number[] = [];
  const outV: number[] = [];
  for (let k = 0; k < idx.length; k++) {
    if (val[k] !== 0) {
      outI.push(idx[k]!);
      outV.push(val[k]!);
    }
  }
  return { idx: Int32Array.from(outI), val: Float64Array.from(outV) };
}

/**
 * Dot product of a sparse vector with a dense weight row starting at `offset`.
 * @example dotDense(v, weights, head * dim)
 */
export function dotDense(v: SparseVec, w: Float64Array, offset = 0): number {
  let s = 0;
  const { idx, val } = v;
  for (let k = 0; k < idx.length; k++) s += val[k]! * w[offset + idx[k]!]!;
  return s;
}

/**
 * Dot product of two sparse vectors (merge of sorted indices).
 * @example dotSparse(a, b)
 */
export function dotSparse(a: SparseVec, b: SparseVec): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i]!;
    const y = b.idx[j]!;
    if (x === y) s += a.val[i++]! * b.val[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/**
 * Euclidean norm of a sparse vector.
 * @example norm(v)
 */
export function norm(v: SparseVec): number {
  let s = 0;
  for (let k = 0; k < v.val.length; k++) s += v.val[k]! * v.val[k]!;
  return Math.sqrt(s);
}

/**
 * Cosine similarity of two sparse vectors (0 when either is empty).
 * @example cosine(a, a) // 1
 */
export function cosine(a: SparseVec, b: SparseVec): number {
  const na = norm(a);
  const nb = norm(b);
  return na === 0 || nb === 0 ? 0 : dotSparse(a, b) / (na * nb);
}

/**
 * The difference a − b as a sparse vector.
 * @example subtract(chosen, rejected)
 */
export function subtract(a: SparseVec, b: SparseVec): SparseVec {
  const idx = new Int32Array(a.idx.length + b.idx.length);
  const val = new Float64Array(idx.length);
  idx.set(a.idx);
  val.set(a.val);
  for (let k = 0; k < b.idx.length; k++) {
    idx[a.idx.length + k] = b.idx[k]!;
    val[a.val.length + k] = -b.val[k]!;
  }
  return sparseFrom(idx, val);
}
