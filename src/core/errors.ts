/** Codes of configuration errors (bad specs, flags, unknown kinds): these throw, unlike bad rollouts. */
export type ErrorCode =
  | "E_SPEC_INVALID"
  | "E_SPEC_PARSE"
  | "E_UNKNOWN_REWARD"
  | "E_FLAG_INVALID"
  | "E_IO"
  | "E_FORMULA";

/** One problem in a spec or flag: where, and why. */
export interface Issue {
  path: string;
  message: string;
}

/**
 * A configuration error with a code and the path of every problem.
 * @example throw new RewardkitError("E_SPEC_INVALID", [{ path: "reward.terms[1].weight", message: 'expected a number, got "x"' }])
 */
export class RewardkitError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly issues: Issue[],
  ) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("\n"));
    this.name = "RewardkitError";
  }
}

/** Formats a path array as `a.b[1].c`. */
export function formatPath(parts: readonly (string | number)[]): string {
  let out = "";
  for (const p of parts) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out;
}
