import type { Language } from "../../sandbox/types.ts";

/** Fence info words that name each language. */
const ALIASES: Record<Language, readonly string[]> = {
  python: ["python", "python3", "py"],
  javascript: ["javascript", "js", "node", "nodejs", "mjs", "cjs"],
};

/** What was found: the code, the language its fence named (if any), and where it came from. */
export interface ExtractedCode {
  code: string;
  language: Language | null;
  source: "fence" | "untagged_fence" | "whole_text";
  /** True when the chosen fence was never closed (a truncated completion). */
  unclosed?: boolean;
}

function languageOf(info: string): Language | null {
  const word = info.trim().split(/[\s{]/, 1)[0]!.toLowerCase();
  for (const lang of Object.keys(ALIASES) as Language[]) if (ALIASES[lang].includes(word)) return lang;
  return null;
}

/**
 * The code to run from a completion: the last fenced block tagged with the wanted language (any known
 * language when `want` is null), else the last untagged fence, else the whole text. One pass over the
 * lines, so linear in the completion's length.
 * @example extractCode("text\n```python\nprint(1)\n```", "python") // { code: "print(1)\n", language: "python", source: "fence" }
 */
export function extractCode(text: string, want: Language | null): ExtractedCode {
  let lastTagged: ExtractedCode | null = null;
  let lastUntagged: ExtractedCode | null = null;
  let open: { marker: string; info: string; start: number } | null = null;
  let pos = 0;
  const take = (end: number, unclosed: boolean) => {
    if (!open) return;
    const code = text.slice(open.start, end);
    const lang = languageOf(open.info);
    const found: ExtractedCode = { code, language: lang, source: lang ? "fence" : "untagged_fence" };
    if (unclosed) found.unclosed = true;
    if (lang && (want === null || lang === want)) lastTagged = found;
    else if (!lang && open.info.trim() === "") lastUntagged = { ...found, source: "untagged_fence" };
    open = null;
  };
  while (pos <= text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (m) {
      if (!open) {
        if (!(m[1]![0] === "`" && m[2]!.includes("`"))) open = { marker: m[1]!, info: m[2]!, start: nl + 1 };
      } else if (m[1]![0] === open.marker[0] && m[1]!.length >= open.marker.length && m[2]!.trim() === "") {
        take(pos, false);
      }
    }
    pos = nl + 1;
  }
  if (open) take(text.length, true);
  const pick: ExtractedCode | null = lastTagged ?? lastUntagged;
  if (pick) return pick;
  return { code: text, language: null, source: "whole_text" };
}
