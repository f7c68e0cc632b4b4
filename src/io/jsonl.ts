import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";

/** One line of a JSONL file: its 1-based number, its text, and the parsed value or the parse error. */
export interface JsonlLine {
  line: number;
  text: string;
  value?: unknown;
  error?: string;
}

/** A slice of a JSONL file: bytes [start, end) beginning at line `firstLine` (1-based), for sharded runs. */
export interface ByteRange {
  start: number;
  end: number;
  firstLine: number;
}

/**
 * Streams a JSONL file in batches of parsed lines; memory stays bounded by the batch size, whatever the file
 * size. Blank lines are skipped; a line that is not JSON comes back with `error` (the caller decides).
 * @example for await (const batch of readJsonl("in.jsonl", 1024)) for (const l of batch) use(l.value);
 */
export async function* readJsonl(
  path: string,
  batchSize = 1024,
  maxLineChars = 64 << 20,
  range?: ByteRange,
): AsyncGenerator<JsonlLine[]> {
  const stream = createReadStream(path, {
    highWaterMark: 1 << 20,
    ...(range ? { start: range.start, end: range.end - 1 } : {}),
  });
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let lineNo = range ? range.firstLine - 1 : 0;
  let batch: JsonlLine[] = [];
  const push = (text: string) => {
    lineNo++;
    const t = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (t.trim() === "") return;
    if (t.length > maxLineChars) {
      batch.push({ line: lineNo, text: "", error: `line longer than ${maxLineChars} characters` });
      return;
    }
    try {
      batch.push({ line: lineNo, text: t, value: JSON.parse(t) });
    } catch (e) {
      batch.push({ line: lineNo, text: t, error: e instanceof Error ? e.message : String(e) });
    }
  };
  // A line longer than maxLineChars is skipped up to its newline and reported, so one giant line cannot
  // exhaust memory.
  let skipping = false;
  for await (const chunk of stream) {
    let s = rest + decoder.write(chunk as Buffer);
    let start = 0;
    if (skipping) {
      const nl = s.indexOf("\n");
      if (nl === -1) continue;
      skipping = false;
      start = nl + 1;
      lineNo++;
      batch.push({ line: lineNo, text: "", error: `line longer than ${maxLineChars} characters` });
    }
    for (let nl = s.indexOf("\n", start); nl !== -1; nl = s.indexOf("\n", start)) {
      push(s.slice(start, nl));
      start = nl + 1;
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    rest = s.slice(start);
    if (rest.length > maxLineChars) {
      skipping = true;
      rest = "";
      s = "";
    }
  }
  if (skipping) {
    lineNo++;
    batch.push({ line: lineNo, text: "", error: `line longer than ${maxLineChars} characters` });
  }
  rest += decoder.end();
  if (rest) push(rest);
  if (batch.length) yield batch;
}
