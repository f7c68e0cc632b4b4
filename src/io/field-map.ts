import { type Issue, parsePath, RewardkitError } from "../core/errors.ts";
import { parseRollout } from "../core/rollout.ts";
import { readPath } from "./read-path.ts";
import type { Rollout } from "../core/types.ts";

/** Rollout fields a dataset column can be mapped onto. */
export const ROLLOUT_FIELDS = ["prompt", "completion", "reference", "group", "steps", "meta", "id"] as const;
export type RolloutField = (typeof ROLLOUT_FIELDS)[number];

/** A mapping rollout field → dotted column path. */
export type FieldMap = Partial<Record<RolloutField, string>>;

/**
 * Parses `--map completion=response,reference=answer`; an unknown field stops with the reason.
 * @example parseFieldMap("completion=response,reference=meta.answer") // { completion: "response", reference: "meta.answer" }
 */
export function parseFieldMap(spec: string | undefined): FieldMap {
  const out: FieldMap = {};
  if (!spec) return out;
  for (const part of spec.split(",")) {
    const [k, v] = part.split("=").map((s) => s.trim());
    if (!k || !v)
      throw new RewardkitError("E_FLAG_INVALID", [
        { path: "--map", message: `expected field=column, got "${part}"` },
      ]);
    if (!(ROLLOUT_FIELDS as readonly string[]).includes(k)) {
      throw new RewardkitError("E_FLAG_INVALID", [
        { path: "--map", message: `unknown field "${k}" (fields: ${ROLLOUT_FIELDS.join(", ")})` },
      ]);
    }
    out[k as RolloutField] = v;
  }
  return out;
}

/** A row that could not become a rollout: where (the column path) and why. */
export interface RowProblem {
  path: string;
  message: string;
}

/**
 * Turns a dataset row into a rollout through the field map, or says which column is wrong. The rollout is
 * checked by the same `parseRollout` the server uses, so a row is accepted exactly when a request would be.
 * Prompt and completion may be plain text or OpenAI chat messages (tool calls included).
 * @example toRollout({ response: "4", answer: "4" }, { completion: "response", reference: "answer" })
 */
export function toRollout(row: unknown, map: FieldMap = {}): Rollout | RowProblem {
  if (row === null || typeof row !== "object" || Array.isArray(row))
    return { path: "", message: "row is not a JSON object" };
  const r = row as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of ROLLOUT_FIELDS) {
    const v = readPath(r, map[f] ?? f);
    if (v !== undefined) out[f] = v;
  }
  const issues: Issue[] = [];
  const rollout = parseRollout(out, "", issues);
  if (rollout) return rollout;
  const first = issues[0]!;
  // Name the column the user wrote, not the rollout field it was mapped onto.
  const field = parsePath(first.path)[0] as RolloutField;
  const column = map[field] ?? field;
  return { path: column + first.path.slice(field.length), message: first.message };
}

/** True when `toRollout` failed. */
export function isRowProblem(x: Rollout | RowProblem): x is RowProblem {
  return !("completion" in x);
}
