import type { ErrorKind, MaybePromise, RewardError, RewardResult } from "./types.ts";

/**
 * Builds a scored result.
 * @example ok(1, { info: { extracted: "4" } }) // { score: 1, info: {...} }
 */
export function ok(score: number | null, extra?: Omit<RewardResult, "score">): RewardResult {
  return extra ? { score, ...extra } : { score };
}

/**
 * Builds a failed result: `score: null` plus a typed error, never a silent 0.
 * @example fail("parse", "no <answer> tag")
 */
export function fail(
  kind: ErrorKind,
  message: string,
  extra?: Omit<RewardResult, "score" | "error">,
): RewardResult {
  return { score: null, error: { kind, message }, ...extra };
}

/** Turns anything thrown inside a reward into a typed error (so nothing escapes as an exception). */
export function errorFromThrown(e: unknown, fallback: ErrorKind = "internal"): RewardError {
  if (e && typeof e === "object" && "kind" in e && "message" in e) {
    const re = e as { kind: unknown; message: unknown };
    if (typeof re.kind === "string" && typeof re.message === "string") {
      return { kind: re.kind as ErrorKind, message: re.message };
    }
  }
  if (e instanceof RangeError) return { kind: "resource", message: e.message };
  return { kind: fallback, message: e instanceof Error ? e.message : String(e) };
}

/** An error a reward throws on purpose to report a typed failure (caught by the evaluator). */
export class RewardFailure extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "RewardFailure";
  }
}

/** True for a thenable: lets sync rewards stay sync through combinators. */
export function isPromise<T>(x: MaybePromise<T>): x is Promise<T> {
  return typeof (x as { then?: unknown })?.then === "function";
}

/** Applies `f` to a value or a promise of one, staying synchronous when the input is. */
export function then<T, U>(x: MaybePromise<T>, f: (v: T) => U): MaybePromise<U> {
  return isPromise(x) ? x.then(f) : f(x);
}

/** Resolves a list of maybe-promises, staying synchronous when none is a promise. */
export function all<T>(xs: MaybePromise<T>[]): MaybePromise<T[]> {
  for (const x of xs) if (isPromise(x)) return Promise.all(xs);
  return xs as T[];
}

/** A number that can be put in a result: finite, or it is a resource/internal problem. */
export function isFiniteNumber(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}
