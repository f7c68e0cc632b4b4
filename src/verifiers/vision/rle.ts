/** A run-length mask in COCO's form: `size` [height, width] and column-major `counts` starting with zeros. */
export interface RleMask {
  size: [number, number];
  counts: number[] | string;
}

/**
 * Decodes COCO's compressed RLE string (6-bit chars from 48, 5 data bits + a continuation bit, sign-extended,
 * counts after the second stored as deltas to the count two before); null when malformed.
 * (pycocotools `rleFrString`)
 * @example decodeCounts("52203") // [5, 2, 2, 0 + 2, 3 + 2] = [5, 2, 2, 2, 5]
 */
export function decodeCounts(s: string, limit = 10_000_000): number[] | null {
  const out: number[] = [];
  let p = 0;
  while (p < s.length) {
    if (out.length >= limit) return null;
    let x = 0;
    let k = 0;
    let more = true;
    while (more) {
      if (p >= s.length || k > 5) return null;
      const c = s.charCodeAt(p) - 48;
      if (c < 0 || c > 63) return null;
      x |= (c & 0x1f) << (5 * k);
      more = (c & 0x20) !== 0;
      p++;
      k++;
      if (!more && c & 0x10) x |= -1 << (5 * k);
    }
    if (out.length > 2) x += out[out.length - 2] as number;
    out.push(x);
  }
  return out;
}

/**
 * The runs of ones of a mask as [start, end) intervals in column-major order, after checking that the counts
 * are non-negative and sum to height × width; a message when the mask is malformed.
 */
export function onesIntervals(
  m: unknown,
  limit = 10_000_000,
): { runs: number[]; total: number; size: [number, number] } | string {
  if (!m || typeof m !== "object") return "a mask must be an object {size, counts}";
  const { size, counts } = m as Partial<RleMask>;
  if (
    !Array.isArray(size) ||
    size.length !== 2 ||
    !size.every((x) => Number.isInteger(x) && (x as number) >= 0)
  )
    return "mask size must be [height, width]";
  const cs = typeof counts === "string" ? decodeCounts(counts, limit) : counts;
  if (!Array.isArray(cs)) return "mask counts must be a list of run lengths or a COCO RLE string";
  if (cs.length > limit) return "mask has too many runs";
  const runs: number[] = [];
  let pos = 0;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    if (typeof c !== "number" || !Number.isInteger(c) || c < 0)
      return "mask counts must be non-negative integers";
    if (i % 2 === 1 && c > 0) runs.push(pos, pos + c);
    pos += c;
  }
  const total = size[0] * size[1];
  if (pos !== total) return `mask counts sum to ${pos}, not height × width = ${total}`;
  return { runs, total, size: [size[0], size[1]] };
}

/** Number of foreground pixels of decoded runs. */
export function runsArea(runs: readonly number[]): number {
  let a = 0;
  for (let i = 0; i < runs.length; i += 2) a += (runs[i + 1] as number) - (runs[i] as number);
  return a;
}

/**
 * IoU of two run-length masks of the same size, computed on the runs (never decoded to pixels); 0 when both are
 * empty (pycocotools' convention).
 * @example runsIou([0, 4], [2, 6]) // 2 / 6
 */
export function runsIou(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i] as number, b[j] as number);
    const hi = Math.min(a[i + 1] as number, b[j + 1] as number);
    if (hi > lo) inter += hi - lo;
    if ((a[i + 1] as number) < (b[j + 1] as number)) i += 2;
    else j += 2;
  }
  const union = runsArea(a) + runsArea(b) - inter;
  return union > 0 ? inter / union : 0;
}
