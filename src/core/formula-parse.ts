import { RewardkitError } from "./errors.ts";

/** A parsed formula (the OpenAI `calculate_output` language). */
export type Expr =
  | { t: "num"; v: number }
  | { t: "var"; name: string }
  | { t: "neg"; e: Expr }
  | { t: "bin"; op: "+" | "-" | "*" | "/" | "^"; a: Expr; b: Expr }
  | { t: "call"; fn: FnName; args: Expr[] };

const FNS = ["min", "max", "abs", "floor", "ceil", "exp", "sqrt", "log"] as const;
type FnName = (typeof FNS)[number];
const MAX_LEN = 10_000;
const MAX_DEPTH = 200;

/**
 * Parses `+ - * / ^`, parentheses, numbers, names and `min max abs floor ceil exp sqrt log`
 * (OpenAI grader `calculate_output`); throws `E_FORMULA` with the position on bad input.
 * @example parseFormula("0.5 * name + 0.5 * arguments")
 */
export function parseFormula(src: string): Expr {
  if (src.length > MAX_LEN) fail(src, 0, `formula longer than ${MAX_LEN} characters`);
  let i = 0;
  let depth = 0;
  const ws = () => {
    while (i < src.length && /\s/.test(src[i]!)) i++;
  };
  const peek = () => {
    ws();
    return src[i];
  };
  const expr = (): Expr => {
    if (++depth > MAX_DEPTH) fail(src, i, `formula nested deeper than ${MAX_DEPTH}`);
    let a = term();
    for (let c = peek(); c === "+" || c === "-"; c = peek()) {
      i++;
      a = { t: "bin", op: c, a, b: term() };
    }
    depth--;
    return a;
  };
  const term = (): Expr => {
    let a = unary();
    for (let c = peek(); c === "*" || c === "/"; c = peek()) {
      i++;
      a = { t: "bin", op: c, a, b: unary() };
    }
    return a;
  };
  const unary = (): Expr => {
    const c = peek();
    if (c === "-") {
      i++;
      if (++depth > MAX_DEPTH) fail(src, i, `formula nested deeper than ${MAX_DEPTH}`);
      const e = unary();
      depth--;
      return { t: "neg", e };
    }
    if (c === "+") {
      i++;
      return unary();
    }
    return power();
  };
  const power = (): Expr => {
    const a = primary();
    if (peek() === "^") {
      i++;
      return { t: "bin", op: "^", a, b: unary() };
    }
    return a;
  };
  const primary = (): Expr => {
    const c = peek();
    if (c === undefined) fail(src, i, "unexpected end of formula");
    if (c === "(") {
      i++;
      const e = expr();
      if (peek() !== ")") fail(src, i, "expected ')'");
      i++;
      return e;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i, i + 64));
    if (num) {
      i += num[0].length;
      return { t: "num", v: Number(num[0]) };
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i, i + 256));
    if (id) {
      i += id[0].length;
      const name = id[0];
      if (peek() === "(") {
        if (!(FNS as readonly string[]).includes(name)) fail(src, i, `unknown function "${name}"`);
        i++;
        const args: Expr[] = [];
        if (peek() !== ")") {
          args.push(expr());
          while (peek() === ",") {
            i++;
            args.push(expr());
          }
        }
        if (peek() !== ")") fail(src, i, "expected ')' after arguments");
        i++;
        const fn = name as FnName;
        const arity = fn === "min" || fn === "max" ? args.length >= 1 : args.length === 1;
        if (!arity) fail(src, i, `wrong number of arguments to ${fn}`);
        return { t: "call", fn, args };
      }
      return { t: "var", name };
    }
    return fail(src, i, `unexpected "${c}"`);
  };
  const e = expr();
  if (peek() !== undefined) fail(src, i, `unexpected "${src[i]}"`);
  return e;
}

function fail(src: string, at: number, why: string): never {
  throw new RewardkitError("E_FORMULA", [
    { path: "", message: `${why} at position ${at} in "${src.slice(0, 80)}"` },
  ]);
}

/** Names a formula reads. */
export function formulaVars(e: Expr, out = new Set<string>()): Set<string> {
  if (e.t === "var") out.add(e.name);
  else if (e.t === "neg") formulaVars(e.e, out);
  else if (e.t === "bin") {
    formulaVars(e.a, out);
    formulaVars(e.b, out);
  } else if (e.t === "call") for (const a of e.args) formulaVars(a, out);
  return out;
}

/** Evaluates a parsed formula; the caller checks the result is finite. */
export function evalFormula(e: Expr, env: Readonly<Record<string, number>>): number {
  switch (e.t) {
    case "num":
      return e.v;
    case "var":
      return env[e.name] ?? Number.NaN;
    case "neg":
      return -evalFormula(e.e, env);
    case "bin": {
      const a = evalFormula(e.a, env);
      const b = evalFormula(e.b, env);
      switch (e.op) {
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return a * b;
        case "/":
          return a / b;
        case "^":
          return a ** b;
      }
      break;
    }
    case "call": {
      const xs = e.args.map((a) => evalFormula(a, env));
      switch (e.fn) {
        case "min":
          return Math.min(...xs);
        case "max":
          return Math.max(...xs);
        case "abs":
          return Math.abs(xs[0]!);
        case "floor":
          return Math.floor(xs[0]!);
        case "ceil":
          return Math.ceil(xs[0]!);
        case "exp":
          return Math.exp(xs[0]!);
        case "sqrt":
          return Math.sqrt(xs[0]!);
        case "log":
          return Math.log(xs[0]!);
      }
    }
  }
  return Number.NaN;
}
