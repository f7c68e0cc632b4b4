import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { RewardkitError } from "../../src/core/errors.ts";
import { seededRandom } from "../../src/credit/rng.ts";
import { LtlfAutomaton } from "../../src/temporal/automaton.ts";
import { type Formula, FormulaTable, formatFormula } from "../../src/temporal/formula.ts";
import { isNnf, toNnf } from "../../src/temporal/nnf.ts";
import { parseLtlf } from "../../src/temporal/parse.ts";
import { endOfTrace, progress } from "../../src/temporal/progress.ts";
import { EmptyTraceError, holds, type Trace } from "../../src/temporal/semantics.ts";
import { printTree, randomTrace, randomTree } from "./random-ltlf.ts";

const sets = (w: string[][]): Trace => w.map((s) => new Set(s));

/** Progression alone (no automaton, no normalisation), finished with the end-of-trace step. */
function progressionVerdict(table: FormulaTable, f: Formula, w: string[][]): boolean {
  let g = toNnf(table, f);
  for (const step of w) g = progress(table, g, (p) => step.includes(p));
  return endOfTrace(g);
}

const cases = (() => {
  const rand = seededRandom(2026);
  return Array.from({ length: 400 }, (_, i) => ({
    text: printTree(randomTree(rand, 2 + (i % 3))),
    traces: Array.from({ length: 6 }, () => randomTrace(rand, 6)),
  }));
})();

describe("LTLf: progression = automaton = finite-trace semantics", () => {
  it("agree on 400 random formulas × 6 random traces, and NNF is equivalent", () => {
    for (const { text, traces } of cases) {
      const table = new FormulaTable();
      const { formula } = parseLtlf(text, { table });
      const nnf = toNnf(table, formula);
      assert.ok(isNnf(nnf), text);
      const dfa = new LtlfAutomaton(formula, table);
      for (const w of traces) {
        const truth = holds(formula, sets(w));
        assert.equal(holds(nnf, sets(w)), truth, `NNF ${text} on ${JSON.stringify(w)}`);
        assert.equal(
          progressionVerdict(table, formula, w),
          truth,
          `progression ${text} ${JSON.stringify(w)}`,
        );
        assert.equal(dfa.acceptsTrace(w), truth, `DFA ${text} on ${JSON.stringify(w)}`);
      }
    }
  });

  it("Spot syntax (X[!] strong, X weak) reads the same formulas", () => {
    const rand = seededRandom(7);
    for (let i = 0; i < 200; i++) {
      const tree = randomTree(rand, 3);
      const w = sets(randomTrace(rand, 6));
      const a = parseLtlf(printTree(tree, "flloat")).formula;
      const b = parseLtlf(printTree(tree, "spot"), { syntax: "spot" }).formula;
      assert.equal(holds(a, w), holds(b, w));
      const round = parseLtlf(formatFormula(a, "spot"), { syntax: "spot" }).formula;
      assert.equal(holds(round, w), holds(a, w));
    }
  });

  it("dualities: X a ↔ ¬WX¬a and a U b ↔ ¬(¬a R ¬b)", () => {
    const rand = seededRandom(11);
    for (let i = 0; i < 300; i++) {
      const a = printTree(randomTree(rand, 2));
      const b = printTree(randomTree(rand, 2));
      const w = sets(randomTrace(rand, 6));
      const h = (s: string) => holds(parseLtlf(s).formula, w);
      assert.equal(h(`X(${a})`), h(`!WX(!(${a}))`));
      assert.equal(h(`(${a}) U (${b})`), h(`!(!(${a}) R !(${b}))`));
      assert.equal(h(`(${a}) W (${b})`), h(`((${a}) U (${b})) | G(${a})`));
      assert.equal(h(`(${a}) M (${b})`), h(`((${a}) R (${b})) & F(${a})`));
    }
  });

  it("on non-empty traces GF a ≡ FG a ≡ a at the last step", () => {
    const rand = seededRandom(5);
    const gf = LtlfAutomaton.fromText("G F a");
    const fg = LtlfAutomaton.fromText("F G a");
    for (let i = 0; i < 500; i++) {
      const w = randomTrace(rand, 8);
      const lastA = w[w.length - 1]!.includes("a");
      assert.equal(gf.acceptsTrace(w), lastA);
      assert.equal(fg.acceptsTrace(w), lastA);
      assert.equal(holds(parseLtlf("F(a & last)").formula, sets(w)), lastA);
    }
  });
});

describe("LTLf: recorded MONA verdicts", () => {
  const rows = readFileSync(new URL("./fixtures/mona-verdicts.jsonl", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { formula: string; trace: string[][]; holds: boolean });

  it("the automaton and the semantics match MONA on every recorded pair", () => {
    assert.ok(rows.length >= 1000, `${rows.length} pairs`);
    const dfas = new Map<string, LtlfAutomaton>();
    let agree = 0;
    for (const r of rows) {
      let dfa = dfas.get(r.formula);
      if (!dfa) dfas.set(r.formula, (dfa = LtlfAutomaton.fromText(r.formula)));
      assert.equal(dfa.acceptsTrace(r.trace), r.holds, `${r.formula} on ${JSON.stringify(r.trace)}`);
      assert.equal(holds(parseLtlf(r.formula).formula, sets(r.trace)), r.holds);
      agree++;
    }
    assert.equal(agree, rows.length);
    assert.ok(rows.some((r) => r.holds) && rows.some((r) => !r.holds));
  });
});

describe("LTLf: facts of the finite-trace semantics (flloat's test vectors, re-derived)", () => {
  const acc = (f: string, w: string[][]) => LtlfAutomaton.fromText(f).acceptsTrace(w);
  it("strong and weak next at the end of the trace", () => {
    assert.equal(acc("X a", [["a"]]), false);
    assert.equal(acc("WX a", [["a"]]), true);
    assert.equal(acc("X a", [[], ["a"]]), true);
    assert.equal(acc("WX a", [[], []]), false);
    assert.equal(acc("X a", [[], ["a"]]), acc("X[!] a", [[], ["a"]]));
    assert.equal(LtlfAutomaton.fromText("X a", { syntax: "spot" }).acceptsTrace([["a"]]), true);
  });
  it("G(a -> X b) rejects a trace that ends in a; G(a -> WX b) accepts it", () => {
    assert.equal(acc("G(a -> X b)", [["a"], ["b"], ["a"]]), false);
    assert.equal(acc("G(a -> WX b)", [["a"], ["b"], ["a"]]), true);
    assert.equal(acc("G(a -> X b)", [["a"], ["b"], []]), true);
  });
  it("last and end", () => {
    assert.equal(acc("F(last & a)", [[], ["a"]]), true);
    assert.equal(acc("F(last & a)", [["a"], []]), false);
    assert.equal(acc("F end", [["a"]]), false);
    assert.equal(acc("G !end", [["a"], []]), true);
  });
  it("the empty trace is refused with a typed error", () => {
    assert.throws(() => LtlfAutomaton.fromText("G a").run([]), EmptyTraceError);
    assert.throws(
      () => holds(parseLtlf("true").formula, []),
      (e: unknown) => {
        return e instanceof EmptyTraceError && e.kind === "invalid_input";
      },
    );
  });
  it("bad formulas are E_FORMULA errors with the column", () => {
    for (const bad of ["a U", "(a & b", "a b", "F", "", "a # b", "U a"]) {
      assert.throws(
        () => parseLtlf(bad),
        (e: unknown) => e instanceof RewardkitError && e.code === "E_FORMULA",
        bad,
      );
    }
    assert.throws(() => parseLtlf("a & #"), /column 5/);
  });
});

describe("LTLf: automaton states, verdicts and distances", () => {
  it("states are hash-consed progressed formulas, cached across runs", () => {
    const dfa = LtlfAutomaton.fromText("F(a & X F b)");
    dfa.run([["a"], [], ["b"]]);
    const before = dfa.size;
    dfa.run([["a"], [], ["b"]]);
    assert.equal(dfa.size, before);
    // initial φ; (F b ∧ F true) ∨ φ right after an a; F b ∨ φ one step later; true. The trap false is
    // unreachable for a co-safe formula. (Syntactic states: not minimal, but finitely many.)
    assert.equal(dfa.allStates(), 4);
  });
  it("four-valued verdicts", () => {
    const safety = LtlfAutomaton.fromText("G !delete");
    assert.equal(safety.verdict(safety.run([[]])), "temporarily_true");
    assert.equal(safety.verdict(safety.run([["delete"]])), "permanently_false");
    const cosafe = LtlfAutomaton.fromText("F answer");
    assert.equal(cosafe.verdict(cosafe.run([[]])), "temporarily_false");
    assert.equal(cosafe.verdict(cosafe.run([["answer"]])), "permanently_true");
    const resp = LtlfAutomaton.fromText("G(ask -> F reply)");
    assert.equal(resp.verdict(resp.run([["ask"]])), "temporarily_false");
    assert.equal(resp.verdict(resp.run([["ask"], ["reply"]])), "temporarily_true");
  });
  it("distance to acceptance counts the fewest remaining steps; traps are Infinity", () => {
    const seq = LtlfAutomaton.fromText("F(search & X F(read & X F answer))");
    assert.equal(seq.distance(seq.run([[]])), 3);
    assert.equal(seq.distance(seq.run([["search"]])), 2);
    assert.equal(seq.distance(seq.run([["search"], ["read"]])), 1);
    assert.equal(seq.distance(seq.run([["search"], ["read"], ["answer"]])), 0);
    const never = LtlfAutomaton.fromText("G !delete");
    assert.equal(never.distance(never.run([["delete"]])), Number.POSITIVE_INFINITY);
  });
});
