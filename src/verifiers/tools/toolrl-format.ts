/**
 * ToolRL's format check, written as indexOf scans equivalent to its four anchored regexes (arXiv 2504.13958,
 * `rlla.py` customize_format_reward_func), so a hostile completion cannot make it backtrack.
 */

/** Which blocks the ground truth holds; it selects one of ToolRL's four format cases. */
export interface FormatCase {
  toolCall: boolean;
  response: boolean;
}

/** Python's `$` (no MULTILINE) also matches just before one final newline; the reference relies on it. */
function endsWithTag(text: string, tag: string): number {
  if (text.endsWith(tag)) return text.length - tag.length;
  if (text.endsWith(`${tag}\n`)) return text.length - tag.length - 1;
  return -1;
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** True when `at` is preceded by `</think>\n` whose `</think>` starts after the leading `<think>`. */
function afterThink(text: string, at: number): boolean {
  const sep = "</think>\n";
  const s = at - sep.length;
  return s >= 7 && text.startsWith(sep, s);
}

/**
 * ToolRL's format reward condition for one completion text:
 * - neither: `^<think>.*?</think>$`
 * - response: `^<think>.*?</think>\n<response>.*?</response>$`, one `<response>` pair
 * - tool call: `^<think>.*?</think>\n<tool_call>\n.*?\n</tool_call>$`, one `<tool_call>` pair
 * - both: `^<think>.*?</think>\n<tool_call>\n.*?\n</tool_call>\n<response>.*?</response>$`, one pair of each
 * (ToolRL, arXiv 2504.13958 §3, format reward ∈ {0, 1}).
 * @example toolrlFormatOk("<think>x</think>\n<response>hi</response>", { toolCall: false, response: true }) // true
 */
export function toolrlFormatOk(text: string, c: FormatCase): boolean {
  if (!text.startsWith("<think>")) return false;
  if (!c.toolCall && !c.response) {
    const e = endsWithTag(text, "</think>");
    return e >= 7;
  }
  let responseStart = -1;
  if (c.response) {
    if (count(text, "<response>") !== 1 || count(text, "</response>") !== 1) return false;
    responseStart = text.indexOf("<response>");
    const e = endsWithTag(text, "</response>");
    if (e < responseStart + "<response>".length) return false;
  }
  if (!c.toolCall) return afterThink(text, responseStart);
  if (count(text, "<tool_call>") !== 1 || count(text, "</tool_call>") !== 1) return false;
  const open = text.indexOf("<tool_call>");
  if (!afterThink(text, open)) return false;
  const contentStart = open + "<tool_call>".length;
  if (text[contentStart] !== "\n") return false;
  const close = text.indexOf("</tool_call>");
  // `<tool_call>\n.*?\n</tool_call>` needs two distinct newlines around a possibly empty content.
  if (close - 1 < contentStart + 1 || text[close - 1] !== "\n") return false;
  const closeEnd = close + "</tool_call>".length;
  if (c.response) return responseStart === closeEnd + 1 && text[closeEnd] === "\n";
  return endsWithTag(text, "</tool_call>") === close;
}
