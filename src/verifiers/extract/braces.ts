/**
 * Brace matching in one pass, so finding `\boxed{…}` stays linear even on `\boxed{` × 10,000 unclosed.
 */

/** For every `{` at offset i, the offset of its matching `}` (or -1), computed with one stack pass. O(n). */
export function matchBraces(text: string): Int32Array {
  const match = new Int32Array(text.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */ && (text[i + 1] === "{" || text[i + 1] === "}")) {
      i++;
      continue;
    }
    if (c === 123) stack.push(i);
    else if (c === 125) {
      const o = stack.pop();
      if (o !== undefined) match[o] = i;
    }
  }
  return match;
}

/**
 * Contents of every complete `\cmd{…}` (default `\boxed` and `\fbox`), in order of appearance. O(n).
 * @example boxedContents("so \\boxed{\\frac{1}{2}}") // ["\\frac{1}{2}"]
 */
export function boxedContents(text: string, commands: readonly string[] = ["\\boxed", "\\fbox"]): string[] {
  if (!commands.some((c) => text.includes(c))) return [];
  const match = matchBraces(text);
  const found: { at: number; content: string }[] = [];
  for (const cmd of commands) {
    let i = text.indexOf(cmd);
    while (i !== -1) {
      let b = i + cmd.length;
      while (b < text.length && text[b] === " ") b++;
      if (text[b] === "{") {
        const e = match[b]!;
        if (e !== -1) found.push({ at: i, content: text.slice(b + 1, e) });
      }
      i = text.indexOf(cmd, i + cmd.length);
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.content);
}
