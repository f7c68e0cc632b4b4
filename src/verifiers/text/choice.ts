import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText, referenceAt } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { boxedContents } from "../extract/braces.ts";
import { tagContent } from "../extract/tags.ts";

const params = z.strictObject({
  choices: z
    .string()
    .regex(/^[A-Z]+$/, "expected capital letters such as ABCD")
    .default("ABCDE"),
  reference_field: z.string().optional(),
});

const ANCHORS = ["answer is", "answer:", "answer :", "option", "choice"];

/**
 * Finds the chosen letter: an answer tag, a boxed letter, an anchor ("the answer is (B)"), or the last
 * standalone letter in parentheses or alone on a line. Linear in the text.
 * @example pickChoice("I think the answer is (C).", "ABCD") // "C"
 */
export function pickChoice(text: string, choices: string): { letter: string; rule: string } | null {
  const single = (s: string | null | undefined): string | null => {
    if (s == null) return null;
    const m = /^\s*\(?\s*([A-Z])\s*\)?\s*[.:]?\s*(?:$|\s)/.exec(s.slice(0, 200));
    return m && choices.includes(m[1]!) ? m[1]! : null;
  };
  const fromTag = single(tagContent(text, "answer"));
  if (fromTag) return { letter: fromTag, rule: "answer_tag" };
  const boxed = single(
    boxedContents(text)
      .at(-1)
      ?.replace(/\\text\{(.*)\}/, "$1"),
  );
  if (boxed) return { letter: boxed, rule: "boxed" };
  const lower = text.toLowerCase();
  let best = -1;
  let bestLetter: string | null = null;
  for (const a of ANCHORS) {
    const i = lower.lastIndexOf(a);
    if (i > best) {
      const l = single(text.slice(i + a.length).replace(/^[\s*:]+/, ""));
      if (l) {
        best = i;
        bestLetter = l;
      }
    }
  }
  if (bestLetter) return { letter: bestLetter, rule: "anchor" };
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i]!;
    if (!choices.includes(c)) continue;
    const before = text[i - 1];
    const after = text[i + 1];
    const paren = before === "(" && after === ")";
    const alone =
      (before === undefined || before === "\n" || before === " ") &&
      (after === undefined || after === "\n" || after === "." || after === ")");
    if (paren || (alone && (before === undefined || before === "\n")))
      return { letter: c, rule: paren ? "parenthesised" : "line" };
  }
  return null;
}

/**
 * Multiple-choice letter extraction scored against the reference letter.
 * @example { kind: text.choice, choices: ABCD }
 */
export const textChoice = leafKind({
  kind: "text.choice",
  summary:
    "Extracts a multiple-choice letter (tag, boxed, anchor, parenthesised) and compares it to the reference.",
  params,
  score(r, p) {
    const ref = referenceAt(r, p.reference_field);
    const want =
      typeof ref === "string"
        ? ref
            .trim()
            .replace(/^\(|\)$/g, "")
            .toUpperCase()
        : "";
    if (want.length !== 1 || !p.choices.includes(want)) {
      return fail(
        "invalid_input",
        `reference must be one of the letters ${p.choices}, got ${JSON.stringify(ref)?.slice(0, 40)}`,
      );
    }
    const got = pickChoice(completionText(r), p.choices);
    if (!got) return ok(0, { info: { extracted: null, reason: "no choice letter found" } });
    return ok(got.letter === want ? 1 : 0, { info: { extracted: got.letter, rule: got.rule } });
  },
});
