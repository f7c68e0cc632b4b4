import type { RewardError } from "./types.ts";

/**
 * Codes of request- and configuration-level errors (bad specs, flags, request bodies, limits, capacity).
 * These throw, unlike a bad rollout inside a batch, which becomes that rollout's typed `error`.
 */
export type ErrorCode =
  | "E_SPEC_INVALID"
  | "E_SPEC_PARSE"
  | "E_UNKNOWN_REWARD"
  | "E_UNKNOWN_SPEC"
  | "E_FLAG_INVALID"
  | "E_IO"
  | "E_FORMULA"
  | "E_BAD_REQUEST"
  | "E_INVALID_REQUEST"
  | "E_LIMIT"
  | "E_OVERLOADED"
  | "E_DRAINING"
  | "E_IDEMPOTENCY_KEY_REUSED";

/** One problem in a spec, flag or request: where (a formatted path such as `rollouts[2].completion`), and why. */
export interface Issue {
  path: string;
  message: string;
}

/** Extra facts an error carries: the limit it hit, or how long a client should wait before retrying. */
export interface ErrorDetail {
  limit?: string;
  max?: number;
  actual?: number;
  retryAfterSeconds?: number;
}

/**
 * The one error shape of the library: a stable `code`, the `path` of the first problem as segments, a
 * `message`, every problem in `issues`, an optional `cause`, and `detail` for limits and capacity. Shells map
 * it to their medium (HTTP status, exit code 2) and add nothing of their own.
 * @example throw new RewardkitError("E_SPEC_INVALID", [{ path: "reward.terms[1].weight", message: 'expected a number, got "x"' }])
 */
export class RewardkitError extends Error {
  /** The first problem's path, as segments: `rollouts[2].completion` → `["rollouts", 2, "completion"]`. */
  readonly path: (string | number)[];
  readonly detail: ErrorDetail;
  constructor(
    readonly code: ErrorCode,
    readonly issues: Issue[],
    opts: { cause?: unknown; detail?: ErrorDetail } = {},
  ) {
    super(
      issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("\n"),
      opts.cause !== undefined ? { cause: opts.cause } : undefined,
    );
    this.name = "RewardkitError";
    this.path = parsePath(issues[0]?.path ?? "");
    this.detail = opts.detail ?? {};
  }
}

/**
 * A `RewardkitError` for an exceeded limit, naming the limit, its maximum and the value seen.
 * @example limitError("max_rollouts", 8192, 10000, "rollouts") // "max_rollouts exceeded at rollouts: 10000 > 8192"
 */
export function limitError(limit: string, max: number, actual: number, path = ""): RewardkitError {
  const where = path ? ` at ${path}` : "";
  return new RewardkitError("E_LIMIT", [{ path, message: `${limit} exceeded${where}: ${actual} > ${max}` }], {
    detail: { limit, max, actual },
  });
}

const TRANSIENT_KINDS: ReadonlySet<string> = new Set(["timeout", "upstream", "sandbox", "resource"]);
const TRANSIENT_CODES: ReadonlySet<string> = new Set(["E_OVERLOADED", "E_DRAINING"]);

/**
 * Whether retrying the same input may give a different outcome: a timeout, an upstream or sandbox failure, a
 * resource limit, or a server that is over capacity or shutting down. Responses holding a transient error are
 * never replayed; a parse error or a bad request is not transient.
 * @example isTransient({ kind: "timeout", message: "deadline" }) // true
 */
export function isTransient(e: RewardError | RewardkitError | { kind?: unknown; code?: unknown }): boolean {
  if (e instanceof RewardkitError) return TRANSIENT_CODES.has(e.code);
  const k = (e as { kind?: unknown }).kind;
  if (typeof k === "string") return TRANSIENT_KINDS.has(k);
  const c = (e as { code?: unknown }).code;
  return typeof c === "string" && TRANSIENT_CODES.has(c);
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

/** Splits a formatted path into segments, the inverse of `formatPath`: `a.b[1]` → `["a", "b", 1]`. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** Renders a value briefly for an error message (never echoes long model output). */
export function brief(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  return String(v);
}
