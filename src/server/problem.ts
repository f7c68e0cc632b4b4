import type { Issue } from "../core/errors.ts";

/** What a request-level error says: an HTTP status, a stable code, the limit it hit, and where. */
export interface ProblemBody {
  code: string;
  message: string;
  /** The name of the limit that was exceeded (`max_body_bytes`, `max_rollouts`, ...). */
  limit?: string;
  max?: number;
  actual?: number;
  path?: string;
  issues?: Issue[];
}

/**
 * A request-level failure that maps to one HTTP response (per-item failures stay in the results instead).
 * @example throw new HttpProblem(413, { code: "E_LIMIT", limit: "max_rollouts", max: 8192, actual: 100000, message: "..." })
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 413 | 422 | 429 | 501 | 503,
    readonly body: ProblemBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
    this.name = "HttpProblem";
  }
}

/**
 * A 413/422 naming the limit, its maximum and the value seen.
 * @example limitProblem(422, "max_completion_chars", 262144, 1048576, "rollouts[3].completion")
 */
export function limitProblem(
  status: 413 | 422,
  limit: string,
  max: number,
  actual: number,
  path?: string,
): HttpProblem {
  const where = path ? ` at ${path}` : "";
  return new HttpProblem(status, {
    code: "E_LIMIT",
    limit,
    max,
    actual,
    ...(path ? { path } : {}),
    message: `${limit} exceeded${where}: ${actual} > ${max}`,
  });
}

/**
 * A 400 listing every problem with its path (zod-style issues).
 * @example badRequest([{ path: "rollouts[0].completion", message: "required" }])
 */
export function badRequest(issues: Issue[], code = "E_BAD_REQUEST"): HttpProblem {
  const first = issues[0];
  const message = first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "bad request";
  return new HttpProblem(400, {
    code,
    message: issues.length > 1 ? `${message} (and ${issues.length - 1} more)` : message,
    ...(first?.path ? { path: first.path } : {}),
    issues,
  });
}
