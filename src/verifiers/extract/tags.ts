/**
 * Linear-time tag scanning with indexOf: never a backtracking regex over model output.
 * Tags are matched byte-exactly, so a homoglyph (`<аnswer>` with Cyrillic а) or a zero-width space is not a tag.
 */

/** One `<tag>…</tag>` block: offsets of the open tag, the content and the close tag. */
export interface TagBlock {
  open: number;
  contentStart: number;
  contentEnd: number;
  close: number;
}

/** Every occurrence offset of `needle` in `text`, in order. O(n). */
export function occurrences(text: string, needle: string, limit = Number.POSITIVE_INFINITY): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (
    let i = text.indexOf(needle);
    i !== -1 && out.length < limit;
    i = text.indexOf(needle, i + needle.length)
  )
    out.push(i);
  return out;
}

/**
 * Non-overlapping `<tag>…</tag>` blocks, each open tag paired with the next close tag after it. O(n).
 * @example tagBlocks("<a>1</a><a>2</a>", "a").length // 2
 */
export function tagBlocks(text: string, tag: string): TagBlock[] {
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  const out: TagBlock[] = [];
  let i = text.indexOf(open);
  while (i !== -1) {
    const cs = i + open.length;
    const j = text.indexOf(close, cs);
    if (j === -1) break;
    out.push({ open: i, contentStart: cs, contentEnd: j, close: j + close.length });
    i = text.indexOf(open, j + close.length);
  }
  return out;
}

/**
 * Content of the last (or first) complete `<tag>…</tag>` block, or null. O(n).
 * @example tagContent("<answer> 4 </answer>", "answer") // " 4 "
 */
export function tagContent(text: string, tag: string, which: "last" | "first" = "last"): string | null {
  const close = `</${tag}>`;
  const open = `<${tag}>`;
  if (which === "first") {
    const i = text.indexOf(open);
    if (i === -1) return null;
    const j = text.indexOf(close, i + open.length);
    return j === -1 ? null : text.slice(i + open.length, j);
  }
  const j = text.lastIndexOf(close);
  if (j === -1) return null;
  const i = text.lastIndexOf(open, j - open.length);
  return i === -1 ? null : text.slice(i + open.length, j);
}
