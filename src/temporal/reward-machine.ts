import { RewardkitError } from "../core/errors.ts";
import type { LtlfAutomaton } from "./automaton.ts";

/** A guard in disjunctive normal form: any term whose literals all hold (`[]` terms = True; no terms = False). */
export type Guard = { prop: string; positive: boolean }[][];

/** One transition u → u′ with its guard and reward. */
export interface RmEdge {
  from: number;
  to: number;
  guard: Guard;
  reward: number;
}

/**
 * A reward machine (Toro Icarte et al., ICML 2018; JAIR 2022, arXiv 2010.03950): states, an initial state,
 * terminal states and guarded, rewarded edges over step propositions. When no edge of a state matches, the
 * machine "falls off" into a terminal state with reward 0 (as the reference describes it; its code pays the
 * state's edge into a terminal state instead, see docs/conformance/temporal.md).
 * @example
 * const rm = parseRewardMachine("0\n[2]\n(0,1,'a',0)\n(1,2,'b',1)\n(0,0,'!a',0)\n(1,1,'!b',0)");
 * rm.step(0, new Set(["a"])) // { state: 1, reward: 0 }
 */
export class RewardMachine {
  /** The state the machine falls into when no guard matches. */
  static readonly FELL_OFF = -1;
  private readonly out = new Map<number, RmEdge[]>();

  constructor(
    readonly initial: number,
    readonly terminal: ReadonlySet<number>,
    readonly edges: readonly RmEdge[],
  ) {
    for (const e of edges) {
      const l = this.out.get(e.from) ?? [];
      l.push(e);
      this.out.set(e.from, l);
    }
  }

  /** Every state named by the machine (initial, terminal and edge ends). */
  get states(): number[] {
    const s = new Set<number>([this.initial, ...this.terminal]);
    for (const e of this.edges) s.add(e.from).add(e.to);
    return [...s].sort((a, b) => a - b);
  }

  isTerminal(u: number): boolean {
    return u === RewardMachine.FELL_OFF || this.terminal.has(u);
  }

  /** One step: the first edge of `u` whose guard holds on `events` (a terminal state stays put, reward 0). */
  step(u: number, events: ReadonlySet<string>): { state: number; reward: number } {
    if (this.isTerminal(u)) return { state: u, reward: 0 };
    for (const e of this.out.get(u) ?? [])
      if (guardHolds(e.guard, events)) return { state: e.to, reward: e.reward };
    return { state: RewardMachine.FELL_OFF, reward: 0 };
  }

  /** Runs a trace; `states` has one more entry than `rewards` (the state before each step, then the last). */
  run(trace: readonly ReadonlySet<string>[]): { states: number[]; rewards: number[] } {
    const states = [this.initial];
    const rewards: number[] = [];
    let u = this.initial;
    for (const ev of trace) {
      const r = this.step(u, ev);
      u = r.state;
      states.push(u);
      rewards.push(r.reward);
    }
    return { states, rewards };
  }

  /**
   * Value iteration over machine states, choosing the best edge at each state as if any guard could be made
   * true: V(u) = max_e r_e + γ·V(u′), V(terminal) = 0 (as `value_iteration` of the reference implementation).
   */
  values(gamma: number, iterations = 1000, tol = 1e-12): Map<number, number> {
    const V = new Map<number, number>(this.states.map((u) => [u, 0]));
    V.set(RewardMachine.FELL_OFF, 0);
    for (let it = 0; it < iterations; it++) {
      let delta = 0;
      for (const u of this.states) {
        if (this.isTerminal(u)) continue;
        const es = (this.out.get(u) ?? []).filter((e) => e.guard.length > 0);
        if (!es.length) continue;
        const best = Math.max(
          ...es.map((e) => e.reward + gamma * (this.isTerminal(e.to) ? 0 : V.get(e.to)!)),
        );
        delta = Math.max(delta, Math.abs(best - V.get(u)!));
        V.set(u, best);
      }
      if (delta < tol) break;
    }
    return V;
  }

  /** Prints the machine in the reference text format. */
  toText(): string {
    const lines = [String(this.initial), `[${[...this.terminal].join(",")}]`];
    for (const e of this.edges)
      lines.push(`(${e.from},${e.to},'${formatGuard(e.guard)}',ConstantRewardFunction(${e.reward}))`);
    return `${lines.join("\n")}\n`;
  }
}

/** Whether a DNF guard holds on a set of true propositions. */
export function guardHolds(g: Guard, events: ReadonlySet<string>): boolean {
  return g.some((term) => term.every((l) => events.has(l.prop) === l.positive));
}

/** Parses a reference-style DNF guard: `a&!b|c`, `True`, `False`. */
export function parseGuard(text: string, where = "guard"): Guard {
  const t = text.trim();
  if (t === "True" || t === "true") return [[]];
  if (t === "False" || t === "false") return [];
  return t.split("|").map((term) =>
    term.split("&").map((lit) => {
      const s = lit.trim();
      const positive = !s.startsWith("!");
      const prop = positive ? s : s.slice(1).trim();
      if (!/^[A-Za-z_][A-Za-z0-9_.:]*$/.test(prop))
        throw new RewardkitError("E_SPEC_INVALID", [
          { path: where, message: `bad literal "${s}" in "${text}"` },
        ]);
      return { prop, positive };
    }),
  );
}

/** Prints a DNF guard in the reference syntax. */
export function formatGuard(g: Guard): string {
  if (!g.length) return "False";
  if (g.some((t) => !t.length)) return "True";
  return g.map((t) => t.map((l) => (l.positive ? l.prop : `!${l.prop}`)).join("&")).join("|");
}

const EDGE = /^\(\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*'([^']*)'\s*,\s*(.+)\)$/;
const CONSTANT = /^ConstantRewardFunction\(\s*([^()]*)\)$/;

/**
 * Parses the reference text format: line 1 the initial state, line 2 a list of terminal states, then one
 * `(u1,u2,'dnf',ConstantRewardFunction(r))` (or a bare number `r`) per line; `#` starts a comment. Reward
 * functions that read the environment (`RewardControl`, …) are refused: rewardkit has no `s_info`.
 * @example parseRewardMachine("0\n[1]\n(0,1,'done',ConstantRewardFunction(1))\n(0,0,'!done',0)")
 */
export function parseRewardMachine(text: string, path = "machine"): RewardMachine {
  const lines = text
    .split("\n")
    .map((l) => l.replace(/#.*$/, "").trim())
    .filter(Boolean);
  const err = (line: number, message: string) =>
    new RewardkitError("E_SPEC_INVALID", [{ path: `${path}:${line}`, message }]);
  if (lines.length < 2) throw err(1, "expected an initial state and a list of terminal states");
  if (!/^-?\d+$/.test(lines[0]!)) throw err(1, `initial state must be an integer, got "${lines[0]}"`);
  const term = /^\[\s*((?:-?\d+\s*,\s*)*-?\d+)?\s*,?\s*\]$/.exec(lines[1]!);
  if (!term) throw err(2, `terminal states must be a list like [3,4], got "${lines[1]}"`);
  const terminal = new Set(
    (term[1] ?? "")
      .split(",")
      .filter((s) => s.trim())
      .map((s) => Number(s)),
  );
  const edges: RmEdge[] = [];
  for (let i = 2; i < lines.length; i++) {
    const m = EDGE.exec(lines[i]!);
    if (!m) throw err(i + 1, `expected (u1,u2,'dnf',ConstantRewardFunction(r)), got "${lines[i]}"`);
    const rf = m[4]!.trim();
    const rText = (CONSTANT.exec(rf)?.[1] ?? rf).trim();
    const reward = Number(rText);
    if (!rText || !Number.isFinite(reward))
      throw err(i + 1, `only constant rewards are supported, got "${rText}"`);
    edges.push({
      from: Number(m[1]),
      to: Number(m[2]),
      guard: parseGuard(m[3]!, `${path}:${i + 1}`),
      reward,
    });
  }
  return new RewardMachine(Number(lines[0]), terminal, edges);
}

/**
 * A reward machine from an LTLf automaton (exhaustively explored): a start state plus one state per automaton state, terminal
 * where the verdict is permanent; an edge pays `reward` when it enters an accepting state from a
 * non-accepting one and −`reward` when it leaves one, so the return of any trace is `reward` × [accepted].
 * Guards are the letters' minterms. (Camacho et al., IJCAI 2019, "LTL and Beyond")
 * @example ltlfToRewardMachine(LtlfAutomaton.fromText("F(a & X F b)"))
 */
export function ltlfToRewardMachine(dfa: LtlfAutomaton, reward = 1): RewardMachine {
  const n = dfa.allStates();
  const letters = 1 << dfa.props.length;
  // Machine state 0 is "no step yet" (the empty trace is not accepted); state k + 1 is automaton state k,
  // which keeps the two apart even when the initial formula recurs after a step.
  const acc = (u: number) => u > 0 && dfa.accepts(u - 1);
  const terminal = new Set<number>();
  const edges: RmEdge[] = [];
  for (let u = 0; u <= n; u++) {
    if (u > 0 && dfa.verdict(u - 1).startsWith("permanently")) {
      terminal.add(u);
      continue;
    }
    const q = u === 0 ? dfa.initial : u - 1;
    const byTarget = new Map<number, Guard>();
    for (let l = 0; l < letters; l++) {
      const v = dfa.step(q, l) + 1;
      const g = byTarget.get(v) ?? [];
      g.push(dfa.props.map((prop, i) => ({ prop, positive: (l & (1 << i)) !== 0 })));
      byTarget.set(v, g);
    }
    for (const [v, guard] of byTarget) {
      const r = acc(v) && !acc(u) ? reward : !acc(v) && acc(u) ? -reward : 0;
      edges.push({ from: u, to: v, guard: simplifyGuard(guard, dfa.props), reward: r });
    }
  }
  return new RewardMachine(0, terminal, edges);
}

/** Merges minterms that differ in one literal (one pass of Quine–McCluskey, repeated to a fixpoint). */
function simplifyGuard(g: Guard, props: readonly string[]): Guard {
  if (g.length === 1 << props.length) return [[]];
  let terms = g.map((t) => new Map(t.map((l) => [l.prop, l.positive])));
  for (let changed = true; changed; ) {
    changed = false;
    const used = new Set<number>();
    const next: Map<string, boolean>[] = [];
    for (let i = 0; i < terms.length; i++)
      for (let j = i + 1; j < terms.length; j++) {
        const a = terms[i]!;
        const b = terms[j]!;
        if (a.size !== b.size) continue;
        let diff: string | undefined;
        let ok = true;
        for (const [p, v] of a) {
          if (!b.has(p)) ok = false;
          else if (b.get(p) !== v) {
            if (diff !== undefined) ok = false;
            diff = p;
          }
          if (!ok) break;
        }
        if (!ok || diff === undefined) continue;
        const m = new Map(a);
        m.delete(diff);
        next.push(m);
        used.add(i).add(j);
        changed = true;
      }
    const key = (m: Map<string, boolean>) => [...m].sort().join(",");
    const seen = new Set<string>();
    terms = [...next, ...terms.filter((_, i) => !used.has(i))].filter((m) => {
      const k = key(m);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
  return terms.map((m) => [...m].map(([prop, positive]) => ({ prop, positive })));
}

/**
 * The synchronous product of reward machines: states are tuples (numbered in discovery order), the reward is
 * the sum of the components' rewards, and the product is terminal when every component is. Built by
 * exploring the letters over the union of the guards' propositions (at most 16).
 * @example productMachine([rmA, rmB]).run(trace)
 */
export function productMachine(rms: readonly RewardMachine[]): {
  machine: RewardMachine;
  tuples: number[][];
} {
  const props = [
    ...new Set(rms.flatMap((m) => m.edges.flatMap((e) => e.guard.flat().map((l) => l.prop)))),
  ].sort();
  if (props.length > 16)
    throw new RewardkitError("E_SPEC_INVALID", [
      { path: "machines", message: "product needs ≤ 16 propositions" },
    ]);
  const letters = 1 << props.length;
  const tuples: number[][] = [rms.map((m) => m.initial)];
  const ids = new Map<string, number>([[tuples[0]!.join(","), 0]]);
  const terminal = new Set<number>();
  const edges: RmEdge[] = [];
  for (let s = 0; s < tuples.length; s++) {
    const tup = tuples[s]!;
    if (tup.every((u, i) => rms[i]!.isTerminal(u))) {
      terminal.add(s);
      continue;
    }
    const byTarget = new Map<string, { to: number; guard: Guard; reward: number }>();
    for (let l = 0; l < letters; l++) {
      const ev = new Set(props.filter((_, i) => (l & (1 << i)) !== 0));
      const steps = tup.map((u, i) => rms[i]!.step(u, ev));
      const next = steps.map((x) => x.state);
      const key = next.join(",");
      let to = ids.get(key);
      if (to === undefined) {
        to = tuples.length;
        tuples.push(next);
        ids.set(key, to);
      }
      const reward = steps.reduce((a, x) => a + x.reward, 0);
      const k = `${to}|${reward}`;
      const e = byTarget.get(k) ?? { to, guard: [], reward };
      e.guard.push(props.map((prop, i) => ({ prop, positive: (l & (1 << i)) !== 0 })));
      byTarget.set(k, e);
    }
    for (const e of byTarget.values())
      edges.push({ from: s, to: e.to, guard: simplifyGuard(e.guard, props), reward: e.reward });
  }
  return { machine: new RewardMachine(0, terminal, edges), tuples };
}
