import { brief, type Issue, limitError, RewardkitError } from "./errors.ts";
import type { Rollout } from "./types.ts";

/** Size limits a rollout is checked against (the server's request limits; none for datasets). */
export interface RolloutLimits {
  /** Characters of one completion (all message contents summed for chat completions). */
  max_completion_chars: number;
  /** Steps of one rollout. */
  max_steps: number;
}

const OPTIONAL_NULLABLE = ["prompt", "steps", "meta", "group", "id"] as const;

/**
 * Checks one rollout-shaped value in a single linear pass (no schema library in the hot path) and returns it as
 * a `Rollout`, or `undefined` after pushing every problem onto `issues` with its path under `at`. The one rule
 * for every entry point (HTTP bodies, dataset rows, queue jobs): `completion` is required text or chat
 * messages; `prompt` is text or messages; `steps` a list of objects; `meta` an object; `group` and `id` a
 * string or a number; `null` in an optional field means absent (it is removed). An exceeded limit throws an
 * `E_LIMIT` `RewardkitError`. The value is checked in place, not copied.
 * @example parseRollout({ completion: "4", group: null }, "rollouts[0]", issues) // { completion: "4" }
 */
export function parseRollout(
  v: unknown,
  at: string,
  issues: Issue[],
  limits?: RolloutLimits,
): Rollout | undefined {
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    issues.push({ path: at, message: `expected a rollout object, got ${brief(v)}` });
    return undefined;
  }
  const before = issues.length;
  const r = v as Record<string, unknown>;
  const p = at ? `${at}.` : "";
  const chars = checkMessages(r.completion, `${p}completion`, issues, true);
  if (limits && chars > limits.max_completion_chars)
    throw limitError("max_completion_chars", limits.max_completion_chars, chars, `${p}completion`);
  const { prompt, steps, meta, group, id } = r;
  if (prompt !== undefined && prompt !== null) checkMessages(prompt, `${p}prompt`, issues, false);
  if (steps !== undefined && steps !== null) {
    if (!Array.isArray(steps))
      issues.push({ path: `${p}steps`, message: `expected an array, got ${brief(steps)}` });
    else if (limits && steps.length > limits.max_steps) {
      throw limitError("max_steps", limits.max_steps, steps.length, `${p}steps`);
    } else {
      for (let j = 0; j < steps.length; j++) {
        const s = steps[j];
        if (s === null || typeof s !== "object" || Array.isArray(s)) {
          issues.push({ path: `${p}steps[${j}]`, message: `expected a step object, got ${brief(s)}` });
          break;
        }
      }
    }
  }
  if (meta !== undefined && meta !== null && (typeof meta !== "object" || Array.isArray(meta))) {
    issues.push({ path: `${p}meta`, message: `expected an object, got ${brief(meta)}` });
  }
  if (group !== undefined && group !== null && typeof group !== "string" && !finiteNumber(group)) {
    issues.push({ path: `${p}group`, message: `expected a string or a number, got ${brief(group)}` });
  }
  if (id !== undefined && id !== null && typeof id !== "string" && !finiteNumber(id)) {
    issues.push({ path: `${p}id`, message: `expected a string or a number, got ${brief(id)}` });
  }
  if (issues.length > before) return undefined;
  if (prompt === null || steps === null || meta === null || group === null || id === null) {
    for (const k of OPTIONAL_NULLABLE) if (r[k] === null) delete r[k];
  }
  return r as unknown as Rollout;
}

/**
 * Checks a list of rollouts: shapes are reported together (up to 20 problems) as one `E_BAD_REQUEST` error
 * with every path; limits as `E_LIMIT` (`max_rollouts`, `max_completion_chars`, `max_steps`).
 * @example const rollouts = parseRollouts(body.rollouts, "rollouts", { max_rollouts: 8192, max_completion_chars: 262144, max_steps: 4096 });
 */
export function parseRollouts(
  v: unknown,
  at: string,
  limits?: RolloutLimits & { max_rollouts: number },
): Rollout[] {
  if (!Array.isArray(v))
    throw new RewardkitError("E_BAD_REQUEST", [{ path: at, message: `expected an array, got ${brief(v)}` }]);
  if (limits && v.length > limits.max_rollouts)
    throw limitError("max_rollouts", limits.max_rollouts, v.length, at);
  const issues: Issue[] = [];
  for (let i = 0; i < v.length && issues.length < 20; i++) parseRollout(v[i], `${at}[${i}]`, issues, limits);
  if (issues.length) throw new RewardkitError("E_BAD_REQUEST", issues);
  return v as Rollout[];
}

const finiteNumber = (x: unknown) => typeof x === "number" && Number.isFinite(x);

/** Checks text or chat messages (content as a string, OpenAI content parts, or null) and counts characters. */
function checkMessages(v: unknown, at: string, issues: Issue[], required: boolean): number {
  if (typeof v === "string") return v.length;
  if (v === undefined && required) {
    issues.push({ path: at, message: "required" });
    return 0;
  }
  if (!Array.isArray(v)) {
    issues.push({ path: at, message: `expected a string or a list of messages, got ${brief(v)}` });
    return 0;
  }
  let chars = 0;
  for (let i = 0; i < v.length; i++) {
    const m = v[i] as { role?: unknown; content?: unknown } | null;
    const p = `${at}[${i}]`;
    if (m === null || typeof m !== "object" || Array.isArray(m)) {
      issues.push({ path: p, message: `expected a message object, got ${brief(m)}` });
      continue;
    }
    if (typeof m.role !== "string")
      issues.push({ path: `${p}.role`, message: `expected a string, got ${brief(m.role)}` });
    const c = m.content;
    if (typeof c === "string") chars += c.length;
    else if (Array.isArray(c)) {
      for (let j = 0; j < c.length; j++) {
        const part = c[j] as { type?: unknown; text?: unknown } | null;
        if (part === null || typeof part !== "object" || typeof part.type !== "string") {
          issues.push({
            path: `${p}.content[${j}]`,
            message: `expected a content part with a "type", got ${brief(part)}`,
          });
        } else if (typeof part.text === "string") chars += part.text.length;
      }
    } else if (c !== undefined && c !== null) {
      issues.push({
        path: `${p}.content`,
        message: `expected a string, content parts or null, got ${brief(c)}`,
      });
    }
  }
  return chars;
}
