/**
 * Groups of rows that share a prompt, as a compact index: group g holds rows
 * `order[offsets[g]] … order[offsets[g+1] − 1]` (or the contiguous range itself when `order` is null).
 * @example const g = groupBy(["p1", "p1", "p2"]); g.offsets // Int32Array [0, 2, 3]
 */
export interface Groups {
  /** Row indices sorted by group (stable), or null when each group is already a contiguous range of rows. */
  readonly order: Int32Array | null;
  /** Group boundaries into `order` (or into the rows); length = number of groups + 1. */
  readonly offsets: Int32Array;
  /** The key of each group, in order of first appearance, when built from keys. */
  readonly keys?: readonly unknown[];
}

/**
 * Groups rows by key in order of first appearance; a row without a key (`undefined`/`null`) is a group of its own,
 * so an unlabelled row never borrows another row's baseline.
 * @example groupBy([1, 2, 1]).order // Int32Array [0, 2, 1]
 */
export function groupBy(keys: ArrayLike<unknown>): Groups {
  const n = keys.length;
  const gid = new Int32Array(n);
  const ids = new Map<unknown, number>();
  const groupKeys: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (k === undefined || k === null) {
      gid[i] = groupKeys.length;
      groupKeys.push(null);
      continue;
    }
    let id = ids.get(k);
    if (id === undefined) {
      id = groupKeys.length;
      ids.set(k, id);
      groupKeys.push(k);
    }
    gid[i] = id;
  }
  const g = groupKeys.length;
  const offsets = new Int32Array(g + 1);
  for (let i = 0; i < n; i++) offsets[gid[i]! + 1]!++;
  for (let j = 0; j < g; j++) offsets[j + 1]! += offsets[j]!;
  const fill = offsets.slice(0, g);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[gid[i]!]!++] = i;
  return { order, offsets, keys: groupKeys };
}

/**
 * Contiguous groups of `size` rows (the layout trainers use: G completions per prompt, back to back);
 * a trailing partial group is kept as a smaller group.
 * @example fixedGroups(6, 3).offsets // Int32Array [0, 3, 6]
 */
export function fixedGroups(n: number, size: number): Groups {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`group size must be a positive integer, got ${size}`);
  const g = Math.ceil(n / size);
  const offsets = new Int32Array(g + 1);
  for (let j = 0; j <= g; j++) offsets[j] = Math.min(n, j * size);
  return { order: null, offsets };
}

/** Number of groups. */
export function groupCount(groups: Groups): number {
  return groups.offsets.length - 1;
}

/**
 * The row indices of group `g` (allocates; for hot loops iterate `offsets`/`order` directly).
 * @example rowsOf(groupBy(["a", "b", "a"]), 0) // [0, 2]
 */
export function rowsOf(groups: Groups, g: number): number[] {
  const out: number[] = [];
  const { order, offsets } = groups;
  for (let k = offsets[g]!; k < offsets[g + 1]!; k++) out.push(order ? order[k]! : k);
  return out;
}
