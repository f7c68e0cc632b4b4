import { formatPath, RewardkitError } from "../core/errors.ts";
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

function at(row: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(row, path)) return row[path];
  let cur: unknown = row;
  for (const k of path.split(".")) {
    if (cur == null || typeof cur !== "object" || !Object.hasOwn(cur as object, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** A row that could not become a rollout: where and why. */
export interface RowProblem {
  path: string;
  message: string;
}

function checkMessages(v: unknown[], field: string): RowProblem | undefined {
  for (let i = 0; i < v.length; i++) {
    const m = v[i] as { role?: unknown; content?: unknown } | null;
    if (!m || typeof m !== "object" || typeof m.role !== "string") {
      return { path: formatPath([field, i]), message: "expected a chat message with a string role" };
    }
    const c = m.content;
    if (c != null && typeof c !== "string" && !Array.isArray(c)) {
      return { path: formatPath([field, i, "content"]), message: "expected a string, content parts or null" };
    }
  }
  return undefined;
}

/**
 * Turns a dataset row into a rollout through the field map, or says which field is wrong.
 * Prompt and completion may be plain text or OpenAI chat messages (tool calls included).
 * @example toRollout({ response: "4", answer: "4" }, { completion: "response", reference: "answer" })
 */
export function toRollout(row: unknown, map: FieldMap = {}): Rollout | RowProblem {
  if (row === null || typeof row !== "object" || Array.isArray(row))
    return { path: "", message: "row is not a JSON object" };
  const r = row as Record<string, unknown>;
  const col = (f: RolloutField) => map[f] ?? f;
  const completion = at(r, col("completion"));
  if (completion === undefined) return { path: col("completion"), message: "missing completion" };
  if (typeof completion !== "string" && !Array.isArray(completion)) {
    return {
      path: col("completion"),
      message: `expected text or chat messages, got ${completion === null ? "null" : typeof completion}`,
    };
  }
  if (Array.isArray(completion)) {
    const p = checkMessages(completion, col("completion"));
    if (p) return p;
  }
  const out: Rollout = { completion: completion as Rollout["completion"] };
  const prompt = at(r, col("prompt"));
  if (prompt !== undefined && prompt !== null) {
    if (typeof prompt !== "string" && !Array.isArray(prompt))
      return { path: col("prompt"), message: "expected text or chat messages" };
    if (Array.isArray(prompt)) {
      const p = checkMessages(prompt, col("prompt"));
      if (p) return p;
    }
    out.prompt = prompt as Rollout["prompt"];
  }
  const reference = at(r, col("reference"));
  if (reference !== undefined) out.reference = reference;
  const group = at(r, col("group"));
  if (group !== undefined && group !== null) {
    if (typeof group !== "string" && typeof group !== "number")
      return { path: col("group"), message: "expected a string or number" };
    out.group = group;
  }
  const steps = at(r, col("steps"));
  if (steps !== undefined && steps !== null) {
    if (!Array.isArray(steps)) return { path: col("steps"), message: "expected a list of steps" };
    out.steps = steps as Rollout["steps"];
  }
  const meta = at(r, col("meta"));
  if (meta !== undefined && meta !== null) {
    if (typeof meta !== "object" || Array.isArray(meta))
      return { path: col("meta"), message: "expected an object" };
    out.meta = meta as Record<string, unknown>;
  }
  const id = at(r, col("id"));
  if (typeof id === "string" || typeof id === "number") out.id = id;
  return out;
}

/** True when `toRollout` failed. */
export function isRowProblem(x: Rollout | RowProblem): x is RowProblem {
  return !("completion" in x);
}
