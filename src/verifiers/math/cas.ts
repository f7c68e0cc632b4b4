/**
 * Fallback parsers backed by computer-algebra libraries, for answers the built-in parser rejects:
 * `@cortex-js/compute-engine` for LaTeX and `mathjs` for plain expressions. Both are loaded lazily and
 * synchronously on first use (they are large), and their trees are converted into the same `MathNode`
 * so the exact-first equivalence rules still apply (their own numeric equality is never used).
 */
import { createRequire } from "node:module";
import type { MathNode, RelOp } from "./ast.ts";
import { Rat } from "./rational.ts";

const req = createRequire(import.meta.url);
let ce: { parse(s: string): { json: unknown } } | null | undefined;
let calls = 0;
let mj: { parse(s: string): unknown } | null | undefined;

type CeCtor = new () => NonNullable<typeof ce>;
type CeModule = { ComputeEngine?: CeCtor; default?: { ComputeEngine?: CeCtor } };

/**
 * The compute engine's constructor. Its `require` entry is a UMD bundle inside a `"type": "module"` package:
 * Node loads it as ESM with no exports, and the bundle then writes to a global `exports` when one exists
 * (`node -e`, the REPL) or to `globalThis.ComputeEngine` otherwise. So the ESM build next to it is required
 * by file path first (the package's export map names no subpath), which gives real named exports wherever
 * `require` can load ESM (Node >= 20.19) or a loader compiles it (tsx); the UMD entry is the fallback.
 */
function computeEngineClass(): CeCtor | undefined {
  try {
    const umd = req.resolve("@cortex-js/compute-engine");
    const esm = umd.replace(/\.min\.js$/, ".min.esm.js");
    if (esm !== umd) {
      const C = (req(esm) as CeModule).ComputeEngine;
      if (C) return C;
    }
  } catch {
    // No ESM build at that path, or this Node cannot require ESM: try the declared entry.
  }
  const m = req("@cortex-js/compute-engine") as CeModule;
  return (
    m.ComputeEngine ??
    m.default?.ComputeEngine ??
    (globalThis as { ComputeEngine?: { ComputeEngine?: CeCtor } }).ComputeEngine?.ComputeEngine
  );
}

function computeEngine() {
  if (ce === undefined) {
    try {
      const C = computeEngineClass();
      ce = C ? new C() : null;
    } catch {
      ce = null;
    }
  }
  return ce;
}

function mathjs() {
  if (mj === undefined) {
    try {
      mj = req("mathjs") as typeof mj;
    } catch {
      mj = null;
    }
  }
  return mj;
}

/** Whether the compute engine has been loaded in this process (for benchmarks and diagnostics). */
export function casLoaded(): { computeEngine: boolean; mathjs: boolean; calls: number } {
  return { computeEngine: !!ce, mathjs: !!mj, calls };
}

const int = (n: bigint | number): MathNode => ({ t: "num", v: Rat.of(BigInt(n)), float: false });

const CE_FUNCS: Record<string, string> = {
  Sin: "sin",
  Cos: "cos",
  Tan: "tan",
  Sec: "sec",
  Csc: "csc",
  Cot: "cot",
  Arcsin: "arcsin",
  Arccos: "arccos",
  Arctan: "arctan",
  Sinh: "sinh",
  Cosh: "cosh",
  Tanh: "tanh",
  Ln: "ln",
  Abs: "abs",
  Floor: "floor",
  Ceil: "ceil",
  Factorial: "fact",
  Binomial: "binom",
};
const CE_REL: Record<string, RelOp> = {
  Equal: "=",
  Less: "<",
  LessEqual: "<=",
  Greater: ">",
  GreaterEqual: ">=",
  NotEqual: "!=",
};

function fromCe(j: unknown, depth = 0): MathNode | null {
  if (depth > 200) return null;
  if (typeof j === "number") {
    if (!Number.isFinite(j)) return null;
    const r = Rat.parseDecimal(String(j));
    return r ? { t: "num", v: r, float: !Number.isInteger(j) } : null;
  }
  if (typeof j === "string") {
    if (j === "Pi") return { t: "const", name: "pi" };
    if (j === "ExponentialE") return { t: "const", name: "e" };
    if (j === "PositiveInfinity") return { t: "const", name: "inf" };
    if (j === "NegativeInfinity") return { t: "neg", arg: { t: "const", name: "inf" } };
    if (/^[A-Za-z][A-Za-z0-9_]*$/.test(j) && j.length <= 12) return { t: "sym", name: j.toLowerCase() };
    return null;
  }
  if (j && typeof j === "object" && !Array.isArray(j) && "num" in j) {
    const r = Rat.parseDecimal(String((j as { num: unknown }).num));
    return r ? { t: "num", v: r, float: String((j as { num: unknown }).num).includes(".") } : null;
  }
  if (!Array.isArray(j) || typeof j[0] !== "string") return null;
  const [head, ...rest] = j as [string, ...unknown[]];
  const args: MathNode[] = [];
  for (const a of rest) {
    const c = fromCe(a, depth + 1);
    if (!c) return null;
    args.push(c);
  }
  switch (head) {
    case "Add":
      return { t: "add", args };
    case "Subtract":
      return args.length === 2 ? { t: "add", args: [args[0]!, { t: "neg", arg: args[1]! }] } : null;
    case "Multiply":
      return { t: "mul", args };
    case "Divide":
    case "Rational":
      return args.length === 2 ? { t: "div", num: args[0]!, den: args[1]! } : null;
    case "Negate":
      return args.length === 1 ? { t: "neg", arg: args[0]! } : null;
    case "Power":
      return args.length === 2 ? { t: "pow", base: args[0]!, exp: args[1]! } : null;
    case "Square":
      return { t: "pow", base: args[0]!, exp: int(2) };
    case "Sqrt":
      return { t: "pow", base: args[0]!, exp: { t: "div", num: int(1), den: int(2) } };
    case "Root":
      return args.length === 2
        ? { t: "pow", base: args[0]!, exp: { t: "div", num: int(1), den: args[1]! } }
        : null;
    case "Exp":
      return { t: "pow", base: { t: "const", name: "e" }, exp: args[0]! };
    case "Log":
      return args.length === 2
        ? {
            t: "div",
            num: { t: "fn", name: "ln", args: [args[0]!] },
            den: { t: "fn", name: "ln", args: [args[1]!] },
          }
        : { t: "fn", name: "log", args };
    case "Delimiter":
      return args.length === 1 ? args[0]! : { t: "tuple", items: args };
    case "Tuple":
    case "Pair":
    case "Triple":
      return { t: "tuple", items: args };
    case "Set":
      return { t: "set", items: args };
    default: {
      if (CE_REL[head] && args.length === 2) return { t: "rel", ops: [CE_REL[head]!], items: args };
      const f = CE_FUNCS[head];
      return f ? { t: "fn", name: f, args } : null;
    }
  }
}

/**
 * Parses LaTeX with the compute engine and converts the result, or null when it cannot be represented.
 * @example casParseLatex("\\frac{1}{2}") // { t: "div", ... }
 */
export function casParseLatex(latex: string): MathNode | null {
  calls++;
  const engine = computeEngine();
  if (!engine) return null;
  try {
    return fromCe(engine.parse(latex).json);
  } catch {
    return null;
  }
}

interface MjNode {
  type: string;
  value?: unknown;
  name?: string;
  fn?: string | { name: string };
  op?: string;
  args?: MjNode[];
  content?: MjNode;
}

function fromMj(n: MjNode, depth = 0): MathNode | null {
  if (depth > 200) return null;
  const kids = (n.args ?? []).map((a) => fromMj(a, depth + 1));
  if (kids.some((k) => !k)) return null;
  const args = kids as MathNode[];
  switch (n.type) {
    case "ConstantNode": {
      const r = Rat.parseDecimal(String(n.value));
      return r ? { t: "num", v: r, float: String(n.value).includes(".") } : null;
    }
    case "SymbolNode": {
      const name = String(n.name);
      if (name === "pi") return { t: "const", name: "pi" };
      if (name === "e") return { t: "const", name: "e" };
      if (name === "Infinity") return { t: "const", name: "inf" };
      return { t: "sym", name: name.toLowerCase() };
    }
    case "ParenthesisNode":
      return n.content ? fromMj(n.content, depth + 1) : null;
    case "OperatorNode": {
      const fn = typeof n.fn === "string" ? n.fn : n.fn?.name;
      if (fn === "add") return { t: "add", args };
      if (fn === "subtract") return { t: "add", args: [args[0]!, { t: "neg", arg: args[1]! }] };
      if (fn === "multiply") return { t: "mul", args };
      if (fn === "divide") return { t: "div", num: args[0]!, den: args[1]! };
      if (fn === "pow") return { t: "pow", base: args[0]!, exp: args[1]! };
      if (fn === "unaryMinus") return { t: "neg", arg: args[0]! };
      if (fn === "unaryPlus") return args[0]!;
      if (fn === "factorial") return { t: "fn", name: "fact", args };
      return null;
    }
    case "FunctionNode": {
      const name = typeof n.fn === "string" ? n.fn : (n.fn as { name?: string })?.name;
      if (name === "sqrt") return { t: "pow", base: args[0]!, exp: { t: "div", num: int(1), den: int(2) } };
      if (name === "exp") return { t: "pow", base: { t: "const", name: "e" }, exp: args[0]! };
      if (name && ["sin", "cos", "tan", "sec", "csc", "cot", "abs", "floor", "ceil", "log"].includes(name)) {
        return { t: "fn", name: name === "log" ? "ln" : name, args };
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * Parses a plain expression with mathjs and converts the result, or null.
 * @example casParseExpr("2^(1/2)") // { t: "pow", ... }
 */
export function casParseExpr(src: string): MathNode | null {
  calls++;
  const lib = mathjs();
  if (!lib) return null;
  try {
    return fromMj(lib.parse(src) as MjNode);
  } catch {
    return null;
  }
}
