import type { z } from "zod";
import { brief, formatPath, type Issue } from "../core/errors.ts";

export { brief };

const ARTICLE: Record<string, string> = { integer: "an integer", object: "an object", array: "an array" };

/** Turns zod issues into `path: reason` issues under `prefix`. */
export function zodIssues(
  prefix: readonly (string | number)[],
  issues: readonly z.core.$ZodIssue[],
): Issue[] {
  return issues.map((iss) => {
    const path = formatPath([...prefix, ...(iss.path as (string | number)[])]);
    const input = (iss as { input?: unknown }).input;
    switch (iss.code) {
      case "invalid_type":
        return {
          path,
          message:
            input === undefined
              ? "required"
              : `expected ${ARTICLE[iss.expected] ?? `a ${iss.expected}`}, got ${brief(input)}`,
        };
      case "unrecognized_keys":
        return {
          path,
          message: `unknown ${iss.keys.length > 1 ? "keys" : "key"} ${iss.keys.map((k) => `"${k}"`).join(", ")}`,
        };
      case "invalid_value":
        return {
          path,
          message: `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(", ")}, got ${brief(input)}`,
        };
      default:
        return { path, message: iss.message.replace(/^Invalid input: /, "") };
    }
  });
}
