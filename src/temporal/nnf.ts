import type { Formula, FormulaTable } from "./formula.ts";

/**
 * Negation normal form: negations pushed down to propositions with the finite-trace dualities
 * ¬X φ = WX ¬φ, ¬(φ U ψ) = ¬φ R ¬ψ, ¬F φ = G ¬φ (and back). Equivalent to the input on every non-empty trace.
 * (De Giacomo & Vardi, IJCAI 2013)
 * @example formatFormula(toNnf(t, parseLtlf("!(a U b)", { table: t }).formula)) // "(!(a) R !(b))"
 */
export function toNnf(table: FormulaTable, f: Formula, memo = new Map<number, Formula>()): Formula {
  const hit = memo.get(f.id);
  if (hit) return hit;
  let out: Formula;
  const rec = (g: Formula): Formula => toNnf(table, g, memo);
  switch (f.op) {
    case "true":
    case "false":
    case "atom":
      out = f;
      break;
    case "not":
      out = negate(table, f.args[0]!, memo);
      break;
    case "and":
      out = table.and(f.args.map(rec));
      break;
    case "or":
      out = table.or(f.args.map(rec));
      break;
    case "next":
      out = table.nextStrong(rec(f.args[0]!));
      break;
    case "wnext":
      out = table.nextWeak(rec(f.args[0]!));
      break;
    case "until":
      out = table.until(rec(f.args[0]!), rec(f.args[1]!));
      break;
    case "release":
      out = table.release(rec(f.args[0]!), rec(f.args[1]!));
      break;
    case "eventually":
      out = table.eventually(rec(f.args[0]!));
      break;
    case "always":
      out = table.always(rec(f.args[0]!));
      break;
  }
  memo.set(f.id, out);
  return out;
}

function negate(table: FormulaTable, f: Formula, memo: Map<number, Formula>): Formula {
  const pos = (g: Formula): Formula => toNnf(table, g, memo);
  const neg = (g: Formula): Formula => negate(table, g, memo);
  switch (f.op) {
    case "true":
      return table.ff;
    case "false":
      return table.tt;
    case "atom":
      return table.not(f);
    case "not":
      return pos(f.args[0]!);
    case "and":
      return table.or(f.args.map(neg));
    case "or":
      return table.and(f.args.map(neg));
    case "next":
      return table.nextWeak(neg(f.args[0]!));
    case "wnext":
      return table.nextStrong(neg(f.args[0]!));
    case "until":
      return table.release(neg(f.args[0]!), neg(f.args[1]!));
    case "release":
      return table.until(neg(f.args[0]!), neg(f.args[1]!));
    case "eventually":
      return table.always(neg(f.args[0]!));
    case "always":
      return table.eventually(neg(f.args[0]!));
  }
}

/** True when every negation in `f` sits directly on a proposition. */
export function isNnf(f: Formula): boolean {
  if (f.op === "not") return f.args[0]!.op === "atom";
  return f.args.every(isNnf);
}
