import assert from "node:assert/strict";

/** Asserts two numbers (or arrays of numbers) agree within `tol`. */
export function close(
  actual: ArrayLike<number> | number,
  expected: ArrayLike<number> | number,
  tol = 1e-9,
): void {
  if (typeof actual === "number" || typeof expected === "number") {
    assert.ok(
      typeof actual === "number" && typeof expected === "number" && Math.abs(actual - expected) <= tol,
      `expected ${String(expected)}, got ${String(actual)}`,
    );
    return;
  }
  assert.equal(actual.length, expected.length, `length ${actual.length} ≠ ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(
      Math.abs(actual[i]! - expected[i]!) <= tol,
      `[${i}]: expected ${expected[i]}, got ${actual[i]} (all: ${Array.from(actual).join(", ")})`,
    );
  }
}

/** Sum of an array. */
export function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}
