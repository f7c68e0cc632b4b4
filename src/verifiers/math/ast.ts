/**
 * The expression tree math answers are parsed into: numbers stay exact rationals (a decimal literal keeps a
 * `float` flag, which is what switches on rounding), and sets, intervals, tuples, matrices, relations,
 * percents, degrees and text are first-class so the equivalence rules can see them.
 */
import type { Rat } from "./rational.ts";

/** Relation operators; `in` (`x \in S`) is compared like `=`, as Math-Verify does. */
export type RelOp = "=" | "<" | "<=" | ">" | ">=" | "!=";

/** One node of a parsed math answer. */
export type MathNode =
  /** `half`: half a unit in the last written digit of a decimal literal (`6.5` → 0.05), its precision. */
  | { t: "num"; v: Rat; float: boolean; half?: number }
  | { t: "sym"; name: string }
  | { t: "const"; name: "pi" | "e" | "inf" }
  | { t: "add"; args: MathNode[] }
  | { t: "mul"; args: MathNode[] }
  | { t: "div"; num: MathNode; den: MathNode }
  | { t: "neg"; arg: MathNode }
  | { t: "pow"; base: MathNode; exp: MathNode }
  | { t: "fn"; name: string; args: MathNode[]; user?: boolean }
  | { t: "pct"; arg: MathNode }
  | { t: "deg"; arg: MathNode }
  | { t: "rel"; ops: RelOp[]; items: MathNode[] }
  | { t: "tuple"; items: MathNode[] }
  | { t: "set"; items: MathNode[] }
  | { t: "interval"; lo: MathNode; hi: MathNode; lopen: boolean; ropen: boolean }
  | { t: "union"; items: MathNode[] }
  | { t: "matrix"; rows: MathNode[][] }
  | { t: "text"; value: string };

/**
 * A canonical one-line rendering of a node, used for structural equality and for `info`.
 * @example show({ t: "add", args: [{ t: "sym", name: "x" }, { t: "sym", name: "y" }] }) // "(x + y)"
 */
export function show(n: MathNode): string {
  switch (n.t) {
    case "num":
      return n.float ? `${n.v.toString()}f` : n.v.toString();
    case "sym":
      return n.name;
    case "const":
      return n.name;
    case "add":
      return `(${n.args.map(show).join(" + ")})`;
    case "mul":
      return `(${n.args.map(show).join("*")})`;
    case "div":
      return `(${show(n.num)}/${show(n.den)})`;
    case "neg":
      return `-${show(n.arg)}`;
    case "pow":
      return `${show(n.base)}^${show(n.exp)}`;
    case "fn":
      return `${n.name}(${n.args.map(show).join(", ")})`;
    case "pct":
      return `${show(n.arg)}%`;
    case "deg":
      return `${show(n.arg)}°`;
    case "rel": {
      let s = show(n.items[0]!);
      for (let i = 0; i < n.ops.length; i++) s += ` ${n.ops[i]} ${show(n.items[i + 1]!)}`;
      return s;
    }
    case "tuple":
      return `tuple(${n.items.map(show).join(", ")})`;
    case "set":
      return `{${n.items.map(show).join(", ")}}`;
    case "interval":
      return `${n.lopen ? "(" : "["}${show(n.lo)}, ${show(n.hi)}${n.ropen ? ")" : "]"}`;
    case "union":
      return n.items.map(show).join(" ∪ ");
    case "matrix":
      return `matrix[${n.rows.map((r) => r.map(show).join(", ")).join("; ")}]`;
    case "text":
      return `"${n.value}"`;
  }
}

/** Child nodes of a node, for generic walks. */
export function children(n: MathNode): MathNode[] {
  switch (n.t) {
    case "add":
    case "mul":
      return n.args;
    case "fn":
      return n.args;
    case "div":
      return [n.num, n.den];
    case "neg":
    case "pct":
    case "deg":
      return [n.arg];
    case "pow":
      return [n.base, n.exp];
    case "rel":
    case "tuple":
    case "set":
    case "union":
      return n.items;
    case "interval":
      return [n.lo, n.hi];
    case "matrix":
      return n.rows.flat();
    default:
      return [];
  }
}

/** Free symbol names of a node, user-function applications such as `f(x)` counting as one symbol each. */
export function freeSymbols(n: MathNode, out: Set<string> = new Set()): Set<string> {
  if (n.t === "sym") out.add(n.name);
  else if (n.t === "fn" && n.user) out.add(show(n));
  else for (const c of children(n)) freeSymbols(c, out);
  return out;
}

/** True when a decimal literal (a "float") occurs in the node: that is what switches on rounding. */
export function hasFloat(n: MathNode): boolean {
  if (n.t === "num") return n.float;
  for (const c of children(n)) if (hasFloat(c)) return true;
  return false;
}

/** True for nodes that denote a single scalar value (not a set, relation, matrix or text). */
export function isScalar(n: MathNode): boolean {
  switch (n.t) {
    case "rel":
    case "tuple":
    case "set":
    case "interval":
    case "union":
    case "matrix":
    case "text":
      return false;
    case "num":
    case "sym":
    case "const":
      return true;
    default:
      return children(n).every(isScalar);
  }
}
