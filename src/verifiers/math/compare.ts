/**
 * Equivalence of two parsed answers, following Math-Verify's gold-driven rules (assignments, relations,
 * sets/intervals/tuples, matrices, symbols and text), with exact rational arithmetic first, rounding only
 * when a side holds a decimal literal, and symbolic identity by exact or error-bounded evaluation at
 * deterministic sample points (Schwartz–Zippel for rational expressions).
 */
import { RewardFailure } from "../../core/result.ts";
import { children, freeSymbols, hasFloat, isScalar, type MathNode, type RelOp, show } from "./ast.ts";
import { type Approx, absorbsTerm, approx, exact, Undefined } from "./expression-value.ts";
import { Rat } from "./rational.ts";

/** Options of the comparison (Math-Verify's `verify` arguments). */
export interface CompareOptions {
  /** Decimals both sides are rounded to when either holds a decimal literal (Math-Verify `float_rounding`). */
  precision: number;
  /** Variable names matter (false: the prediction's symbols are renamed to the gold's by position). */
  strict: boolean;
  /** Also compare a relation prediction against a set gold (off: a policy cannot echo the inequality). */
  allowSetRelation: boolean;
  /** Accept `28\%` for `28` and the reverse (percent written or not). */
  percentAsNumber: boolean;
  /** Accept an angle in degrees for the same angle in radians (`90^\circ` = `\frac{\pi}{2}`). */
  degreesAsRadians: boolean;
}

/** Outcome of one comparison and the rule that decided it. */
export interface Decision {
  equal: boolean;
  rule: string;
  /** Why a numeric comparison was left undecided (scored as not equal). */
  note?: string;
}

const yes = (rule: string): Decision => ({ equal: true, rule });
const no = (rule: string): Decision => ({ equal: false, rule });
const undecided = (bound: number, a: number, b: number): Decision => ({
  equal: false,
  rule: "numeric-undecided",
  note: `the error bound ±${bound.toPrecision(3)} cannot separate ${a.toPrecision(6)} from ${b.toPrecision(6)}: undecided, scored as not equal`,
});

const INVERSE: Record<RelOp, RelOp> = { "<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "=", "!=": "!=" };
const SAMPLES = 5;

/**
 * Whether `pred` is equivalent to `gold`; asymmetric like Math-Verify (the gold dictates the format).
 * @example compareNodes(parse("x=1"), parse("1"), opts) // { equal: true, rule: "exact" }
 */
export function compareNodes(gold: MathNode, pred: MathNode, o: CompareOptions): Decision {
  if (!o.strict) pred = renameSymbols(gold, pred);
  const goldAssign = isAssignment(gold);
  const predAssign = isAssignment(pred);
  const goldEq = isEquation(gold);
  const predEq = isEquation(pred);
  if (goldAssign) gold = truncate(gold as RelNode);
  if (predAssign) pred = truncate(pred as RelNode);
  if (predEq && !goldEq) pred = lastRhs(pred as RelNode);
  else if (goldAssign && !predEq) gold = lastRhs(gold as RelNode);

  if (gold.t === "rel" && isSetLike(pred, false)) return relationVsSet(gold, pred, o);
  if (o.allowSetRelation && pred.t === "rel" && isSetLike(gold, false)) return relationVsSet(pred, gold, o);

  if (show(gold) === show(pred)) return yes("structural");
  if (gold.t === "rel" || pred.t === "rel") {
    return gold.t === "rel" && pred.t === "rel" ? compareRelations(gold, pred, o) : no("relation-vs-value");
  }
  if (isSetLike(gold, true) || isSetLike(pred, true)) return compareSets(gold, pred, o);
  if (gold.t === "text" || pred.t === "text") return compareText(gold, pred);
  const gm = matrixOf(gold);
  const pm = matrixOf(pred);
  if (gm || pm) {
    if (!gm || !pm) return no("matrix-vs-value");
    if (gm.length !== pm.length || gm[0]!.length !== pm[0]!.length) return no("matrix-shape");
    for (let i = 0; i < gm.length; i++) {
      for (let j = 0; j < gm[0]!.length; j++) {
        if (!compareNodes(gm[i]![j]!, pm[i]![j]!, o).equal) return no("matrix-entry");
      }
    }
    return yes("matrix");
  }
  const sym = symbolConcat(gold, pred);
  if (sym) return sym;
  if (!isScalar(gold) || !isScalar(pred)) return no("incomparable");
  return scalarEqual(gold, pred, o);
}

type RelNode = Extract<MathNode, { t: "rel" }>;

function isEquation(n: MathNode): boolean {
  return n.t === "rel" && n.ops.every((op) => op === "=");
}

/** `x = …`, `(p,q) = …`, `|AB| = …`: an equation whose left side is made only of symbols. */
function isAssignment(n: MathNode): boolean {
  return isEquation(n) && onlySymbols((n as RelNode).items[0]!);
}

function onlySymbols(n: MathNode): boolean {
  switch (n.t) {
    case "sym":
      return true;
    case "const":
      return n.name === "e";
    case "fn":
      return n.args.every(onlySymbols);
    case "add":
    case "mul":
      return n.args.every(onlySymbols);
    case "div":
      return onlySymbols(n.num) && onlySymbols(n.den);
    case "tuple":
      return n.items.every(onlySymbols);
    case "interval":
      return n.lopen && n.ropen && onlySymbols(n.lo) && onlySymbols(n.hi);
    default:
      return false;
  }
}

function truncate(n: RelNode): RelNode {
  return n.items.length === 2
    ? n
    : { t: "rel", ops: ["="], items: [n.items[0]!, n.items[n.items.length - 1]!] };
}

function lastRhs(n: RelNode): MathNode {
  return n.items[n.items.length - 1]!;
}

function isSetLike(n: MathNode, withTuple: boolean): boolean {
  return n.t === "set" || n.t === "interval" || n.t === "union" || (withTuple && n.t === "tuple");
}

/** Non-strict mode: rename the prediction's symbols to the gold's, by sorted position. */
function renameSymbols(gold: MathNode, pred: MathNode): MathNode {
  const g = [...plainSymbols(gold)].sort();
  const p = [...plainSymbols(pred)].sort();
  if (g.length !== p.length || g.every((s, i) => s === p[i])) return pred;
  const map = new Map(p.map((s, i) => [s, g[i]!]));
  return mapSyms(pred, map);
}

function plainSymbols(n: MathNode, out: Set<string> = new Set()): Set<string> {
  if (n.t === "sym") out.add(n.name);
  else for (const c of children(n)) plainSymbols(c, out);
  return out;
}

function mapSyms(n: MathNode, map: Map<string, string>): MathNode {
  const f = (c: MathNode) => mapSyms(c, map);
  switch (n.t) {
    case "sym":
      return { t: "sym", name: map.get(n.name) ?? n.name };
    case "add":
    case "mul":
      return { ...n, args: n.args.map(f) };
    case "fn":
      return { ...n, args: n.args.map(f) };
    case "div":
      return { t: "div", num: f(n.num), den: f(n.den) };
    case "neg":
    case "pct":
    case "deg":
      return { ...n, arg: f(n.arg) };
    case "pow":
      return { t: "pow", base: f(n.base), exp: f(n.exp) };
    case "rel":
    case "tuple":
    case "set":
    case "union":
      return { ...n, items: n.items.map(f) } as MathNode;
    case "interval":
      return { ...n, lo: f(n.lo), hi: f(n.hi) };
    case "matrix":
      return { t: "matrix", rows: n.rows.map((r) => r.map(f)) };
    default:
      return n;
  }
}

// ---------- scalars ----------

function scalarEqual(a: MathNode, b: MathNode, o: CompareOptions): Decision {
  const first = valueEqual(a, b, o);
  if (first.equal) return first;
  if (o.percentAsNumber) {
    if (a.t === "pct" && b.t !== "pct" && valueEqual(a.arg, b, o).equal) return yes("percent-as-number");
    if (b.t === "pct" && a.t !== "pct" && valueEqual(a, b.arg, o).equal) return yes("percent-as-number");
  }
  if (o.degreesAsRadians) {
    if (a.t === "deg" && b.t !== "deg" && valueEqual(radians(a.arg), b, o).equal)
      return yes("degrees-as-radians");
    if (b.t === "deg" && a.t !== "deg" && valueEqual(a, radians(b.arg), o).equal)
      return yes("degrees-as-radians");
  }
  return first;
}

function radians(n: MathNode): MathNode {
  return {
    t: "div",
    num: { t: "mul", args: [n, { t: "const", name: "pi" }] },
    den: { t: "num", v: Rat.of(180n), float: false },
  };
}

function safeExact(n: MathNode, env?: ReadonlyMap<string, Rat>): Rat | null | "undefined" {
  try {
    return exact(n, env);
  } catch (e) {
    if (e instanceof Undefined) return "undefined";
    throw e;
  }
}

function safeApprox(n: MathNode, env?: ReadonlyMap<string, number>): Approx {
  try {
    return approx(n, env);
  } catch (e) {
    if (e instanceof Undefined) return { v: Number.NaN, e: 0 };
    throw e;
  }
}

function roundNum(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Value equality of two scalar trees. */
function valueEqual(a: MathNode, b: MathNode, o: CompareOptions): Decision {
  const floats = hasFloat(a) || hasFloat(b);
  const free = freeSymbols(a);
  freeSymbols(b, free);
  if (free.size === 0) {
    const ea = safeExact(a);
    const eb = safeExact(b);
    if (ea === "undefined" || eb === "undefined") return no("undefined-value");
    if (ea && eb) {
      if (floats) {
        if (!ea.round(o.precision).eq(eb.round(o.precision))) return no("float-rounding");
        if (ea.eq(eb)) return yes("float-rounding");
        const [na, nb] = [ea.toNumber(), eb.toNumber()];
        // Below the smallest double both would read as 0: only exact equality counts there.
        if ((na === 0 && !ea.isZero()) || (nb === 0 && !eb.isZero())) return no("written-precision");
        return writtenPrecisionAgrees(a, b, na, nb, o.precision)
          ? yes("float-rounding")
          : no("written-precision");
      }
      return ea.eq(eb) ? yes("exact-rational") : no("exact-rational");
    }
    const xa = safeApprox(a);
    const xb = safeApprox(b);
    if (!Number.isFinite(xa.v) || !Number.isFinite(xb.v)) {
      if (xa.v === xb.v && !Number.isNaN(xa.v)) return yes("infinite");
      return no("not-finite");
    }
    if (!Number.isFinite(xa.e) || !Number.isFinite(xb.e)) {
      return undecided(Number.POSITIVE_INFINITY, xa.v, xb.v);
    }
    const bound = 16 * (xa.e + xb.e);
    if (floats) {
      if (roundNum(xa.v, o.precision) !== roundNum(xb.v, o.precision)) {
        return Math.abs(xa.v - xb.v) > bound ? no("float-rounding") : undecided(bound, xa.v, xb.v);
      }
      if (bound > 0.05 * 10 ** -o.precision) return undecided(bound, xa.v, xb.v);
      return writtenPrecisionAgrees(a, b, xa.v, xb.v, o.precision)
        ? yes("float-rounding")
        : no("written-precision");
    }
    const c = closeness(xa, xb);
    if (c === "equal" && (absorbsTerm(a) || absorbsTerm(b))) return absorbed(xa.v, xb.v);
    return c === "equal"
      ? yes("numeric-error-bound")
      : c === "apart"
        ? no("numeric-error-bound")
        : undecided(bound, xa.v, xb.v);
  }
  return sampleEqual(a, b, [...free], floats, o);
}

/** Largest error bound, relative to the values (or absolute near 0), that still decides equality. */
const DECIDABLE = 1e-9;

/**
 * Equal up to the rounding error actually incurred (a few ulps of the operands' error bounds); when that
 * bound is too wide to tell the values apart (`\sin(10^{17})`, `\tan^{-1}(\tan(10^{300}))`) the answer is
 * undecided, never equal.
 */
function absorbed(a: number, b: number): Decision {
  return {
    equal: false,
    rule: "numeric-undecided",
    note: `${a.toPrecision(6)} and ${b.toPrecision(6)} agree in double precision only because a nonzero term is too small to register: undecided, scored as not equal`,
  };
}

function closeness(a: Approx, b: Approx): "equal" | "apart" | "undecided" {
  const bound = 16 * (a.e + b.e);
  if (!(Math.abs(a.v - b.v) <= bound + Number.MIN_VALUE)) return "apart";
  return bound <= DECIDABLE * Math.max(1, Math.abs(a.v), Math.abs(b.v)) ? "equal" : "undecided";
}

/**
 * Decimal rounding alone equates `6.5\times10^{-19}` and `6.6\times10^{-19}` (both round to 0). Equal
 * values must also agree to `precision` significant digits, or differ by less than one unit in the last
 * digit written in a decimal literal (scaled to the side's magnitude), so rounded and truncated answers pass
 * and a different last digit does not.
 */
function writtenPrecisionAgrees(
  a: MathNode,
  b: MathNode,
  va: number,
  vb: number,
  precision: number,
): boolean {
  if (
    va === 0 || vb === 0
      ? va === vb
      : Number(va.toPrecision(precision || 1)) === Number(vb.toPrecision(precision || 1))
  )
    return true;
  const sa = literalSlack(a);
  const sb = literalSlack(b);
  if (sa === null && sb === null) return va === vb;
  const unit =
    2 *
    Math.max(
      sa === null ? 0 : sa.rel * Math.abs(va) + sa.abs,
      sb === null ? 0 : sb.rel * Math.abs(vb) + sb.abs,
    );
  return Math.abs(va - vb) < unit * (1 - 1e-6);
}

function literalSlack(n: MathNode): { rel: number; abs: number } | null {
  if (n.t === "num") {
    if (!n.float || n.half === undefined) return null;
    const v = Math.abs(n.v.toNumber());
    return v === 0 ? { rel: 0, abs: n.half } : { rel: n.half / v, abs: 0 };
  }
  let out: { rel: number; abs: number } | null = null;
  for (const c of children(n)) {
    const s = literalSlack(c);
    if (s) out = out ? { rel: Math.max(out.rel, s.rel), abs: Math.max(out.abs, s.abs) } : s;
  }
  return out;
}

/** Deterministic sample points: small rationals in (0.3, 3), distinct per symbol and per point. */
function samplePoints(names: string[]): Map<string, Rat>[] {
  const pts: Map<string, Rat>[] = [];
  let seed = 0x2545f491;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let k = 0; k < SAMPLES; k++) {
    const m = new Map<string, Rat>();
    for (const n of names) {
      const den = 7n + BigInt(Math.floor(rnd() * 50));
      const num = BigInt(Math.floor((0.3 + rnd() * 2.7) * Number(den))) + 1n;
      m.set(n, Rat.of(num, den));
    }
    pts.push(m);
  }
  return pts;
}

function toNumbers(m: Map<string, Rat>): Map<string, number> {
  return new Map([...m].map(([k, v]) => [k, v.toNumber()]));
}

/** Identity check at sample points: exact where both sides are rational there, error-bounded otherwise. */
function sampleEqual(
  a: MathNode,
  b: MathNode,
  names: string[],
  floats: boolean,
  o: CompareOptions,
): Decision {
  let valid = 0;
  let allExact = true;
  for (const pt of samplePoints(names)) {
    const ea = safeExact(a, pt);
    const eb = safeExact(b, pt);
    if (ea === "undefined" && eb === "undefined") continue;
    if (ea === "undefined" || eb === "undefined") return no("sampling-domain");
    if (ea && eb) {
      if (!ea.eq(eb)) return no("polynomial-identity");
      valid++;
      continue;
    }
    allExact = false;
    const nums = toNumbers(pt);
    const xa = safeApprox(a, nums);
    const xb = safeApprox(b, nums);
    const na = Number.isNaN(xa.v);
    const nb = Number.isNaN(xb.v);
    if (na && nb) continue;
    if (na || nb) return no("sampling-domain");
    if (floats) {
      if (!(Math.abs(xa.v - xb.v) <= 10 ** -o.precision * Math.max(1, Math.abs(xa.v))))
        return no("numeric-sampling");
    } else {
      const near = Math.abs(xa.v - xb.v) <= 1e-12 * Math.max(Math.abs(xa.v), Math.abs(xb.v));
      const c = near ? "equal" : closeness(xa, xb);
      if (c === "apart") return no("numeric-sampling");
      if (c === "undecided") return undecided(16 * (xa.e + xb.e), xa.v, xb.v);
      if (absorbsTerm(a, nums) || absorbsTerm(b, nums)) return absorbed(xa.v, xb.v);
    }
    valid++;
  }
  if (valid < 2) return no("sampling-undecided");
  return yes(allExact ? "polynomial-identity" : "numeric-sampling");
}

// ---------- relations ----------

function binaryRelations(n: RelNode): { op: RelOp; l: MathNode; r: MathNode }[] {
  return n.ops.map((op, i) => ({ op, l: n.items[i]!, r: n.items[i + 1]! }));
}

function compareRelations(g: RelNode, p: RelNode, o: CompareOptions): Decision {
  const gs = binaryRelations(g);
  const ps = binaryRelations(p);
  if (gs.length !== ps.length) return no("relation-chain-length");
  for (let i = 0; i < gs.length; i++) {
    if (!relationEqual(gs[i]!, ps[i]!, o)) return no("relation");
  }
  return yes("relation");
}

function diff(l: MathNode, r: MathNode): MathNode {
  return { t: "add", args: [l, { t: "neg", arg: r }] };
}

/** Same relation: l1 - r1 = c (l2 - r2) with c > 0 (same direction) or c < 0 (flipped); any c ≠ 0 for = and ≠. */
function relationEqual(
  g: { op: RelOp; l: MathNode; r: MathNode },
  p: { op: RelOp; l: MathNode; r: MathNode },
  o: CompareOptions,
): boolean {
  const same = g.op === p.op;
  const flipped = INVERSE[g.op] === p.op;
  if (!same && !flipped) return false;
  const symmetric = g.op === "=" || g.op === "!=";
  if (!isScalar(g.l) || !isScalar(g.r) || !isScalar(p.l) || !isScalar(p.r)) {
    return same && compareNodes(g.l, p.l, o).equal && compareNodes(g.r, p.r, o).equal;
  }
  const d1 = diff(g.l, g.r);
  const d2 = diff(p.l, p.r);
  if (same && valueEqual(d1, d2, o).equal) return true;
  if (flipped && valueEqual(d1, { t: "neg", arg: d2 }, o).equal) return true;
  const c = proportionality(d1, d2);
  if (c === null || c === 0) return false;
  if (symmetric) return true;
  return same ? c > 0 : c < 0;
}

/** The constant c with d1 = c·d2 at every sample point, or null when there is none. */
function proportionality(d1: MathNode, d2: MathNode): number | null {
  const free = freeSymbols(d1);
  freeSymbols(d2, free);
  if (free.size === 0) return null;
  let cExact: Rat | null = null;
  let cApprox: number | null = null;
  let valid = 0;
  for (const pt of samplePoints([...free])) {
    const a = safeExact(d1, pt);
    const b = safeExact(d2, pt);
    if (a === "undefined" || b === "undefined") continue;
    if (a && b) {
      if (b.isZero()) {
        if (!a.isZero()) return null;
        continue;
      }
      const c = a.div(b);
      if (cExact && !cExact.eq(c)) return null;
      if (cApprox !== null && Math.abs(cApprox - c.toNumber()) > 1e-9 * Math.abs(cApprox)) return null;
      cExact = c;
      valid++;
      continue;
    }
    const nums = toNumbers(pt);
    const x = safeApprox(d1, nums);
    const y = safeApprox(d2, nums);
    if (Number.isNaN(x.v) || Number.isNaN(y.v)) continue;
    if (Math.abs(y.v) <= y.e) {
      if (Math.abs(x.v) > 16 * x.e) return null;
      continue;
    }
    const c = x.v / y.v;
    const ref = cExact ? cExact.toNumber() : cApprox;
    if (ref !== null && Math.abs(ref - c) > 1e-9 * Math.max(Math.abs(ref), Math.abs(c))) return null;
    if (cApprox === null) cApprox = c;
    valid++;
  }
  if (valid < 2) return null;
  return cExact ? cExact.sign() * Math.abs(cExact.toNumber() || 1) : cApprox;
}

// ---------- relation vs set ----------

interface SetPart {
  lo: number;
  hi: number;
  loX: Rat | null;
  hiX: Rat | null;
  lopen: boolean;
  ropen: boolean;
}

function setParts(n: MathNode): SetPart[] | null {
  if (n.t === "union") {
    const out: SetPart[] = [];
    for (const it of n.items) {
      const p = setParts(it);
      if (!p) return null;
      out.push(...p);
    }
    return out;
  }
  if (n.t === "interval") {
    const lo = endpoint(n.lo);
    const hi = endpoint(n.hi);
    if (!lo || !hi) return null;
    return [{ lo: lo.v, hi: hi.v, loX: lo.x, hiX: hi.x, lopen: n.lopen, ropen: n.ropen }];
  }
  if (n.t === "set") {
    const out: SetPart[] = [];
    for (const it of n.items) {
      const e = endpoint(it);
      if (!e) return null;
      out.push({ lo: e.v, hi: e.v, loX: e.x, hiX: e.x, lopen: false, ropen: false });
    }
    return out;
  }
  return null;
}

function endpoint(n: MathNode): { v: number; x: Rat | null } | null {
  if (freeSymbols(n).size) return null;
  const x = safeExact(n);
  if (x === "undefined") return null;
  if (x) return { v: x.toNumber(), x };
  const a = safeApprox(n);
  return Number.isNaN(a.v) ? null : { v: a.v, x: null };
}

function inParts(parts: SetPart[], t: number, tx: Rat | null): boolean {
  for (const p of parts) {
    const cl = p.loX && tx ? tx.cmp(p.loX) : Math.sign(t - p.lo);
    const ch = p.hiX && tx ? tx.cmp(p.hiX) : Math.sign(t - p.hi);
    if ((p.lopen ? cl > 0 : cl >= 0) && (p.ropen ? ch < 0 : ch <= 0)) return true;
  }
  return false;
}

function holds(op: RelOp, d: number): boolean {
  switch (op) {
    case "<":
      return d < 0;
    case "<=":
      return d <= 0;
    case ">":
      return d > 0;
    case ">=":
      return d >= 0;
    case "=":
      return d === 0;
    case "!=":
      return d !== 0;
  }
}

/** Relation in one variable vs a set: the same membership at every endpoint, just beside it, and between. */
function relationVsSet(rel: RelNode, set: MathNode, _o: CompareOptions): Decision {
  const free = [...freeSymbols(rel)];
  if (free.length !== 1) return no("relation-vs-set");
  const parts = setParts(set);
  if (!parts) return no("relation-vs-set");
  const name = free[0]!;
  const pts: { v: number; x: Rat | null }[] = [];
  const add = (v: number, x: Rat | null) => {
    if (Number.isFinite(v)) pts.push({ v, x });
  };
  for (const p of parts) {
    for (const [v, x] of [
      [p.lo, p.loX],
      [p.hi, p.hiX],
    ] as const) {
      add(v, x);
      const d = 1e-6 * Math.max(1, Math.abs(v));
      add(v - d, x ? x.sub(Rat.of(1n, 1000000n)) : null);
      add(v + d, x ? x.add(Rat.of(1n, 1000000n)) : null);
    }
  }
  for (const it of rel.items) {
    const e = endpoint(it);
    if (e) {
      add(e.v, e.x);
      add(-e.v, e.x ? e.x.neg() : null);
    }
  }
  add(0, Rat.ZERO);
  add(1e6, Rat.of(1000000n));
  add(-1e6, Rat.of(-1000000n));
  const sorted = [...pts].sort((a, b) => a.v - b.v);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (b.v > a.v) add((a.v + b.v) / 2, a.x && b.x ? a.x.add(b.x).div(Rat.of(2n)) : null);
  }
  const rels = binaryRelations(rel);
  for (const pt of pts) {
    let inRel = true;
    for (const r of rels) {
      const d = diff(r.l, r.r);
      const ex = pt.x ? safeExact(d, new Map([[name, pt.x]])) : null;
      if (ex === "undefined") {
        inRel = false;
        break;
      }
      let sign: number;
      if (ex) sign = ex.sign();
      else {
        const a = safeApprox(d, new Map([[name, pt.v]]));
        if (Number.isNaN(a.v)) {
          inRel = false;
          break;
        }
        sign = Math.abs(a.v) <= 16 * a.e ? 0 : Math.sign(a.v);
      }
      if (!holds(r.op, sign)) {
        inRel = false;
        break;
      }
    }
    if (inRel !== inParts(parts, pt.v, pt.x)) return no("relation-vs-set");
  }
  return yes("relation-vs-set");
}

// ---------- sets, intervals, tuples ----------

/**
 * The elements of a set as a set: a repeated element counts once (`\{1,1,2\}` = `\{1,2\}`), and roots
 * listed as `x_1=2, x_2=3` are values of the one unknown `x`.
 */
function setItems(items: MathNode[]): MathNode[] {
  const seen = new Set<string>();
  const out: MathNode[] = [];
  for (const it of unindexRoots(items)) {
    const k = show(it);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(it);
    }
  }
  return out;
}

function unindexRoots(items: MathNode[]): MathNode[] {
  let base: string | null = null;
  for (const it of items) {
    if (it.t !== "rel" || it.ops.length !== 1 || it.ops[0] !== "=" || it.items[0]!.t !== "sym") return items;
    const m = /^([a-zA-Z])_\{?\d+\}?$/.exec((it.items[0] as { name: string }).name);
    if (!m || (base !== null && m[1] !== base)) return items;
    base = m[1]!;
  }
  if (base === null) return items;
  const sym: MathNode = { t: "sym", name: base };
  return items.map((it) => ({ ...(it as RelNode), items: [sym, (it as RelNode).items[1]!] }));
}

function compareSets(g: MathNode, p: MathNode, o: CompareOptions): Decision {
  const gs: MathNode = isSetLike(g, true) ? g : { t: "set", items: [g] };
  const ps: MathNode = isSetLike(p, true) ? p : { t: "set", items: [p] };
  if (gs.t === "interval" && ps.t === "interval") {
    const ok =
      gs.lopen === ps.lopen &&
      gs.ropen === ps.ropen &&
      compareNodes(gs.lo, ps.lo, o).equal &&
      compareNodes(gs.hi, ps.hi, o).equal;
    return ok ? yes("interval") : no("interval");
  }
  if (gs.t === "union" && ps.t === "union") {
    return matchUnordered(gs.items, ps.items, o) ? yes("union") : no("union");
  }
  if (gs.t === "set" && ps.t === "set") {
    return matchUnordered(setItems(gs.items), setItems(ps.items), o) ? yes("set") : no("set");
  }
  if (gs.t === "tuple" && ps.t === "tuple")
    return matchOrdered(gs.items, ps.items, o) ? yes("tuple") : no("tuple");
  if (gs.t === "tuple" && ps.t === "set")
    return matchOrdered(gs.items, ps.items, o) ? yes("tuple-set") : no("tuple-set");
  if (gs.t === "set" && ps.t === "tuple") {
    return matchUnordered(setItems(gs.items), setItems(ps.items), o) ? yes("tuple-set") : no("tuple-set");
  }
  // (a, b) is an open interval that also matches a two-element set or tuple.
  if (
    gs.t === "interval" &&
    gs.lopen &&
    gs.ropen &&
    (ps.t === "set" || ps.t === "tuple") &&
    ps.items.length === 2
  ) {
    return matchOrdered([gs.lo, gs.hi], ps.items, o) ? yes("pair") : no("pair");
  }
  if (
    ps.t === "interval" &&
    ps.lopen &&
    ps.ropen &&
    (gs.t === "set" || gs.t === "tuple") &&
    gs.items.length === 2
  ) {
    return matchOrdered(gs.items, [ps.lo, ps.hi], o) ? yes("pair") : no("pair");
  }
  return no("set-kind");
}

function matchOrdered(a: MathNode[], b: MathNode[], o: CompareOptions): boolean {
  return a.length === b.length && a.every((x, i) => compareNodes(x, b[i]!, o).equal);
}

function matchUnordered(a: MathNode[], b: MathNode[], o: CompareOptions): boolean {
  if (a.length !== b.length) return false;
  if (a.length > 64) throw new RewardFailure("resource", "set with more than 64 elements");
  const used = new Array<boolean>(b.length).fill(false);
  for (const x of a) {
    let found = false;
    for (let j = 0; j < b.length; j++) {
      if (!used[j] && compareNodes(x, b[j]!, o).equal) {
        used[j] = true;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

// ---------- text and symbols ----------

/** A product of single letters read as a word (`odd` parsed as o·d·d), or null. */
function asWord(n: MathNode): string | null {
  if (n.t === "sym") return n.name;
  if (n.t === "const" && n.name === "e") return "e";
  if (n.t === "text") return n.value.replace(/\s+/g, "");
  if (n.t === "mul") {
    let s = "";
    for (const a of n.args) {
      const w = a.t === "sym" || (a.t === "const" && a.name === "e") ? asWord(a) : null;
      if (w === null) return null;
      s += w;
    }
    return s;
  }
  return null;
}

function compareText(a: MathNode, b: MathNode): Decision {
  const wa = asWord(a);
  const wb = asWord(b);
  if (wa !== null && wb !== null && wa === wb) return yes("text");
  return no("text");
}

function symbolConcat(a: MathNode, b: MathNode): Decision | null {
  if ((a.t === "sym" && b.t === "mul") || (a.t === "mul" && b.t === "sym")) {
    const wa = asWord(a);
    const wb = asWord(b);
    if (wa !== null && wb !== null) return wa === wb ? yes("symbol-concat") : no("symbol-concat");
  }
  return null;
}

// ---------- matrices ----------

function matrixOf(n: MathNode): MathNode[][] | null {
  switch (n.t) {
    case "matrix":
      return n.rows;
    case "neg": {
      const m = matrixOf(n.arg);
      return m ? m.map((r) => r.map((x) => ({ t: "neg", arg: x }) as MathNode)) : null;
    }
    case "add": {
      const ms = n.args.map(matrixOf);
      if (ms.some((m) => !m)) return null;
      const first = ms[0]!;
      if (ms.some((m) => m!.length !== first.length || m![0]!.length !== first[0]!.length)) return null;
      return first.map((r, i) =>
        r.map((_, j) => ({ t: "add", args: ms.map((m) => m![i]![j]!) }) as MathNode),
      );
    }
    case "mul": {
      let acc: MathNode[][] | null = null;
      let scalar: MathNode[] = [];
      for (const a of n.args) {
        const m = matrixOf(a);
        if (!m) {
          scalar.push(a);
          continue;
        }
        if (!acc) acc = m;
        else {
          if (acc[0]!.length !== m.length) return null;
          const left: MathNode[][] = acc;
          acc = left.map((row) =>
            m[0]!.map((_, j) => ({ t: "add", args: row.map((x, k) => mul2(x, m[k]![j]!)) }) as MathNode),
          );
        }
      }
      if (!acc) return null;
      if (scalar.length) {
        const s: MathNode = scalar.length === 1 ? scalar[0]! : { t: "mul", args: scalar };
        acc = acc.map((r) => r.map((x) => mul2(s, x)));
        scalar = [];
      }
      return acc;
    }
    default:
      return null;
  }
}

function mul2(a: MathNode, b: MathNode): MathNode {
  return { t: "mul", args: [a, b] };
}
