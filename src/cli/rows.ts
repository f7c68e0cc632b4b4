import { readJsonl } from "../io/jsonl.ts";

/**
 * Streams the JSON objects of a JSONL file (memory bounded by the batch), stopping at the first line that is
 * not a JSON object with `file:line: reason`.
 * @example for await (const { row, line } of jsonlObjects("scored.jsonl")) use(row);
 */
export async function* jsonlObjects(
  file: string,
): AsyncGenerator<{ row: Record<string, unknown>; line: number }> {
  for await (const batch of readJsonl(file)) {
    for (const l of batch) {
      if (l.error !== undefined) throw new Error(`${file}:${l.line}: invalid JSON (${l.error})`);
      const v = l.value;
      if (v === null || typeof v !== "object" || Array.isArray(v))
        throw new Error(`${file}:${l.line}: expected a JSON object`);
      yield { row: v as Record<string, unknown>, line: l.line };
    }
  }
}
