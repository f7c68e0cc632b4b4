/**
 * LTLf formulas as hash-consed nodes: structurally equal formulas built by one `FormulaTable` are the same
 * object with the same `id`, so a progressed formula can serve directly as an automaton state.
 * @example const t = new FormulaTable(); t.and([t.atom("a"), t.atom("a")]) === t.atom("a") // true
 */

/** Operators of the core language; `W`, `M`, `->`, `<->`, `last` and `end` are sugar over these. */
export type Op =
  | "true"
  | "false"
  | "atom"
  | "not"
  | "and"
  | "or"
  | "next"
  | "wnext"
  | "until"
  | "release"
  | "eventually"
  | "always";

/** One interned formula node; `args` are its operands (sorted by id for `and`/`or`). */
export interface Formula {
  readonly id: number;
  readonly op: Op;
  readonly args: readonly Formula[];
  /** The proposition name of an `atom`. */
  readonly name?: string;
}

/**
 * Interns formula nodes and applies the cheap simplifications every constructor keeps (flattening, sorting,
 * deduplication, unit and zero laws, complementary literals), so equal formulas compare by identity.
 * @example const t = new FormulaTable(); t.or([t.atom("a"), t.not(t.atom("a"))]) === t.tt // true
 */
export class FormulaTable {
  private readonly nodes = new Map<string, Formula>();
  private next = 0;
  readonly tt: Formula;
  readonly ff: Formula;

  constructor() {
    this.tt = this.intern("true", []);
    this.ff = this.intern("false", []);
  }

  /** How many distinct nodes have been interned (a measure of state-space growth). */
  get size(): number {
    return this.nodes.size;
  }

  private intern(op: Op, args: readonly Formula[], name?: string): Formula {
    const key = name !== undefined ? `${op}:${name}` : `${op}:${args.map((a) => a.id).join(",")}`;
    let f = this.nodes.get(key);
    if (!f) {
      f = name !== undefined ? { id: this.next++, op, args, name } : { id: this.next++, op, args };
      this.nodes.set(key, f);
    }
    return f;
  }

  atom(name: string): Formula {
    return this.intern("atom", [], name);
  }

  not(f: Formula): Formula {
    if (f === this.tt) return this.ff;
    if (f === this.ff) return this.tt;
    if (f.op === "not") return f.args[0]!;
    return this.intern("not", [f]);
  }

  and(fs: readonly Formula[]): Formula {
    return this.junction("and", fs);
  }

  or(fs: readonly Formula[]): Formula {
    return this.junction("or", fs);
  }

  private junction(op: "and" | "or", fs: readonly Formula[]): Formula {
    const unit = op === "and" ? this.tt : this.ff;
    const zero = op === "and" ? this.ff : this.tt;
    const seen = new Map<number, Formula>();
    const stack = [...fs];
    while (stack.length) {
      const f = stack.pop()!;
      if (f === zero) return zero;
      if (f === unit) continue;
      if (f.op === op) stack.push(...f.args);
      else seen.set(f.id, f);
    }
    for (const f of seen.values()) {
      if (f.op === "not" && seen.has(f.args[0]!.id)) return zero;
    }
    if (seen.size === 0) return unit;
    if (seen.size === 1) return seen.values().next().value!;
    const args = [...seen.values()].sort((a, b) => a.id - b.id);
    return this.intern(op, args);
  }

  nextStrong(f: Formula): Formula {
    return this.intern("next", [f]);
  }

  nextWeak(f: Formula): Formula {
    return this.intern("wnext", [f]);
  }

  until(a: Formula, b: Formula): Formula {
    if (b === this.tt || b === this.ff) return b === this.tt ? this.tt : this.ff;
    return this.intern("until", [a, b]);
  }

  release(a: Formula, b: Formula): Formula {
    return this.intern("release", [a, b]);
  }

  eventually(f: Formula): Formula {
    if (f === this.ff) return this.ff;
    return this.intern("eventually", [f]);
  }

  always(f: Formula): Formula {
    if (f === this.tt) return this.tt;
    return this.intern("always", [f]);
  }

  /** `a W b` (weak until): `b R (a | b)`. */
  weakUntil(a: Formula, b: Formula): Formula {
    return this.release(b, this.or([a, b]));
  }

  /** `a M b` (strong release): `b U (a & b)`. */
  strongRelease(a: Formula, b: Formula): Formula {
    return this.until(b, this.and([a, b]));
  }

  /** `last`: the current step is the final one (`WX false`). */
  last(): Formula {
    return this.nextWeak(this.ff);
  }

  /** `end`: past the final step (`G false`); false at every step of a non-empty trace. */
  end(): Formula {
    return this.always(this.ff);
  }
}

/** The proposition names a formula mentions, sorted. */
export function atomsOf(f: Formula): string[] {
  const out = new Set<string>();
  const seen = new Set<number>();
  const walk = (g: Formula): void => {
    if (seen.has(g.id)) return;
    seen.add(g.id);
    if (g.op === "atom") out.add(g.name!);
    for (const a of g.args) walk(a);
  };
  walk(f);
  return [...out].sort();
}

/** Number of temporal and boolean operators in a formula (its tree size minus leaves). */
export function operatorCount(f: Formula): number {
  if (f.op === "atom" || f.op === "true" || f.op === "false") return 0;
  let n = f.op === "and" || f.op === "or" ? f.args.length - 1 : 1;
  for (const a of f.args) n += operatorCount(a);
  return n;
}

const BINARY: Partial<Record<Op, string>> = { until: "U", release: "R" };
const UNARY: Partial<Record<Op, string>> = { not: "!", eventually: "F", always: "G" };

/**
 * Prints a formula in the given syntax (flloat: `X` strong, `WX` weak; spot: `X[!]` strong, `X` weak).
 * @example formatFormula(parseLtlf("a U b").formula) // "(a U b)"
 */
export function formatFormula(f: Formula, syntax: "flloat" | "spot" = "flloat"): string {
  switch (f.op) {
    case "true":
      return "true";
    case "false":
      return "false";
    case "atom":
      return /^[a-z_][A-Za-z0-9_]*$/.test(f.name!) && !RESERVED_WORDS.has(f.name!)
        ? f.name!
        : JSON.stringify(f.name);
    case "and":
    case "or":
      return `(${f.args.map((a) => formatFormula(a, syntax)).join(f.op === "and" ? " & " : " | ")})`;
    case "next":
      return `${syntax === "spot" ? "X[!]" : "X"}(${formatFormula(f.args[0]!, syntax)})`;
    case "wnext":
      return `${syntax === "spot" ? "X" : "WX"}(${formatFormula(f.args[0]!, syntax)})`;
    case "until":
    case "release":
      return `(${formatFormula(f.args[0]!, syntax)} ${BINARY[f.op]} ${formatFormula(f.args[1]!, syntax)})`;
    default:
      return `${UNARY[f.op]}(${formatFormula(f.args[0]!, syntax)})`;
  }
}

/** Words the parser reads as operators or constants, never as proposition names. */
export const RESERVED_WORDS = new Set([
  "X",
  "WX",
  "N",
  "F",
  "G",
  "U",
  "R",
  "W",
  "M",
  "V",
  "true",
  "false",
  "tt",
  "ff",
  "last",
  "end",
]);
