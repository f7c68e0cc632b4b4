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
  const toks = tokenize(src, where);
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
    const l = disj();
    if (peek() === "->" || peek() === "=>") {
      k++;
      return table.or([table.not(l), implies()]);
    }
    return l;
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
    const l = unary();
    const op = peek();
    if (op === "U" || op === "R" || op === "V" || op === "W" || op === "M") {
      k++;
      const r = binary();
      if (op === "U") return table.until(l, r);
      if (op === "W") return table.weakUntil(l, r);
      if (op === "M") return table.strongRelease(l, r);
      return table.release(l, r);
    }
    return l;
  };
  const unary = (): Formula => {
    const t = peek();
    if (t === undefined) throw formulaError(where, `unexpected end of formula`);
    if (t === "!" || t === "~") {
      k++;
      return table.not(unary());
    }
    if (t === "X[!]") {
      k++;
      return table.nextStrong(unary());
    }
    if (t === "X") {
      k++;
      const f = unary();
      return syntax === "spot" ? table.nextWeak(f) : table.nextStrong(f);
    }
    if (t === "WX" || t === "N") {
      k++;
      return table.nextWeak(unary());
    }
    if (t === "F") {
      k++;
      return table.eventually(unary());
    }
    if (t === "G") {
      k++;
      return table.always(unary());
    }
    return atom();
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
