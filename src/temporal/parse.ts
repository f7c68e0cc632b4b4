import { RewardkitError } from "../core/errors.ts";
import { type Formula, FormulaTable, RESERVED_WORDS } from "./formula.ts";

/**
 * Which next-operator convention a formula is written in: `flloat` (and LTLf2DFA) read `X` as strong next and
 * `WX` as weak next; `spot` (and pylogics) read `X[!]` as strong and `X` as weak. `X[!]`, `WX` and `N` mean the
 * same in both.
 */
export type LtlfSyntax = "flloat" | "spot";

/** A parsed formula together with the table that interned it. */
export interface ParsedFormula {
  formula: Formula;
  table: FormulaTable;
}

type Tok = { t: string; pos: number };

const SYMBOLS = ["<->", "<=>", "->", "=>", "&&", "||", "X[!]", "!", "~", "&", "|", "(", ")"];

/** Limits that keep a hostile formula from exhausting the stack or memory at compile time. */
export const MAX_FORMULA_CHARS = 20_000;
const MAX_NESTING = 200;
const PREFIX = new Set(["!", "~", "X[!]", "X", "WX", "N", "F", "G"]);

const CONSTANTS: Record<string, (t: FormulaTable) => Formula> = {
  true: (t) => t.tt,
  tt: (t) => t.tt,
  false: (t) => t.ff,
  ff: (t) => t.ff,
  last: (t) => t.last(),
  end: (t) => t.end(),
};

function tokenize(src: string, where: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const sym = SYMBOLS.find((s) => src.startsWith(s, i));
    if (sym) {
      out.push({ t: sym, pos: i });
      i += sym.length;
      continue;
    }
    if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw formulaError(where, `unterminated quoted proposition at column ${i + 1}`);
      out.push({ t: `"${src.slice(i + 1, end)}`, pos: i });
      i = end + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_.:]*/.exec(src.slice(i));
    if (!m) throw formulaError(where, `unexpected character "${c}" at column ${i + 1}`);
    out.push({ t: m[0], pos: i });
    i += m[0].length;
  }
  return out;
}

function formulaError(path: string, message: string): RewardkitError {
  return new RewardkitError("E_FORMULA", [{ path, message }]);
}

/**
 * Parses an LTLf formula. Operators: `! ~`, `& &&`, `| ||`, `-> =>`, `<-> <=>`, `X` / `WX` (or `X[!]` / `X`
 * in Spot syntax), `N` (weak next), `F`, `G`, `U`, `R` (`V`), `W`, `M`, constants `true false tt ff last end`;
 * propositions are identifiers or `"quoted names"`. Precedence, loosest first: `<->`, `->` (right), `|`, `&`,
 * `U R W M` (right), unary. Errors are `E_FORMULA` with the column.
 * (LTLf: De Giacomo & Vardi, IJCAI 2013; syntax as in flloat and Spot)
 * @example parseLtlf("G(delete -> X confirm)").formula
 * @example parseLtlf("G(delete -> X[!] confirm)", { syntax: "spot" })
 */
export function parseLtlf(
  src: string,
  o: { syntax?: LtlfSyntax; table?: FormulaTable; path?: string } = {},
): ParsedFormula {
  const syntax = o.syntax ?? "flloat";
  const table = o.table ?? new FormulaTable();
  const where = o.path ?? "formula";
  if (src.length > MAX_FORMULA_CHARS)
    throw formulaError(where, `longer than ${MAX_FORMULA_CHARS} characters`);
  const toks = tokenize(src, where);
  let depth = 0;
  for (const t of toks) {
    if (t.t === "(") depth++;
    else if (t.t === ")") depth--;
    if (depth > MAX_NESTING) throw formulaError(where, `nested deeper than ${MAX_NESTING} parentheses`);
  }
  let k = 0;
  const peek = (): string | undefined => toks[k]?.t;
  const col = (): string => (k < toks.length ? `column ${toks[k]!.pos + 1}` : "end of formula");
  const expect = (t: string): void => {
    if (peek() !== t) throw formulaError(where, `expected "${t}" at ${col()}`);
    k++;
  };

  const equiv = (): Formula => {
    let l = implies();
    while (peek() === "<->" || peek() === "<=>") {
      k++;
      const r = implies();
      l = table.or([table.and([l, r]), table.and([table.not(l), table.not(r)])]);
    }
    return l;
  };
  const implies = (): Formula => {
    // Right-associative, folded without recursion so a long chain cannot exhaust the stack.
    const parts = [disj()];
    while (peek() === "->" || peek() === "=>") {
      k++;
      parts.push(disj());
    }
    let f = parts.pop()!;
    while (parts.length) f = table.or([table.not(parts.pop()!), f]);
    return f;
  };
  const disj = (): Formula => {
    const parts = [conj()];
    while (peek() === "|" || peek() === "||") {
      k++;
      parts.push(conj());
    }
    return parts.length === 1 ? parts[0]! : table.or(parts);
  };
  const conj = (): Formula => {
    const parts = [binary()];
    while (peek() === "&" || peek() === "&&") {
      k++;
      parts.push(binary());
    }
    return parts.length === 1 ? parts[0]! : table.and(parts);
  };
  const binary = (): Formula => {
    // Right-associative U R W M, folded without recursion.
    const parts = [unary()];
    const ops: string[] = [];
    for (let op = peek(); op === "U" || op === "R" || op === "V" || op === "W" || op === "M"; op = peek()) {
      k++;
      ops.push(op);
      parts.push(unary());
    }
    let f = parts.pop()!;
    while (ops.length) {
      const op = ops.pop()!;
      const l = parts.pop()!;
      if (op === "U") f = table.until(l, f);
      else if (op === "W") f = table.weakUntil(l, f);
      else if (op === "M") f = table.strongRelease(l, f);
      else f = table.release(l, f);
    }
    return f;
  };
  const unary = (): Formula => {
    // Prefix operators are collected first and applied innermost-out: no recursion per operator.
    const prefix: string[] = [];
    for (let t = peek(); t !== undefined && PREFIX.has(t); t = peek()) {
      prefix.push(t);
      k++;
    }
    let f = atom();
    while (prefix.length) {
      const t = prefix.pop()!;
      if (t === "!" || t === "~") f = table.not(f);
      else if (t === "X[!]") f = table.nextStrong(f);
      else if (t === "X") f = syntax === "spot" ? table.nextWeak(f) : table.nextStrong(f);
      else if (t === "WX" || t === "N") f = table.nextWeak(f);
      else if (t === "F") f = table.eventually(f);
      else f = table.always(f);
    }
    return f;
  };
  const atom = (): Formula => {
    const t = peek();
    if (t === "(") {
      k++;
      const f = equiv();
      expect(")");
      return f;
    }
    if (t === undefined) throw formulaError(where, "unexpected end of formula");
    if (t.startsWith('"')) {
      k++;
      const name = t.slice(1);
      if (!name) throw formulaError(where, `empty quoted proposition at ${col()}`);
      return table.atom(name);
    }
    const constant = Object.hasOwn(CONSTANTS, t) ? CONSTANTS[t] : undefined;
    if (constant) {
      k++;
      return constant(table);
    }
    if (RESERVED_WORDS.has(t) || !/^[A-Za-z_]/.test(t))
      throw formulaError(where, `unexpected "${t}" at ${col()}`);
    k++;
    return table.atom(t);
  };

  if (!toks.length) throw formulaError(where, "empty formula");
  const f = equiv();
  if (k < toks.length) throw formulaError(where, `unexpected "${toks[k]!.t}" at ${col()}`);
  return { formula: f, table };
}
