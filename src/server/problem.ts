import { type Issue, limitError, type RewardkitError } from "../core/errors.ts";

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
  const p = problemFromError(limitError(limit, max, actual, path));
  return new HttpProblem(status, p.body);
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

/** Limits whose excess means "the request is too large" (413); the others make it unprocessable (422). */
const SIZE_LIMITS = new Set(["max_body_bytes", "max_rollouts", "max_json_depth"]);

/**
 * The HTTP form of a library error: the status for its code, the body `{code, message, path, issues, limit...}`
 * and any headers (`Retry-After` for capacity errors). The only place statuses are chosen.
 * @example problemFromError(new RewardkitError("E_BAD_REQUEST", [{ path: "step", message: "expected an integer" }])).status // 400
 */
export function problemFromError(e: RewardkitError): HttpProblem {
  const d = e.detail;
  switch (e.code) {
    case "E_LIMIT": {
      const path = e.issues[0]?.path;
      return new HttpProblem(SIZE_LIMITS.has(d.limit ?? "") ? 413 : 422, {
        code: e.code,
        message: e.message,
        ...(d.limit !== undefined ? { limit: d.limit, max: d.max!, actual: d.actual! } : {}),
        ...(path ? { path } : {}),
      });
    }
    case "E_OVERLOADED":
      return new HttpProblem(
        503,
        { code: e.code, message: e.message },
        { "Retry-After": String(d.retryAfterSeconds ?? 1) },
      );
    case "E_DRAINING":
      return new HttpProblem(
        503,
        { code: e.code, message: e.message },
        { "Retry-After": "1", Connection: "close" },
      );
    case "E_UNKNOWN_SPEC":
      return new HttpProblem(404, { code: e.code, message: e.message, path: e.issues[0]?.path ?? "" });
    case "E_IDEMPOTENCY_KEY_REUSED":
      return new HttpProblem(422, { code: e.code, message: e.message });
    case "E_INVALID_REQUEST": {
      const p = new HttpProblem(422, {
        code: e.code,
        message: e.issues.map(issueText).join("; "),
        issues: e.issues,
      });
      const first = e.issues[0]?.path;
      if (first) p.body.path = first;
      return p;
    }
    default:
      return badRequest(e.issues, e.code === "E_BAD_REQUEST" ? "E_BAD_REQUEST" : e.code);
  }
}

const issueText = (i: Issue) => (i.path ? `${i.path}: ${i.message}` : i.message);
