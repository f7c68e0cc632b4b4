import type { Issue } from "../core/errors.ts";
import type { Rollout } from "../core/types.ts";
import { brief } from "../spec/zod-issues.ts";
import type { Limits } from "./limits.ts";
import { badRequest, limitProblem } from "./problem.ts";

/**
 * Checks a list of rollouts in one linear pass (no schema library in the hot path): shapes are reported as a
 * 400 with every path, then size limits as 413 (`max_rollouts`) or 422 (`max_completion_chars`, `max_steps`).
 * @example const rollouts = checkRollouts(body.rollouts, "rollouts", defaultLimits);
 */
export function checkRollouts(v: unknown, at: string, limits: Limits): Rollout[] {
  if (!Array.isArray(v)) throw badRequest([{ path: at, message: `expected an array, got ${brief(v)}` }]);
  if (v.length > limits.max_rollouts)
    throw limitProblem(413, "max_rollouts", limits.max_rollouts, v.length, at);
  const issues: Issue[] = [];
  for (let i = 0; i < v.length && issues.length < 20; i++) {
    const r = v[i];
    const p = `${at}[${i}]`;
    if (r === null || typeof r !== "object" || Array.isArray(r)) {
      issues.push({ path: p, message: `expected a rollout object, got ${brief(r)}` });
      continue;
    }
    const chars = checkMessages((r as Rollout).completion, `${p}.completion`, issues, true);
    if (chars > limits.max_completion_chars) {
      throw limitProblem(422, "max_completion_chars", limits.max_completion_chars, chars, `${p}.completion`);
    }
    const { prompt, steps, meta, group, id } = r as Rollout;
    if (prompt !== undefined && prompt !== null) checkMessages(prompt, `${p}.prompt`, issues, false);
    if (steps !== undefined) {
      if (!Array.isArray(steps))
        issues.push({ path: `${p}.steps`, message: `expected an array, got ${brief(steps)}` });
      else if (steps.length > limits.max_steps) {
        throw limitProblem(422, "max_steps", limits.max_steps, steps.length, `${p}.steps`);
      } else {
        for (let j = 0; j < steps.length; j++) {
          const s = steps[j];
          if (s === null || typeof s !== "object" || Array.isArray(s)) {
            issues.push({ path: `${p}.steps[${j}]`, message: `expected a step object, got ${brief(s)}` });
            break;
          }
        }
      }
    }
    if (meta !== undefined && (meta === null || typeof meta !== "object" || Array.isArray(meta))) {
      issues.push({ path: `${p}.meta`, message: `expected an object, got ${brief(meta)}` });
    }
    if (group !== undefined && typeof group !== "string" && typeof group !== "number") {
      issues.push({ path: `${p}.group`, message: `expected a string or a number, got ${brief(group)}` });
    }
    if (id !== undefined && typeof id !== "string" && typeof id !== "number") {
      issues.push({ path: `${p}.id`, message: `expected a string or a number, got ${brief(id)}` });
    }
  }
  if (issues.length) throw badRequest(issues);
  return v as Rollout[];
}

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
