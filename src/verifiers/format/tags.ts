import { z } from "zod";
import { ok } from "../../core/result.ts";
import { completionText } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";

const params = z.strictObject({
  tags: z
    .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "expected a tag name such as think"))
    .min(1)
    .default(["think", "answer"]),
  /** Only whitespace may come before the first tag. */
  strict_start: z.boolean().default(false),
  /** Only whitespace may come after the last closing tag (text after the answer is a known hack). */
  strict_end: z.boolean().default(true),
  /** Blocks must not be empty (whitespace only). */
  nonempty: z.boolean().default(true),
});

/** Result of a tag-format check: whether it passed and, if not, why. */
export interface TagCheck {
  ok: boolean;
  reason?: string;
}

/**
 * Checks that each tag appears exactly once as `<t>…</t>`, in the given order, by counting with indexOf:
 * linear time, never a backtracking regex over model output. Homoglyph tags do not count as tags.
 * @example checkTags("<think>a</think><answer>4</answer>", ["think", "answer"]) // { ok: true }
 */
export function checkTags(
  text: string,
  tags: readonly string[],
  o: { strictStart?: boolean; strictEnd?: boolean; nonempty?: boolean } = {},
): TagCheck {
  // One pass over the '<' characters (a fast single-character search), counting each tag's opens and
  // closes and remembering the first of each: linear, and cheap on long texts with few tags.
  const opens = tags.map(() => ({ n: 0, at: -1 }));
  const closes = tags.map(() => ({ n: 0, at: -1 }));
  for (let p = text.indexOf("<"); p !== -1; p = text.indexOf("<", p + 1)) {
    const slash = text.charCodeAt(p + 1) === 47;
    const from = slash ? p + 2 : p + 1;
    for (let t = 0; t < tags.length; t++) {
      const tag = tags[t]!;
      if (text.charCodeAt(from + tag.length) !== 62 || !text.startsWith(tag, from)) continue;
      const slot = slash ? closes[t]! : opens[t]!;
      if (slot.n++ === 0) slot.at = p;
    }
  }
  let prevEnd = 0;
  let firstOpen = -1;
  for (let t = 0; t < tags.length; t++) {
    const open = `<${tags[t]}>`;
    const close = `</${tags[t]}>`;
    const oi = opens[t]!;
    const ci = closes[t]!;
    if (oi.n === 0) return { ok: false, reason: `missing ${open}` };
    if (oi.n > 1) return { ok: false, reason: `${open} appears more than once` };
    if (ci.n === 0) return { ok: false, reason: `missing ${close}` };
    if (ci.n > 1) return { ok: false, reason: `${close} appears more than once` };
    const i = oi.at;
    const j = ci.at;
    if (j < i) return { ok: false, reason: `${close} comes before ${open}` };
    if (i < prevEnd) return { ok: false, reason: `${open} comes before the previous block ends` };
    if (o.nonempty && blank(text, i + open.length, j)) return { ok: false, reason: `${open} block is empty` };
    if (firstOpen === -1) firstOpen = i;
    prevEnd = j + close.length;
  }
  if (o.strictStart && !blank(text, 0, firstOpen)) return { ok: false, reason: "text before the first tag" };
  if (o.strictEnd && !blank(text, prevEnd, text.length))
    return { ok: false, reason: "text after the last closing tag" };
  return { ok: true };
}

/** True when text[from, to) is only whitespace (no substring copy). */
function blank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 12 && c !== 11 && c !== 0xa0 && c !== 0xfeff)
      return false;
  }
  return true;
}

/**
 * 1 when the required tags (default think, answer) each appear exactly once and in order, else 0 with the reason.
 * @example { kind: format.tags, tags: [think, answer] }
 */
export const formatTags = leafKind({
  kind: "format.tags",
  summary: "Required tags each exactly once and in order (linear-time scanner); 1 or 0 with the reason.",
  params,
  score(r, p) {
    const c = checkTags(completionText(r), p.tags, {
      strictStart: p.strict_start,
      strictEnd: p.strict_end,
      nonempty: p.nonempty,
    });
    return c.ok ? ok(1) : ok(0, { info: { reason: c.reason } });
  },
});
