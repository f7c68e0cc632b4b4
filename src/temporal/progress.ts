import { RewardFailure } from "../core/result.ts";
import type { Formula, FormulaTable } from "./formula.ts";

/**
 * Formula progression over one step: the formula the rest of the trace must satisfy after a step whose true
 * propositions are `holds`. Input must be in NNF. `X φ` leaves `φ ∧ F true` (a next step must exist), `WX φ`
 * leaves `φ ∨ G false` (or the trace ends here). (Bacchus & Kabanza, 1998; finite traces: De Giacomo &
 * Vardi, IJCAI 2013; the end-of-trace step as flloat's `delta(…, epsilon=True)`)
 * @example progress(t, parseLtlf("a U b", { table: t }).formula, (p) => p === "a") // (a U b)
 */
export function progress(
  table: FormulaTable,
  f: Formula,
  holds: (prop: string) => boolean,
  memo = new Map<number, Formula>(),
): Formula {
  const hit = memo.get(f.id);
  if (hit) return hit;
  const rec = (g: Formula): Formula => progress(table, g, holds, memo);
  let out: Formula;
  switch (f.op) {
    case "true":
    case "false":
      out = f;
      break;
    case "atom":
      out = holds(f.name!) ? table.tt : table.ff;
      break;
    case "not":
      out = holds(f.args[0]!.name!) ? table.ff : table.tt;
      break;
    case "and":
      out = table.and(f.args.map(rec));
      break;
    case "or":
      out = table.or(f.args.map(rec));
      break;
    case "next":
      out = table.and([f.args[0]!, table.eventually(table.tt)]);
      break;
    case "wnext":
      out = table.or([f.args[0]!, table.always(table.ff)]);
      break;
    case "until":
      out = table.or([rec(f.args[1]!), table.and([rec(f.args[0]!), f])]);
      break;
    case "release":
      out = table.and([rec(f.args[1]!), table.or([rec(f.args[0]!), f])]);
      break;
    case "eventually":
      out = table.or([rec(f.args[0]!), f]);
      break;
    case "always":
      out = table.and([rec(f.args[0]!), f]);
      break;
  }
  memo.set(f.id, out);
  return out;
}

/**
 * The end-of-trace step: whether the empty remainder satisfies `f` (NNF). Pending strong obligations
 * (`X`, `U`, `F`, propositions) fail; weak ones (`WX`, `R`, `G`) hold.
 * @example endOfTrace(parseLtlf("G a").formula) // true
 */
export function endOfTrace(f: Formula): boolean {
  switch (f.op) {
    case "true":
    case "wnext":
    case "release":
    case "always":
      return true;
    case "and":
      return f.args.every(endOfTrace);
    case "or":
      return f.args.some(endOfTrace);
    default:
      return false;
  }
}

/** Largest disjunctive normal form a progressed state may take before it is refused as too large. */
export const MAX_DNF_TERMS = 4096;

/**
 * Rewrites a progressed formula as a disjunction of conjunctions of its leaves (temporal subformulas and
 * literals), with subsumed conjunctions dropped. The leaves come from a finite closure of the original
 * formula, so the states of the automaton are finitely many.
 * @example normalizeState(t, t.and([a, t.or([b, c])])) // (a & b) | (a & c)
 */
export function normalizeState(table: FormulaTable, f: Formula): Formula {
  if (f.op !== "and" && f.op !== "or") return f;
  const terms = dnf(table, f);
  terms.sort((x, y) => x.length - y.length);
  const kept: Formula[][] = [];
  for (const t of terms) {
    const ids = new Set(t.map((g) => g.id));
    if (kept.some((k) => k.every((g) => ids.has(g.id)))) continue;
    kept.push(t);
  }
  return table.or(kept.map((t) => table.and(t)));
}

function dnf(table: FormulaTable, f: Formula): Formula[][] {
  if (f === table.tt) return [[]];
  if (f === table.ff) return [];
  if (f.op === "or") return f.args.flatMap((g) => dnf(table, g));
  if (f.op === "and") {
    let acc: Formula[][] = [[]];
    for (const g of f.args) {
      const part = dnf(table, g);
      const next: Formula[][] = [];
      for (const a of acc) for (const b of part) next.push(merge(a, b));
      if (next.length > MAX_DNF_TERMS)
        throw new RewardFailure("resource", `automaton state exceeds ${MAX_DNF_TERMS} DNF terms`);
      acc = next;
    }
    return acc;
  }
  return [[f]];
}

function merge(a: Formula[], b: Formula[]): Formula[] {
  if (!a.length) return b;
  if (!b.length) return a;
  const out = [...a];
  for (const g of b) if (!out.includes(g)) out.push(g);
  return out;
}
