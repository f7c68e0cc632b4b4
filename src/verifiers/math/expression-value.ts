/**
 * Evaluation of scalar answer trees: exactly over BigInt rationals when the value is rational, otherwise in
 * doubles with a running error bound (so "equal" means "equal up to rounding error actually incurred", not
 * "closer than a fixed epsilon", which is what equates 1/2^99 with 1/2^98 elsewhere).
 */
import { RewardFailure } from "../../core/result.ts";
import { children, type MathNode, show } from "./ast.ts";
import { Rat } from "./rational.ts";

/** Largest integer whose factorial is computed (exactly or numerically); larger ones are refused. */
export const MAX_FACTORIAL = 3000;

/** Thrown when an expression has no value at a point (division by zero, 0^-1, ...). */
export class Undefined extends Error {}

/**
 * The exact rational value of a node under `env` (symbol → rational), or null when it is not rational.
 * @example exact(parseMath("\\frac{1}{2^{99}}", o)!)!.toString() // "1/633825300114114700748351602688"
 */
export function exact(n: MathNode, env?: ReadonlyMap<string, Rat>): Rat | null {
  switch (n.t) {
    case "num":
      return n.v;
    case "sym":
      return env?.get(n.name) ?? null;
    case "add": {
      let acc = Rat.ZERO;
      for (const a of n.args) {
        const v = exact(a, env);
        if (!v) return null;
        acc = acc.add(v);
      }
      return acc;
    }
    case "mul": {
      let acc = Rat.ONE;
      for (const a of n.args) {
        const v = exact(a, env);
        if (!v) return null;
        acc = acc.mul(v);
      }
      return acc;
    }
    case "div": {
      const a = exact(n.num, env);
      if (!a) return null;
      const b = exact(n.den, env);
      if (!b) return null;
      if (b.isZero()) throw new Undefined("division by zero");
      return a.div(b);
    }
    case "neg": {
      const a = exact(n.arg, env);
      return a ? a.neg() : null;
    }
    case "pct": {
      const a = exact(n.arg, env);
      return a ? a.div(Rat.of(100n)) : null;
    }
    case "deg":
      return exact(n.arg, env);
    case "pow":
      return exactPow(n, env);
    case "fn":
      return n.user ? (env?.get(show(n)) ?? null) : exactFn(n.name, n.args, env);
    default:
      return null;
  }
}

function exactPow(n: { base: MathNode; exp: MathNode }, env?: ReadonlyMap<string, Rat>): Rat | null {
  const e = exact(n.exp, env);
  if (!e) return null;
  const b = exact(n.base, env);
  if (!b) return null;
  if (b.isZero()) {
    if (e.sign() < 0) throw new Undefined("0 to a negative power");
    return e.isZero() ? Rat.ONE : Rat.ZERO;
  }
  if ((b.num === 1n || b.num === -1n) && b.den === 1n) {
    if (b.num === 1n) return Rat.ONE;
    if (e.isInteger()) return e.num % 2n === 0n ? Rat.ONE : b;
  }
  if (e.isInteger()) return b.pow(e.num);
  // Rational exponent p/q: exact only when the q-th root is rational.
  if (e.den > 64n) return null;
  const q = Number(e.den);
  const root = rationalRoot(b, q);
  return root ? root.pow(e.num) : null;
}

function rationalRoot(b: Rat, q: number): Rat | null {
  if (b.sign() < 0) {
    if (q % 2 === 0) return null;
    const r = rationalRoot(b.neg(), q);
    return r ? r.neg() : null;
  }
  const n = intRoot(b.num, q);
  const d = intRoot(b.den, q);
  return n !== null && d !== null ? Rat.of(n, d) : null;
}

function intRoot(x: bigint, q: number): bigint | null {
  if (x < 2n) return x;
  const guess = BigInt(Math.round(Number(x) ** (1 / q)));
  for (const c of [guess - 1n, guess, guess + 1n]) if (c >= 0n && c ** BigInt(q) === x) return c;
  return null;
}

function exactFn(name: string, args: MathNode[], env?: ReadonlyMap<string, Rat>): Rat | null {
  if (name === "fact") {
    const a = exact(args[0]!, env);
    if (!a) return null;
    if (!a.isInteger() || a.sign() < 0) return null;
    if (a.num > BigInt(MAX_FACTORIAL)) {
      throw new RewardFailure(
        "resource",
        `factorial of ${a.num > 10n ** 12n ? "a huge number" : a.num} refused`,
      );
    }
    let r = 1n;
    for (let i = 2n; i <= a.num; i++) r *= i;
    return Rat.of(r);
  }
  if (name === "binom") {
    const a = exact(args[0]!, env);
    const b = exact(args[1]!, env);
    if (!a || !b || !a.isInteger() || !b.isInteger()) return null;
    const k = b.num;
    if (k < 0n) return Rat.ZERO;
    if (k > BigInt(MAX_FACTORIAL)) throw new RewardFailure("resource", "binomial too large");
    let r = Rat.ONE;
    for (let i = 0n; i < k; i++) r = r.mul(Rat.of(a.num - i, i + 1n));
    return r;
  }
  if (name === "abs") {
    const a = exact(args[0]!, env);
    return a ? (a.sign() < 0 ? a.neg() : a) : null;
  }
  if (name === "floor" || name === "ceil") {
    const a = exact(args[0]!, env);
    if (!a) return null;
    let q = a.num / a.den;
    if (a.num < 0n && q * a.den !== a.num) q -= 1n;
    if (name === "ceil" && q * a.den !== a.num) q += 1n;
    return Rat.of(q);
  }
  return null;
}

/** A double value with an absolute error bound. */
export interface Approx {
  v: number;
  e: number;
}

const EPS = 2 ** -52;
const nan: Approx = { v: Number.NaN, e: 0 };

/**
 * A double approximation of a node under `env` (symbol → number) with an error bound; NaN when undefined.
 * @example approx(parseMath("\\sqrt{2}", o)!).v // 1.4142135623730951
 */
export function approx(n: MathNode, env?: ReadonlyMap<string, number>): Approx {
  switch (n.t) {
    case "num": {
      const v = n.v.toNumber();
      // Integers and dyadic fractions within 53 bits are doubles exactly (so `\arcsin 1` has no error).
      const den = n.v.den;
      const exactDouble = (den & (den - 1n)) === 0n && (n.v.num < 0n ? -n.v.num : n.v.num) <= 2n ** 53n;
      return { v, e: exactDouble ? 0 : Math.abs(v) * EPS };
    }
    case "sym": {
      const v = env?.get(n.name);
      return v === undefined ? nan : { v, e: Math.abs(v) * EPS };
    }
    case "const":
      if (n.name === "pi") return { v: Math.PI, e: Math.PI * EPS };
      if (n.name === "e") return { v: Math.E, e: Math.E * EPS };
      return { v: Number.POSITIVE_INFINITY, e: 0 };
    case "add": {
      let v = 0;
      let e = 0;
      for (const a of n.args) {
        const x = approx(a, env);
        v += x.v;
        e += x.e + Math.abs(v) * EPS;
      }
      return { v, e };
    }
    case "mul": {
      let acc: Approx = { v: 1, e: 0 };
      for (const a of n.args) acc = mulA(acc, approx(a, env));
      return acc;
    }
    case "div": {
      const a = approx(n.num, env);
      const b = approx(n.den, env);
      if (Math.abs(b.v) <= b.e) return nan;
      const q = a.v / b.v;
      return { v: q, e: (a.e + Math.abs(q) * b.e) / (Math.abs(b.v) - b.e) + Math.abs(q) * EPS };
    }
    case "neg": {
      const a = approx(n.arg, env);
      return { v: -a.v, e: a.e };
    }
    case "pct": {
      const a = approx(n.arg, env);
      return { v: a.v / 100, e: a.e / 100 + (Math.abs(a.v) / 100) * EPS };
    }
    case "deg":
      return approx(n.arg, env);
    case "pow":
      return powA(n.base, n.exp, env);
    case "fn": {
      if (!n.user) return fnA(n.name, n.args, env);
      const v = env?.get(show(n));
      return v === undefined ? nan : { v, e: Math.abs(v) * EPS };
    }
    default:
      return nan;
  }
}

function mulA(a: Approx, b: Approx): Approx {
  const v = a.v * b.v;
  return { v, e: Math.abs(a.v) * b.e + Math.abs(b.v) * a.e + a.e * b.e + Math.abs(v) * EPS };
}

function powA(base: MathNode, exp: MathNode, env?: ReadonlyMap<string, number>): Approx {
  const a = approx(base, env);
  let ex: Rat | null = null;
  try {
    ex = exact(exp);
  } catch (e) {
    if (!(e instanceof Undefined)) throw e;
  }
  if (ex?.isInteger()) {
    const k = Number(ex.num);
    if (Math.abs(k) > 1e6 && Math.abs(a.v) !== 1 && a.v !== 0) return nan;
    const v = a.v ** k;
    if (a.v === 0 && k < 0) return nan;
    const rel = a.v === 0 ? 0 : Math.abs(k) * (a.e / Math.abs(a.v) + EPS);
    return { v, e: Math.abs(v) * rel + (a.v === 0 ? a.e : 0) };
  }
  const b = approx(exp, env);
  if (a.v < 0) {
    // Real odd roots of negative numbers (x^{1/3}); anything else is not real.
    if (ex && ex.den % 2n === 1n) {
      const v = -((-a.v) ** b.v);
      return { v, e: Math.abs(v) * (Math.abs(b.v) * (a.e / -a.v) + 4 * EPS) };
    }
    return nan;
  }
  if (a.v === 0) return b.v > 0 ? { v: 0, e: a.e } : nan;
  const v = a.v ** b.v;
  return { v, e: Math.abs(v) * (Math.abs(b.v) * (a.e / a.v) + Math.abs(Math.log(a.v)) * b.e + 4 * EPS) };
}

const TRIG = new Set(["sin", "cos", "tan", "sec", "csc", "cot"]);

function fnA(name: string, args: MathNode[], env?: ReadonlyMap<string, number>): Approx {
  if (name === "fact" || name === "binom") {
    const ex = exactFn(name, args, undefined);
    if (ex) return { v: ex.toNumber(), e: Math.abs(ex.toNumber()) * EPS };
    const a = approx(args[0]!, env);
    if (name === "fact" && Number.isInteger(a.v) && a.v >= 0 && a.v <= 170) {
      let r = 1;
      for (let i = 2; i <= a.v; i++) r *= i;
      return { v: r, e: r * a.v * EPS };
    }
    return nan;
  }
  if (args.length !== 1) return nan;
  // A trigonometric function of an angle in degrees (`\sin 60^\circ`) takes it in radians.
  const arg0 = args[0]!;
  const a =
    arg0.t === "deg" && TRIG.has(name)
      ? mulA(approx(arg0.arg, env), { v: Math.PI / 180, e: EPS })
      : approx(arg0, env);
  const x = a.v;
  const d = (v: number, deriv: number): Approx => ({ v, e: Math.abs(deriv) * a.e + Math.abs(v) * EPS + EPS });
  switch (name) {
    case "sin":
      return d(Math.sin(x), 1);
    case "cos":
      return d(Math.cos(x), 1);
    case "tan": {
      const t = Math.tan(x);
      return d(t, 1 + t * t);
    }
    case "sec": {
      const c = Math.cos(x);
      return Math.abs(c) < 1e-12 ? nan : d(1 / c, Math.abs(Math.tan(x) / c));
    }
    case "csc": {
      const s = Math.sin(x);
      return Math.abs(s) < 1e-12 ? nan : d(1 / s, Math.abs(1 / (s * Math.tan(x))));
    }
    case "cot": {
      const t = Math.tan(x);
      return Math.abs(t) < 1e-12 ? nan : d(1 / t, 1 + 1 / (t * t));
    }
    case "arcsin":
      return Math.abs(x) > 1 ? nan : d(Math.asin(x), 1 / Math.sqrt(Math.max(1e-300, 1 - x * x)));
    case "arccos":
      return Math.abs(x) > 1 ? nan : d(Math.acos(x), 1 / Math.sqrt(Math.max(1e-300, 1 - x * x)));
    case "arctan":
    case "atan":
      return d(Math.atan(x), 1 / (1 + x * x));
    case "sinh":
      return d(Math.sinh(x), Math.cosh(x));
    case "cosh":
      return d(Math.cosh(x), Math.sinh(x));
    case "tanh":
      return d(Math.tanh(x), 1);
    case "ln":
    case "log":
      return x <= 0 ? nan : d(Math.log(x), 1 / x);
    case "log10":
      return x <= 0 ? nan : d(Math.log10(x), 1 / (x * Math.LN10));
    case "abs":
      return { v: Math.abs(x), e: a.e };
    case "floor":
    case "ceil": {
      const v = name === "floor" ? Math.floor(x) : Math.ceil(x);
      return Math.abs(x - Math.round(x)) <= a.e ? nan : { v, e: 0 };
    }
    default:
      return nan;
  }
}

/** A summand smaller than this fraction of its sum vanishes when the sum is rounded to a double. */
const ABSORBED = 2 ** -40;

/**
 * True when a sum in `n` holds a genuinely nonzero term too small to change the sum in double precision
 * (`42 + 10^{-40}\sqrt{2}`, `\arcsin(1 + 10^{-20})`): the double value then cannot tell the expression
 * from the sum without that term, so a numeric "equal" would be a guess.
 * @example absorbsTerm(parseMath("42+10^{-40}\\sqrt{2}", o)!) // true
 */
export function absorbsTerm(n: MathNode, env?: ReadonlyMap<string, number>): boolean {
  if (n.t === "add") {
    const xs = n.args.map((a) => safe(a, env));
    const sum = Math.abs(xs.reduce((s, x) => s + x.v, 0));
    for (const x of xs) {
      const t = Math.abs(x.v);
      if (t > 0 && t > 16 * x.e && t < ABSORBED * sum) return true;
    }
  }
  for (const c of children(n)) if (absorbsTerm(c, env)) return true;
  return false;
}

function safe(n: MathNode, env?: ReadonlyMap<string, number>): Approx {
  try {
    return approx(n, env);
  } catch (e) {
    if (e instanceof Undefined) return nan;
    throw e;
  }
}
