import { parseDocument } from "yaml";
import { RewardkitError } from "../core/errors.ts";

/**
 * Parses spec text (YAML, which includes JSON); syntax errors become `E_SPEC_PARSE` with line and column.
 * @example parseSpecText("name: demo\nreward: {kind: text.exact}")
 */
export function parseSpecText(text: string, source = "spec"): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new RewardkitError(
      "E_SPEC_PARSE",
      doc.errors.slice(0, 5).map((e) => {
        const pos = e.linePos?.[0];
        return {
          path: pos ? `${source}:${pos.line}:${pos.col}` : source,
          message: e.message.split("\n")[0] ?? e.message,
        };
      }),
    );
  }
  return doc.toJS({ maxAliasCount: 100 });
}
