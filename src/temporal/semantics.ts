import { RewardFailure } from "../core/result.ts";
import type { Formula } from "./formula.ts";

/** A finite trace: the set of propositions true at each step. */
export type Trace = readonly ReadonlySet<string>[];

/**
 * The empty trace is refused: finite-trace tools disagree on it (flloat rejects `true` on `[]`, MONA-based
 * LTLf2DFA accepts it), so rewardkit gives it no meaning.
 */
export class EmptyTraceError extends RewardFailure {
  constructor() {
    super("invalid_input", "LTLf is evaluated on non-empty traces only; this trace has no steps");
  }
}

/**
 * Truth of `f` at position `i` of a non-empty finite trace, straight from the finite-trace semantics
 * (quantifiers over positions `[i, n)`; `X` needs `i + 1 < n`, `WX` holds when `i` is the last step).
 * Quadratic; the reference the automaton is tested against. (De Giacomo & Vardi, IJCAI 2013)
 * @example holds(parseLtlf("F b").formula, [new Set(["a"]), new Set(["b"])]) // true
 */
export function holds(f: Formula, trace: Trace, i = 0): boolean {
  if (trace.length === 0) throw new EmptyTraceError();
  return at(f, trace, i);
}

function at(f: Formula, w: Trace, i: number): boolean {
  const n = w.length;
  switch (f.op) {
    case "true":
      return i < n;
    case "false":
      return false;
    case "atom":
      return i < n && w[i]!.has(f.name!);
    case "not":
      return i < n && !at(f.args[0]!, w, i);
    case "and":
      return f.args.every((g) => at(g, w, i));
    case "or":
      return f.args.some((g) => at(g, w, i));
    case "next":
      return i + 1 < n && at(f.args[0]!, w, i + 1);
    case "wnext":
      return i + 1 >= n || at(f.args[0]!, w, i + 1);
    case "eventually":
      for (let j = i; j < n; j++) if (at(f.args[0]!, w, j)) return true;
      return false;
    case "always":
      for (let j = i; j < n; j++) if (!at(f.args[0]!, w, j)) return false;
      return true;
    case "until":
      for (let j = i; j < n; j++) {
        if (at(f.args[1]!, w, j)) return true;
        if (!at(f.args[0]!, w, j)) return false;
      }
      return false;
    case "release":
      for (let j = i; j < n; j++) {
        if (!at(f.args[1]!, w, j)) return false;
        if (at(f.args[0]!, w, j)) return true;
      }
      return true;
  }
}
