// temporal.ltlf monitoring of 1,000-step traces against a 10-operator formula, in steps per second on one core,
// with the ratio to per-step progression without the automaton's cache (measured in the same run).
// Run: npx tsx bench/temporal.ts
import { defaultRegistry } from "../src/builtins.ts";
import type { RewardResult, Rollout } from "../src/core/types.ts";
import { seededRandom } from "../src/credit/rng.ts";
import { compileNode } from "../src/spec/compile.ts";
import { operatorCount } from "../src/temporal/formula.ts";
import { toNnf } from "../src/temporal/nnf.ts";
import { parseLtlf } from "../src/temporal/parse.ts";
import { endOfTrace, normalizeState, progress } from "../src/temporal/progress.ts";

// 10 operators as written: G -> X & ! U & G -> F
const FORMULA = "G(delete -> X confirm) & (!answer U search) & G(ask -> F reply)";
const STEPS = 1000;
const ROLLOUTS = Number(process.env.ROLLOUTS ?? 200);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const PROPS = ["delete", "confirm", "answer", "search", "ask", "reply", "noise"];

const { formula, table } = parseLtlf(FORMULA);
const rand = seededRandom(1);
const rollouts: Rollout[] = Array.from({ length: ROLLOUTS }, () => ({
  completion: "",
  steps: Array.from({ length: STEPS }, () => ({ events: PROPS.filter(() => rand() < 0.15) })),
}));
const reward = compileNode(
  { kind: "temporal.ltlf", formula: FORMULA, mode: "monitor" },
  { registry: defaultRegistry },
);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function kindRun(): number {
  let s = 0;
  for (const r of rollouts) s += (reward.score(r, {}) as RewardResult).score!;
  return s;
}
/** Baseline: progression of the formula at every step, no automaton, no cache (normalised as the states are). */
function uncachedRun(n: number): number {
  let acc = 0;
  const init = toNnf(table, formula);
  for (const r of rollouts.slice(0, n)) {
    let g = init;
    for (const st of r.steps!) {
      const ev = new Set(st.events as string[]);
      g = normalizeState(
        table,
        progress(table, g, (p) => ev.has(p)),
      );
    }
    acc += endOfTrace(g) ? 1 : 0;
  }
  return acc;
}

kindRun();
uncachedRun(5);
const fast: number[] = [];
const slow: number[] = [];
const BASE_N = Math.max(5, Math.floor(ROLLOUTS / 10));
for (let i = 0; i < ROUNDS; i++) {
  let t = performance.now();
  kindRun();
  fast.push((ROLLOUTS * STEPS) / ((performance.now() - t) / 1000));
  t = performance.now();
  uncachedRun(BASE_N);
  slow.push((BASE_N * STEPS) / ((performance.now() - t) / 1000));
}
console.log(
  `formula: ${FORMULA} (10 operators as written, ${operatorCount(formula)} in the parsed core language)`,
);
console.log(`${ROLLOUTS} rollouts × ${STEPS} steps, ${ROUNDS} rounds (medians)`);
console.log(
  `temporal.ltlf monitor (labelling + cached automaton + verdicts): ${Math.round(median(fast)).toLocaleString("en")} steps/s`,
);
console.log(
  `uncached progression per step (baseline):                   ${Math.round(median(slow)).toLocaleString("en")} steps/s`,
);
console.log(`ratio: ${(median(fast) / median(slow)).toFixed(1)}×`);
