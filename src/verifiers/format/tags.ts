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
  let prevEnd = 0;
  let firstOpen = -1;
  for (const t of tags) {
    const open = `<${t}>`;
    const close = `</${t}>`;
    const i = text.indexOf(open);
    if (i === -1) return { ok: false, reason: `missing ${open}` };
    if (text.indexOf(open, i + open.length) !== -1)
      return { ok: false, reason: `${open} appears more than once` };
    const j = text.indexOf(close);
    if (j === -1) return { ok: false, reason: `missing ${close}` };
    if (text.indexOf(close, j + close.length) !== -1)
      return { ok: false, reason: `${close} appears more than once` };
    if (j < i) return { ok: false, reason: `${close} comes before ${open}` };
    if (i < prevEnd) return { ok: false, reason: `${open} comes before the previous block ends` };
    if (o.nonempty && text.slice(i + open.length, j).trim() === "")
      return { ok: false, reason: `${open} block is empty` };
    if (firstOpen === -1) firstOpen = i;
    prevEnd = j + close.length;
  }
  if (o.strictStart && text.slice(0, firstOpen).trim() !== "")
    return { ok: false, reason: "text before the first tag" };
  if (o.strictEnd && text.slice(prevEnd).trim() !== "")
    return { ok: false, reason: "text after the last closing tag" };
  return { ok: true };
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
