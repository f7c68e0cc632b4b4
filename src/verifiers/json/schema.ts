import Ajv from "ajv";
import { z } from "zod";
import { RewardkitError } from "../../core/errors.ts";
import { ok } from "../../core/result.ts";
import { completionText } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { jsonSource, jsonText, parseJson } from "./extract.ts";

const params = z.strictObject({
  schema: z.record(z.string(), z.unknown()),
  from: jsonSource.default("auto"),
  tag: z.string().default("answer"),
});

type Validate = ((v: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

/**
 * 1 when the extracted JSON validates against a JSON Schema (draft-07), else 0 with the first errors.
 * @example { kind: json.schema, schema: { type: object, required: [name] } }
 */
export const jsonSchema = leafKind({
  kind: "json.schema",
  summary: "1 when the extracted JSON validates against the given JSON Schema; errors listed in info.",
  params,
  prepare(p): Validate {
    try {
      const ajv = new Ajv.default({ allErrors: false, strict: false });
      return ajv.compile(p.schema) as Validate;
    } catch (e) {
      throw new RewardkitError("E_SPEC_INVALID", [
        { path: "schema", message: e instanceof Error ? e.message : String(e) },
      ]);
    }
  },
  score(r, p, _ctx, validate: Validate) {
    const t = jsonText(completionText(r), p.from, p.tag);
    if (t === null) return ok(0, { info: { reason: `no JSON found (from: ${p.from})` } });
    const j = parseJson(t);
    if (!j.ok) return ok(0, { info: { reason: j.message } });
    if (validate(j.value)) return ok(1);
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`.trim());
    return ok(0, { info: { reason: "schema mismatch", errors } });
  },
});
