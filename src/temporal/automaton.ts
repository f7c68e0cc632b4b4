import { RewardkitError } from "../core/errors.ts";
import { RewardFailure } from "../core/result.ts";
import { atomsOf, type Formula, FormulaTable } from "./formula.ts";
import { toNnf } from "./nnf.ts";
import { type LtlfSyntax, parseLtlf } from "./parse.ts";
import { endOfTrace, normalizeState, progress } from "./progress.ts";
import { EmptyTraceError } from "./semantics.ts";

/**
 * Four-valued monitor verdicts (RV-LTL, Bauer, Leucker & Schallhart 2010): permanently true/false when no
 * continuation can change the outcome, temporarily true/false when ending now would accept/reject.
 */
export type Verdict = "permanently_true" | "temporarily_true" | "temporarily_false" | "permanently_false";

/** Above this many propositions the automaton is not explored exhaustively (2^k letters per state). */
export const EXACT_PROPOSITION_LIMIT = 12;
const MAX_PROPOSITIONS = 30;

/**
 * The DFA of an LTLf formula, built on the fly: each state is a hash-consed, simplified (DNF) progressed
 * formula, and each transition is computed once and cached, so rollouts of one spec share the work. A letter
 * is the set of the formula's propositions true at a step, as a bitmask over `props`.
 * (De Giacomo & Vardi, IJCAI 2013; progression-based construction as in flloat)
 * @example
 * const dfa = LtlfAutomaton.fromText("G(delete -> X confirm)");
 * dfa.accepts(dfa.run([["delete"], ["confirm"]])) // true
 */
export class LtlfAutomaton {
  readonly table: FormulaTable;
  /** The formula's propositions, sorted; bit i of a letter is `props[i]`. */
  readonly props: readonly string[];
  readonly initial = 0;
  private readonly bit = new Map<string, number>();
  private readonly states: Formula[] = [];
  private readonly index = new Map<number, number>();
  private readonly acc: boolean[] = [];
  private readonly trans: (Int32Array | Map<number, number>)[] = [];
  private explored?: { canAccept: boolean[]; canReject: boolean[]; distance: number[] };

  constructor(formula: Formula, table: FormulaTable) {
    this.table = table;
    this.props = atomsOf(formula);
    if (this.props.length > MAX_PROPOSITIONS)
      throw new RewardkitError("E_FORMULA", [
        { path: "formula", message: `at most ${MAX_PROPOSITIONS} propositions (got ${this.props.length})` },
      ]);
    for (const [i, p] of this.props.entries()) this.bit.set(p, i);
    this.stateOf(toNnf(table, formula));
  }

  /** Parses `text` and builds its automaton. */
  static fromText(text: string, o: { syntax?: LtlfSyntax; path?: string } = {}): LtlfAutomaton {
    const { formula, table } = parseLtlf(text, { ...o, table: new FormulaTable() });
    return new LtlfAutomaton(formula, table);
  }

  /** Number of states discovered so far. */
  get size(): number {
    return this.states.length;
  }

  /** The progressed formula a state stands for. */
  formulaOf(state: number): Formula {
    return this.states[state]!;
  }

  private stateOf(f: Formula): number {
    let s = this.index.get(f.id);
    if (s === undefined) {
      s = this.states.length;
      this.states.push(f);
      this.index.set(f.id, s);
      this.acc.push(endOfTrace(f));
      this.trans.push(this.props.length <= 8 ? new Int32Array(1 << this.props.length).fill(-1) : new Map());
      this.explored = undefined;
    }
    return s;
  }

  /** The letter (bitmask) of a step whose true propositions are `events`; unknown names are ignored. */
  letter(events: Iterable<string>): number {
    let m = 0;
    for (const e of events) {
      const b = this.bit.get(e);
      if (b !== undefined) m |= 1 << b;
    }
    return m;
  }

  /** The successor of `state` on `letter`, computed once and cached. */
  step(state: number, letter: number): number {
    const t = this.trans[state]!;
    const hit = t instanceof Int32Array ? t[letter]! : (t.get(letter) ?? -1);
    if (hit >= 0) return hit;
    const next = this.stateOf(
      normalizeState(
        this.table,
        progress(this.table, this.states[state]!, (p) => (letter & (1 << this.bit.get(p)!)) !== 0),
      ),
    );
    if (t instanceof Int32Array) t[letter] = next;
    else t.set(letter, next);
    return next;
  }

  /** Whether the trace may end in `state` (the end-of-trace step accepts). Not meaningful for `initial`. */
  accepts(state: number): boolean {
    return this.acc[state]!;
  }

  /**
   * Runs a non-empty trace (each step a list or set of true propositions) and returns the final state.
   * @throws EmptyTraceError on an empty trace.
   */
  run(trace: readonly Iterable<string>[]): number {
    if (trace.length === 0) throw new EmptyTraceError();
    let s = this.initial;
    for (const step of trace) s = this.step(s, this.letter(step));
    return s;
  }

  /** Whether the automaton accepts a non-empty trace. */
  acceptsTrace(trace: readonly Iterable<string>[]): boolean {
    return this.accepts(this.run(trace));
  }

  /** True when the automaton is small enough to explore every letter from every state. */
  get exact(): boolean {
    return this.props.length <= EXACT_PROPOSITION_LIMIT;
  }

  /** Builds every reachable state and the reachability facts verdicts and distances need. */
  private explore(): NonNullable<LtlfAutomaton["explored"]> {
    if (this.explored) return this.explored;
    if (!this.exact)
      throw new RewardFailure(
        "resource",
        `exhaustive exploration needs ≤ ${EXACT_PROPOSITION_LIMIT} propositions (got ${this.props.length})`,
      );
    const letters = 1 << this.props.length;
    for (let s = 0; s < this.states.length; s++) for (let l = 0; l < letters; l++) this.step(s, l);
    const n = this.states.length;
    const pred: number[][] = Array.from({ length: n }, () => []);
    for (let s = 0; s < n; s++) {
      const seen = new Set<number>();
      for (let l = 0; l < letters; l++) {
        const t = this.step(s, l);
        if (seen.has(t)) continue;
        seen.add(t);
        pred[t]!.push(s);
      }
    }
    const back = (goal: (s: number) => boolean): number[] => {
      const d = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
      const q: number[] = [];
      for (let s = 0; s < n; s++) {
        if (!goal(s)) continue;
        d[s] = 0;
        q.push(s);
      }
      for (let h = 0; h < q.length; h++) {
        const s = q[h]!;
        for (const p of pred[s]!) {
          if (d[p] !== Number.POSITIVE_INFINITY) continue;
          d[p] = d[s]! + 1;
          q.push(p);
        }
      }
      return d;
    };
    const distance = back((s) => this.acc[s]!);
    const toReject = back((s) => !this.acc[s]!);
    this.explored = {
      distance,
      canAccept: distance.map(Number.isFinite),
      canReject: toReject.map(Number.isFinite),
    };
    return this.explored;
  }

  /** Every reachable state (explores the automaton fully). */
  allStates(): number {
    this.explore();
    return this.states.length;
  }

  /**
   * The fewest further steps after which the trace could end accepted: 0 in an accepting state, Infinity in
   * a trap (permanent violation). Exact when `exact`; otherwise 0 or 1 from the state's own acceptance.
   */
  distance(state: number): number {
    if (!this.exact) {
      const f = this.states[state]!;
      return this.acc[state] ? 0 : f === this.table.ff ? Number.POSITIVE_INFINITY : 1;
    }
    return this.explore().distance[state]!;
  }

  /**
   * The four-valued verdict after a non-empty prefix that ended in `state`. Exact when `exact`; above
   * EXACT_PROPOSITION_LIMIT propositions only the syntactic constants `true`/`false` are called permanent.
   */
  verdict(state: number): Verdict {
    const a = this.acc[state]!;
    if (!this.exact) {
      const f = this.states[state]!;
      if (f === this.table.tt) return "permanently_true";
      if (f === this.table.ff) return "permanently_false";
      return a ? "temporarily_true" : "temporarily_false";
    }
    const e = this.explore();
    if (a) return e.canReject[state] ? "temporarily_true" : "permanently_true";
    return e.canAccept[state] ? "temporarily_false" : "permanently_false";
  }
}
