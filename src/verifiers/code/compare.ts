/** How a program's stdout is compared with the expected output. */
export type CompareMode = "exact" | "trim" | "tokens";

/**
 * Whether `got` matches `want`: `exact` byte for byte (after CRLF → LF); `trim` ignores trailing spaces
 * on each line and trailing blank lines (the usual judge rule); `tokens` compares whitespace-separated tokens.
 * @example outputMatches("3 \n\n", "3\n", "trim") // true
 */
export function outputMatches(got: string, want: string, mode: CompareMode): boolean {
  const g = got.replace(/\r\n/g, "\n");
  const w = want.replace(/\r\n/g, "\n");
  if (mode === "exact") return g === w;
  if (mode === "tokens") {
    const a = g.split(/\s+/).filter(Boolean);
    const b = w.split(/\s+/).filter(Boolean);
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return trimLines(g) === trimLines(w);
}

/** Trailing spaces and tabs off each line; a loop, not a regex, so a long run of spaces stays linear. */
function trimEnd(l: string): string {
  let end = l.length;
  while (end > 0 && (l.charCodeAt(end - 1) === 32 || l.charCodeAt(end - 1) === 9)) end--;
  return l.slice(0, end);
}

function trimLines(s: string): string {
  const lines = s.split("\n").map(trimEnd);
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n");
}
