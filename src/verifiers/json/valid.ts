import { z } from "zod";
import { ok } from "../../core/result.ts";
import { completionText } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { jsonSource, jsonText, parseJson } from "./extract.ts";

const params = z.strictObject({ from: jsonSource.default("auto"), tag: z.string().default("answer") });

/**
 * 1 when the completion (or its answer tag / last code fence) is valid JSON, else 0 with the parse message.
 * @example { kind: json.valid, from: fence }
 */
export const jsonValid = leafKind({
  kind: "json.valid",
  summary: "1 when the completion (answer tag, fence or whole text) parses as JSON.",
  params,
  score(r, p) {
    const t = jsonText(completionText(r), p.from, p.tag);
    if (t === null) return ok(0, { info: { reason: `no JSON found (from: ${p.from})` } });
    const j = parseJson(t);
    return j.ok ? ok(1) : ok(0, { info: { reason: j.message } });
  },
});
