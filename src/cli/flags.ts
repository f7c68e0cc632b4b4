// One parser for every command's flags: a bad value stops with `--flag: reason` and exit 2.
import { RewardkitError } from "../core/errors.ts";

/** A flag error: exit 2 with `--flag: reason`. */
export function flagError(flag: string, message: string): RewardkitError {
  return new RewardkitError("E_FLAG_INVALID", [{ path: flag, message }]);
}

/** Bounds of a number flag: an integer or not, inclusive `min`/`max`, exclusive `above`. */
export interface NumberBounds {
  int?: boolean;
  min?: number;
  max?: number;
  above?: number;
}

/**
 * Parses a number flag (undefined stays undefined) or throws `E_FLAG_INVALID` naming the flag.
 * @example parseNumber("--eps", "-1", { above: 0 }) // throws "--eps: must be > 0, got -1"
 */
export function parseNumber(flag: string, v: string | undefined, b: NumberBounds = {}): number | undefined {
  if (v === undefined) return undefined;
  const x = v.trim() === "" ? Number.NaN : Number(v);
  if (!Number.isFinite(x) || (b.int && !Number.isInteger(x)))
    throw flagError(flag, `expected ${b.int ? "an integer" : "a number"}, got "${v}"`);
  if (b.min !== undefined && x < b.min) throw flagError(flag, `must be ≥ ${b.min}, got ${x}`);
  if (b.max !== undefined && x > b.max) throw flagError(flag, `must be ≤ ${b.max}, got ${x}`);
  if (b.above !== undefined && x <= b.above) throw flagError(flag, `must be > ${b.above}, got ${x}`);
  return x;
}

/**
 * A commander argument parser for a number flag.
 * @example .option("--workers <n>", "worker threads", numberFlag("--workers", { int: true, min: 0 }))
 */
export const numberFlag =
  (flag: string, b: NumberBounds = {}) =>
  (v: string): number =>
    parseNumber(flag, v, b)!;

/** A commander parser for a comma-separated list of integers in [1, max]. */
export function parseIntList(flag: string, v: string | undefined, max: number): number[] | undefined {
  if (v === undefined) return undefined;
  if (v.trim() === "") return [];
  return v.split(",").map((s) => parseNumber(flag, s.trim(), { int: true, min: 1, max })!);
}

/** A commander parser that collects a repeated flag into a list. */
export const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** A commander parser for an integer flag ≥ 1. */
export const positiveInt = (flag: string) => numberFlag(flag, { int: true, min: 1 });
