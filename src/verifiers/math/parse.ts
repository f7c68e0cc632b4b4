/**
 * A hand-written recursive-descent parser for math answers, in two dialects: LaTeX (`\frac{1}{2}`, single-letter
 * symbols, implicit products) and plain expressions (`1/2`, `sqrt(x)`, `x**2`, multi-letter names). It is linear
 * in the input, has a depth limit, and never evaluates anything: evaluation and its size guards live elsewhere.
 */
import { RewardFailure } from "../../core/result.ts";
import type { MathNode, RelOp } from "./ast.ts";
import { Rat } from "./rational.ts";

/** Nesting depth beyond which an answer is refused as a resource problem. */
export const MAX_PARSE_DEPTH = 200;
/** Longest run of digits in one number literal that is accepted. */
export const MAX_DIGITS = 5000;

type Tok =
  | { k: "num"; s: string }
  | { k: "id"; s: string }
  | { k: "cmd"; s: string }
  | { k: "op"; s: string }
  | { k: "text"; s: string }
  | { k: "end"; s: "" };

const FUNCS = new Set([
  "sin",
  "cos",
  "tan",
  "sec",
  "csc",
  "cot",
  "arcsin",
  "arccos",
  "arctan",
  "asin",
  "acos",
  "atan",
  "sinh",
  "cosh",
  "tanh",
  "ln",
  "log",
  "exp",
  "sqrt",
  "abs",
  "floor",
  "ceil",
  "det",
]);
const GREEK = new Set([
  "alpha",
  "beta",
  "gamma",
  "delta",
  "epsilon",
  "varepsilon",
  "zeta",
  "eta",
  "theta",
  "vartheta",
  "iota",
  "kappa",
  "lambda",
  "mu",
  "nu",
  "xi",
  "rho",
  "sigma",
  "tau",
  "upsilon",
  "phi",
  "varphi",
  "chi",
  "psi",
  "omega",
  "Gamma",
  "Delta",
  "Theta",
  "Lambda",
  "Xi",
  "Sigma",
  "Phi",
  "Psi",
  "Omega",
]);
const REL_CMDS: Record<string, RelOp> = {
  le: "<=",
  leq: "<=",
  leqslant: "<=",
  ge: ">=",
  geq: ">=",
  geqslant: ">=",
  lt: "<",
  gt: ">",
  ne: "!=",
  neq: "!=",
  in: "=",
};
const WRAPPERS = new Set([
  "overline",
  "vec",
  "hat",
  "bar",
  "tilde",
  "mathbf",
  "boldsymbol",
  "widehat",
  "underline",
]);

/** Dialect of the input. */
export type Dialect = "latex" | "expr";

/** Options of `parseMath`. */
export interface ParseOptions {
  dialect: Dialect;
  /** Accept `\sqrt(2)`, `sqrt(2)` inside LaTeX, and single-token `\frac12` arguments. */
  malformed: boolean;
}

function tokenize(src: string, dialect: Dialect): Tok[] {
  const out: Tok[] = [];
  const n = src.length;
  let i = 0;
  while (i < n) {
    const c = src[i]!;
    const code = src.charCodeAt(i);
    if (c === " " || c === "\n" || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if ((code >= 48 && code <= 57) || (c === "." && /\d/.test(src[i + 1] ?? ""))) {
      let j = i;
      while (j < n && src.charCodeAt(j) >= 48 && src.charCodeAt(j) <= 57) j++;
      if (src[j] === "." && /\d/.test(src[j + 1] ?? "")) {
        j++;
        while (j < n && src.charCodeAt(j) >= 48 && src.charCodeAt(j) <= 57) j++;
      }
      // E-notation (`2.9E+04`, `6.3e5`) is a power of ten, not Euler's e times a number.
      const ex = E_NOTATION.exec(src.slice(j, j + 12));
      if (ex) {
        if (ex[1]!.length > 4) throw new RewardFailure("resource", `exponent ${ex[0]} is too large`);
        j += ex[0].length;
      }
      if (j - i > MAX_DIGITS)
        throw new RewardFailure("resource", `number with more than ${MAX_DIGITS} digits`);
      out.push({ k: "num", s: src.slice(i, j) });
      i = j;
      continue;
    }
    if (c === "\\") {
      const m = /^[a-zA-Z]+/.exec(src.slice(i + 1, i + 40));
      if (m) {
        const name = m[0];
        i += 1 + name.length;
        if (name === "text" || name === "textnormal") {
          // \text{...}: its raw content (brace-balanced, bounded by the input).
          while (src[i] === " ") i++;
          if (src[i] === "{") {
            let depth = 1;
            let j = i + 1;
            while (j < n && depth > 0) {
              if (src[j] === "{") depth++;
              else if (src[j] === "}") depth--;
              j++;
            }
            out.push({ k: "text", s: src.slice(i + 1, j - 1) });
            i = j;
            continue;
          }
        }
        out.push({ k: "cmd", s: name });
        continue;
      }
      const nx = src[i + 1] ?? "";
      if (nx === "\\") {
        out.push({ k: "op", s: "\\\\" });
        i += 2;
        continue;
      }
      out.push({ k: "cmd", s: nx });
      i += 2;
      continue;
    }
    if (/[a-zA-Z]/.test(c)) {
      if (dialect === "expr") {
        let j = i;
        while (j < n && /[a-zA-Z_0-9]/.test(src[j]!)) j++;
        out.push({ k: "id", s: src.slice(i, j) });
        i = j;
      } else {
        out.push({ k: "id", s: c });
        i++;
      }
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === "<=" || two === ">=" || two === "!=" || two === "**" || two === "==") {
      out.push({ k: "op", s: two === "**" ? "^" : two === "==" ? "=" : two });
      i += 2;
      continue;
    }
    const uni: Record<string, Tok> = {
      "×": { k: "op", s: "*" },
      "·": { k: "op", s: "*" },
      "÷": { k: "op", s: "/" },
      "−": { k: "op", s: "-" },
      "–": { k: "op", s: "-" },
      "≤": { k: "op", s: "<=" },
      "≥": { k: "op", s: ">=" },
      "≠": { k: "op", s: "!=" },
      π: { k: "cmd", s: "pi" },
      "∞": { k: "cmd", s: "infty" },
      "√": { k: "cmd", s: "sqrt" },
      "°": { k: "cmd", s: "circ" },
      "²": { k: "op", s: "²" },
      "³": { k: "op", s: "³" },
      "±": { k: "cmd", s: "pm" },
    };
    const u = uni[c];
    if (u) out.push(u);
    else out.push({ k: "op", s: c });
    i++;
  }
  out.push({ k: "end", s: "" });
  return out;
}

const E_NOTATION = /^[eE][+-]?0*(\d+)(?![a-zA-Z\d])/;

const num = (s: string): MathNode => {
  const k = s.search(/[eE]/);
  const mant = k === -1 ? s : s.slice(0, k);
  const exp = k === -1 ? 0 : Number(s.slice(k + 1));
  let v = Rat.parseDecimal(mant);
  if (!v) throw new SyntaxError(`bad number ${s}`);
  if (exp !== 0) v = v.mul(Rat.of(10n).pow(BigInt(exp)));
  const decimals = mant.includes(".") ? mant.length - mant.indexOf(".") - 1 : 0;
  if (!mant.includes(".") && k === -1) return { t: "num", v, float: false };
  return { t: "num", v, float: true, half: 0.5 * 10 ** (exp - decimals) };
};
const int = (n: number): MathNode => ({ t: "num", v: Rat.of(BigInt(n)), float: false });

class Parser {
  private p = 0;
  private depth = 0;
  private absDepth = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly o: ParseOptions,
  ) {}

  private peek(k = 0): Tok {
    return this.toks[Math.min(this.p + k, this.toks.length - 1)]!;
  }
  private next(): Tok {
    return this.toks[this.p++]!;
  }
  private isOp(s: string, k = 0): boolean {
    const t = this.peek(k);
    return t.k === "op" && t.s === s;
  }
  private isCmd(s: string, k = 0): boolean {
    const t = this.peek(k);
    return t.k === "cmd" && t.s === s;
  }
  private expectOp(s: string): void {
    if (!this.isOp(s)) throw new SyntaxError(`expected ${s}`);
    this.p++;
  }
  private enter(): void {
    if (++this.depth > MAX_PARSE_DEPTH) {
      throw new RewardFailure("resource", `nesting deeper than ${MAX_PARSE_DEPTH}`);
    }
  }

  parseAll(): MathNode {
    const n = this.parseList(["end"]);
    if (this.peek().k !== "end") throw new SyntaxError(`unexpected ${this.peek().s}`);
    return n;
  }

  /** Comma/semicolon list up to a closer; one item is returned as is, several become a set. */
  private parseList(closers: string[]): MathNode {
    const items = this.parseItems(closers);
    if (items.length === 1) return items[0]!;
    return { t: "set", items: flattenSets(items) };
  }

  private parseItems(closers: string[]): MathNode[] {
    const items: MathNode[] = [];
    const atCloser = () => {
      const t = this.peek();
      return t.k === "end" || closers.includes(t.s);
    };
    for (;;) {
      if (atCloser()) {
        if (items.length === 0) throw new SyntaxError("empty");
        break;
      }
      items.push(this.parseRelation());
      if (this.isOp(",") || this.isOp(";")) {
        this.p++;
        continue;
      }
      if (!atCloser()) throw new SyntaxError(`unexpected ${this.peek().s}`);
      break;
    }
    return items;
  }

  private relOp(): RelOp | null {
    const t = this.peek();
    if (t.k === "op") {
      if (t.s === "=" || t.s === "<" || t.s === ">" || t.s === "<=" || t.s === ">=" || t.s === "!=") {
        return t.s as RelOp;
      }
      return null;
    }
    if (t.k === "cmd") return REL_CMDS[t.s] ?? null;
    return null;
  }

  private parseRelation(): MathNode {
    const first = this.parseUnion();
    const items = [first];
    const ops: RelOp[] = [];
    for (let op = this.relOp(); op; op = this.relOp()) {
      this.p++;
      ops.push(op);
      items.push(this.parseUnion());
    }
    return ops.length ? { t: "rel", ops, items } : first;
  }

  private parseUnion(): MathNode {
    const first = this.parseAdd();
    if (!this.isCmd("cup")) return first;
    const items = [first];
    while (this.isCmd("cup")) {
      this.p++;
      items.push(this.parseAdd());
    }
    return { t: "union", items };
  }

  /** Sums; `\pm`/`\mp` expand into a set of the sign choices. */
  private parseAdd(): MathNode {
    this.enter();
    const terms: { sign: "+" | "-" | "pm" | "mp"; node: MathNode }[] = [];
    let sign: "+" | "-" | "pm" | "mp" = "+";
    if (this.isOp("-")) {
      this.p++;
      sign = "-";
    } else if (this.isOp("+")) this.p++;
    else if (this.isCmd("pm") || this.isCmd("mp")) {
      sign = this.next().s as "pm" | "mp";
    }
    terms.push({ sign, node: this.parseMul() });
    for (;;) {
      if (this.isOp("+") || this.isOp("-")) sign = this.next().s as "+" | "-";
      else if (this.isCmd("pm") || this.isCmd("mp")) sign = this.next().s as "pm" | "mp";
      else break;
      terms.push({ sign, node: this.parseMul() });
    }
    this.depth--;
    const pms = terms.filter((t) => t.sign === "pm" || t.sign === "mp").length;
    if (pms === 0) return buildSum(terms as { sign: "+" | "-"; node: MathNode }[]);
    if (pms > 3) throw new SyntaxError("too many \\pm");
    const out: MathNode[] = [];
    for (let mask = 0; mask < 1 << pms; mask++) {
      let b = 0;
      out.push(
        buildSum(
          terms.map((t) => {
            if (t.sign === "+" || t.sign === "-") return t as { sign: "+" | "-"; node: MathNode };
            const plus = ((mask >> b++) & 1) === (t.sign === "pm" ? 1 : 0);
            return { sign: plus ? "+" : "-", node: t.node };
          }),
        ),
      );
    }
    return { t: "set", items: out };
  }

  private startsAtom(): boolean {
    const t = this.peek();
    if (t.k === "num" || t.k === "id" || t.k === "text") return true;
    if (t.k === "op")
      return t.s === "(" || t.s === "[" || t.s === "{" || (t.s === "|" && this.absDepth === 0);
    if (t.k === "cmd") {
      return !(
        t.s in REL_CMDS ||
        [
          "cdot",
          "times",
          "div",
          "pm",
          "mp",
          "cup",
          "cap",
          "setminus",
          "%",
          "circ",
          "approx",
          "to",
          "mid",
        ].includes(t.s) ||
        ["}", "right", "end", "rfloor", "rceil", "rvert"].includes(t.s) ||
        ((t.s === "vert" || t.s === "|") && this.absDepth > 0)
      );
    }
    return false;
  }

  private parseMul(): MathNode {
    this.enter();
    let acc = this.parseUnary();
    for (;;) {
      if (this.isOp("*") || this.isCmd("cdot") || this.isCmd("times") || this.isCmd("ast")) {
        this.p++;
        acc = mul(acc, this.parseUnary());
      } else if (this.isOp("/") || this.isCmd("div") || (this.o.dialect === "latex" && this.isOp(":"))) {
        this.p++;
        acc = { t: "div", num: acc, den: this.parseUnary() };
      } else if (this.startsAtom()) {
        // Mixed number: an integer directly followed by \frac{int}{int} means their sum (2\frac12 = 5/2).
        const right = this.parsePostfix();
        if (
          acc.t === "num" &&
          !acc.float &&
          right.t === "div" &&
          right.num.t === "num" &&
          right.den.t === "num"
        ) {
          acc = { t: "add", args: [acc, right] };
        } else if (acc.t === "num" && right.t === "num") {
          throw new SyntaxError("two numbers in a row");
        } else acc = mul(acc, right);
      } else break;
    }
    this.depth--;
    return acc;
  }

  private parseUnary(): MathNode {
    if (this.isOp("-")) {
      this.p++;
      return { t: "neg", arg: this.parseUnary() };
    }
    if (this.isOp("+")) {
      this.p++;
      return this.parseUnary();
    }
    return this.parsePostfix();
  }

  /** An atom with its postfix operators: powers, subscripts, `!`, `%`, degrees, primes. */
  private parsePostfix(): MathNode {
    this.enter();
    let base = this.parseAtom();
    for (;;) {
      if (this.isOp("^")) {
        this.p++;
        if (this.isCmd("circ")) {
          this.p++;
          base = { t: "deg", arg: base };
          continue;
        }
        if (this.isOp("{") && this.peek(1).k === "cmd" && this.peek(1).s === "circ" && this.isOp("}", 2)) {
          this.p += 3;
          base = { t: "deg", arg: base };
          continue;
        }
        const e = this.parseScript();
        base = { t: "pow", base, exp: e };
      } else if (this.isOp("²") || this.isOp("³")) {
        base = { t: "pow", base, exp: int(this.next().s === "²" ? 2 : 3) };
      } else if (this.isOp("_")) {
        this.p++;
        const sub = this.parseScriptRaw();
        if (base.t === "sym") base = { t: "sym", name: `${base.name}_${sub}` };
        else if (base.t === "num" && /^\d+$/.test(sub)) {
          // Base subscript (1112_3): kept as the digits, as Math-Verify does.
        } else throw new SyntaxError("subscript");
      } else if (this.isOp("!")) {
        this.p++;
        base = { t: "fn", name: "fact", args: [base] };
      } else if (this.isCmd("%")) {
        this.p++;
        base = { t: "pct", arg: base };
      } else if (this.isOp("%")) {
        this.p++;
        base = { t: "pct", arg: base };
      } else if (this.isCmd("circ") || this.isCmd("degree")) {
        this.p++;
        base = { t: "deg", arg: base };
      } else if (this.isOp("'")) {
        this.p++;
        if (base.t === "sym") base = { t: "sym", name: `${base.name}'` };
        else if (base.t === "fn" && base.user) base = { ...base, name: `${base.name}'` };
        else throw new SyntaxError("prime");
      } else break;
    }
    this.depth--;
    return base;
  }

  /** A superscript: a braced group or a single token. */
  private parseScript(): MathNode {
    if (this.isOp("{")) {
      this.p++;
      const e = this.parseList(["}"]);
      this.expectOp("}");
      return e;
    }
    if (this.isOp("(")) return this.parseAtom();
    const t = this.next();
    if (t.k === "num") {
      // x^23 in LaTeX is x^2 * 3: a brace-less exponent is one digit.
      if (t.s.length > 1 && this.o.dialect === "latex" && !t.s.includes(".")) {
        this.toks.splice(this.p, 0, { k: "num", s: t.s.slice(1) });
        return num(t.s[0]!);
      }
      return num(t.s);
    }
    if (t.k === "id") return { t: "sym", name: t.s.toLowerCase() };
    if (t.k === "op" && t.s === "-") return { t: "neg", arg: this.parseScript() };
    if (t.k === "cmd") {
      this.p--;
      return this.parseAtom();
    }
    throw new SyntaxError("bad exponent");
  }

  /** A subscript as text (`a_{37}` → "37"). */
  private parseScriptRaw(): string {
    if (this.isOp("{")) {
      this.p++;
      let s = "";
      let depth = 1;
      for (;;) {
        const t = this.next();
        if (t.k === "end") throw new SyntaxError("unclosed subscript");
        if (t.k === "op" && t.s === "{") depth++;
        if (t.k === "op" && t.s === "}" && --depth === 0) break;
        s += t.k === "cmd" ? `\\${t.s}` : t.s;
      }
      return s.toLowerCase();
    }
    const t = this.next();
    if (t.k === "end") throw new SyntaxError("empty subscript");
    return (t.k === "cmd" ? `\\${t.s}` : t.s).toLowerCase();
  }

  /** A braced argument of a command, or (LaTeX rules) a single token when there are no braces. */
  private parseArg(): MathNode {
    if (this.isOp("{")) {
      this.p++;
      const e = this.parseList(["}"]);
      this.expectOp("}");
      return e;
    }
    if (!this.o.malformed && this.o.dialect === "latex") throw new SyntaxError("argument without braces");
    const t = this.peek();
    if (t.k === "num") {
      this.p++;
      // \frac12: a brace-less argument is one digit.
      if (t.s.length > 1 && !t.s.includes(".")) {
        this.toks.splice(this.p, 0, { k: "num", s: t.s.slice(1) });
        return num(t.s[0]!);
      }
      return num(t.s);
    }
    if (t.k === "id") {
      this.p++;
      return { t: "sym", name: t.s.toLowerCase() };
    }
    if (t.k === "cmd") return this.parseAtom();
    throw new SyntaxError("bad argument");
  }

  private parseAtom(): MathNode {
    this.enter();
    const r = this.atom();
    this.depth--;
    return r;
  }

  private atom(): MathNode {
    const t = this.next();
    switch (t.k) {
      case "num":
        return num(t.s);
      case "text": {
        const v = t.s.trim().toLowerCase();
        if (v === "") throw new SyntaxError("empty text");
        if (/^[a-z]$/.test(v)) return symOrConst(v);
        // `\text{3}`: a number set in text is still the number.
        if (/^\d+(?:\.\d+)?$/.test(v)) return num(v);
        // A choice written `\text{(B)}` or `\textbf{(B)}` is the letter B.
        const choice = /^\(\s*([a-z])\s*\)$/.exec(v);
        if (choice) return symOrConst(choice[1]!);
        return { t: "text", value: v.replace(/\s+/g, " ") };
      }
      case "id":
        return this.identifier(t.s);
      case "op":
        return this.group(t.s);
      case "cmd":
        return this.command(t.s);
      default:
        throw new SyntaxError("unexpected end");
    }
  }

  private identifier(s: string): MathNode {
    if (this.o.dialect === "expr") {
      const low = s.toLowerCase();
      if (low === "pi") return { t: "const", name: "pi" };
      if (low === "oo" || low === "inf" || low === "infinity") return { t: "const", name: "inf" };
      if (FUNCS.has(low) && this.isOp("("))
        return this.fnCall(low === "asin" ? "arcsin" : low, this.callArgs());
      if (low === "e" && !this.isOp("(")) return { t: "const", name: "e" };
      if (this.isOp("(") && /^[a-z]$/i.test(s)) return this.userCall(low);
      return { t: "sym", name: low };
    }
    const low = s.toLowerCase();
    // f(x): a single letter directly applied to a parenthesised argument list is a function call.
    if (/^[fgh]$/.test(low) && this.isOp("(")) return this.userCall(low);
    if (this.o.malformed && s === "s" && this.isId("q", 0) && this.isId("r", 1) && this.isId("t", 2)) {
      this.p += 3;
      return this.fnCall("sqrt", [this.parseArgOrParen()]);
    }
    return symOrConst(low);
  }

  private isId(s: string, k: number): boolean {
    const t = this.peek(k);
    return t.k === "id" && t.s === s;
  }

  private userCall(name: string): MathNode {
    const args = this.callArgs();
    return { t: "fn", name, args, user: true };
  }

  private callArgs(): MathNode[] {
    this.expectOp("(");
    const items = this.parseItems([")"]);
    this.expectOp(")");
    return items;
  }

  private parseArgOrParen(): MathNode {
    if (this.isOp("(")) {
      this.p++;
      const e = this.parseList([")"]);
      this.expectOp(")");
      return e;
    }
    return this.parseArg();
  }

  private fnCall(name: string, args: MathNode[]): MathNode {
    if (name === "sqrt") return { t: "pow", base: args[0]!, exp: half() };
    if (name === "exp") return { t: "pow", base: { t: "const", name: "e" }, exp: args[0]! };
    return { t: "fn", name, args };
  }

  /** Parenthesised groups, intervals, tuples, brace groups and absolute values. */
  private group(open: string): MathNode {
    if (open === "(" || open === "[") {
      const items = this.parseItems([")", "]"]);
      const close = this.next();
      if (close.k !== "op" || (close.s !== ")" && close.s !== "]")) throw new SyntaxError("unclosed bracket");
      if (items.length === 1) {
        if (open === "(" && close.s === ")") return items[0]!;
        if (open === "[" && close.s === "]") return items[0]!;
        throw new SyntaxError("mismatched brackets");
      }
      if (items.length === 2) {
        return { t: "interval", lo: items[0]!, hi: items[1]!, lopen: open === "(", ropen: close.s === ")" };
      }
      if (open !== "(" || close.s !== ")") throw new SyntaxError("bracketed tuple");
      return { t: "tuple", items };
    }
    if (open === "{") {
      const e = this.parseList(["}"]);
      this.expectOp("}");
      return e;
    }
    if (open === "|") {
      this.absDepth++;
      const e = this.parseAdd();
      this.absDepth--;
      this.expectOp("|");
      return { t: "fn", name: "abs", args: [e] };
    }
    throw new SyntaxError(`unexpected ${open}`);
  }

  private command(name: string): MathNode {
    if (name === "frac") {
      const a = this.parseArg();
      const b = this.parseArg();
      return { t: "div", num: a, den: b };
    }
    if (name === "binom" || name === "choose") {
      const a = this.parseArg();
      const b = this.parseArg();
      return { t: "fn", name: "binom", args: [a, b] };
    }
    if (name === "sqrt") {
      if (this.isOp("[")) {
        this.p++;
        const idx = this.parseList(["]"]);
        this.expectOp("]");
        const arg = this.parseArg();
        return { t: "pow", base: arg, exp: { t: "div", num: int(1), den: idx } };
      }
      if (this.isOp("(")) {
        if (!this.o.malformed) throw new SyntaxError("\\sqrt(...)");
        return { t: "pow", base: this.parseArgOrParen(), exp: half() };
      }
      return { t: "pow", base: this.parseArg(), exp: half() };
    }
    if (name === "pi") return { t: "const", name: "pi" };
    if (name === "infty" || name === "infin") return { t: "const", name: "inf" };
    if (name === "emptyset" || name === "varnothing") return { t: "set", items: [] };
    if (name === "{") {
      if (this.isCmd("}")) {
        this.p++;
        return { t: "set", items: [] };
      }
      const items = this.parseItems(["}"]);
      if (!this.isCmd("}")) throw new SyntaxError("unclosed \\{");
      this.p++;
      return { t: "set", items: flattenSets(items) };
    }
    if (name === "lfloor" || name === "lceil") {
      const e = this.parseAdd();
      if (!this.isCmd(name === "lfloor" ? "rfloor" : "rceil")) throw new SyntaxError("unclosed floor");
      this.p++;
      return { t: "fn", name: name === "lfloor" ? "floor" : "ceil", args: [e] };
    }
    if (name === "vert" || name === "lvert" || name === "|") {
      this.absDepth++;
      const e = this.parseAdd();
      this.absDepth--;
      if (!(this.isCmd("vert") || this.isCmd("rvert") || this.isCmd("|") || this.isOp("|"))) {
        throw new SyntaxError("unclosed |");
      }
      this.p++;
      return { t: "fn", name: "abs", args: [e] };
    }
    if (GREEK.has(name)) return { t: "sym", name: name.toLowerCase() };
    if (name === "mathbb") {
      const arg = this.parseScriptRaw();
      return { t: "text", value: `\\mathbb{${arg}}` };
    }
    if (WRAPPERS.has(name)) return this.parseArg();
    if (name === "operatorname") {
      const fname = this.parseScriptRaw().replace(/\\/g, "");
      return { t: "fn", name: fname, args: [this.parseFnArg()] };
    }
    if (name === "begin") return this.environment();
    if (name === "log" || name === "ln" || name === "lg") {
      let base: MathNode | null = null;
      if (name === "log" && this.isOp("_")) {
        this.p++;
        base = this.parseScript();
      }
      let power: MathNode | null = null;
      if (this.isOp("^")) {
        this.p++;
        power = this.parseScript();
      }
      const arg = this.parseFnArg();
      const f: MathNode = base
        ? { t: "div", num: { t: "fn", name: "ln", args: [arg] }, den: { t: "fn", name: "ln", args: [base] } }
        : { t: "fn", name: name === "lg" ? "log10" : name === "log" ? "log" : "ln", args: [arg] };
      return power ? { t: "pow", base: f, exp: power } : f;
    }
    if (FUNCS.has(name)) {
      let power: MathNode | null = null;
      if (this.isOp("^")) {
        this.p++;
        power = this.parseScript();
      }
      const f = this.fnCall(name, [this.parseFnArg()]);
      if (!power) return f;
      // \sin^{-1} is the inverse function, not a reciprocal.
      if (power.t === "neg" && power.arg.t === "num" && power.arg.v.eq(Rat.ONE) && f.t === "fn") {
        return { t: "fn", name: `arc${f.name}`, args: f.args };
      }
      return { t: "pow", base: f, exp: power };
    }
    if (name === "exp") return this.fnCall("exp", [this.parseFnArg()]);
    throw new SyntaxError(`unsupported \\${name}`);
  }

  /** The argument of `\sin`, `\ln`, ...: a parenthesised group, or the next factor. */
  private parseFnArg(): MathNode {
    if (this.isOp("(")) {
      this.p++;
      const e = this.parseList([")"]);
      this.expectOp(")");
      return e;
    }
    if (this.isOp("{")) return this.parseArg();
    return this.parsePostfix();
  }

  private environment(): MathNode {
    const env = this.parseScriptRaw();
    if (!/^(?:[pbvBV]?matrix|array|smallmatrix)\*?$/.test(env)) throw new SyntaxError(`environment ${env}`);
    if (env.startsWith("array") && this.isOp("{")) this.parseScriptRaw();
    const rows: MathNode[][] = [];
    let row: MathNode[] = [];
    for (;;) {
      if (this.isCmd("end")) {
        this.p++;
        this.parseScriptRaw();
        break;
      }
      if (this.peek().k === "end") throw new SyntaxError("unclosed environment");
      if (this.isOp("\\\\")) {
        this.p++;
        if (row.length) rows.push(row);
        row = [];
        continue;
      }
      if (this.isOp("&")) {
        this.p++;
        continue;
      }
      row.push(this.parseRelation());
      if (this.isOp(",")) throw new SyntaxError("comma in matrix");
    }
    if (row.length) rows.push(row);
    if (rows.length === 0 || rows.some((r) => r.length !== rows[0]!.length))
      throw new SyntaxError("ragged matrix");
    if (env.startsWith("vmatrix")) return { t: "fn", name: "det", args: [{ t: "matrix", rows }] };
    return { t: "matrix", rows };
  }
}

function half(): MathNode {
  return { t: "num", v: Rat.of(1n, 2n), float: false };
}

function symOrConst(name: string): MathNode {
  if (name === "e") return { t: "const", name: "e" };
  return { t: "sym", name };
}

function mul(a: MathNode, b: MathNode): MathNode {
  if (a.t === "mul") return { t: "mul", args: [...a.args, b] };
  return { t: "mul", args: [a, b] };
}

function buildSum(terms: { sign: "+" | "-"; node: MathNode }[]): MathNode {
  const args = terms.map((t) => (t.sign === "-" ? { t: "neg" as const, arg: t.node } : t.node));
  return args.length === 1 ? args[0]! : { t: "add", args };
}

function flattenSets(items: MathNode[]): MathNode[] {
  const out: MathNode[] = [];
  for (const it of items) {
    if (it.t === "set" && it.items.length > 0) out.push(...it.items);
    else out.push(it);
  }
  return out;
}

/**
 * Parses one answer string into a tree, or returns null when it is not a well-formed answer.
 * Throws `RewardFailure("resource")` for inputs too deep or with too many digits.
 * @example parseMath("\\frac{1}{2}", { dialect: "latex", malformed: true }) // { t: "div", ... }
 */
export function parseMath(src: string, o: ParseOptions): MathNode | null {
  try {
    const toks = tokenize(src, o.dialect);
    return new Parser(toks, o).parseAll();
  } catch (e) {
    if (e instanceof RewardFailure) throw e;
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new RewardFailure("resource", "expression nested too deeply");
    }
    return null;
  }
}
