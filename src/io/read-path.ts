/**
 * Reads a dotted path (`reward.score`, `meta.answer`) from a row; a key that itself contains dots
 * (`"reward.score": 1`) is found first. Own properties only, so `__proto__` and inherited names read nothing.
 * @example readPath({ reward: { score: 1 } }, "reward.score") // 1
 */
export function readPath(row: unknown, path: string): unknown {
  if (row == null || typeof row !== "object") return undefined;
  if (Object.hasOwn(row, path)) return (row as Record<string, unknown>)[path];
  let cur: unknown = row;
  for (const k of path.split(".")) {
    if (cur == null || typeof cur !== "object" || !Object.hasOwn(cur as object, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}
