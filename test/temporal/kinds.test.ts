import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import { RewardkitError } from "../../src/core/errors.ts";
import type { RewardResult, Rollout } from "../../src/core/types.ts";
import { seededRandom } from "../../src/credit/rng.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { LtlfAutomaton } from "../../src/temporal/automaton.ts";
import {
  ltlfToRewardMachine,
  parseRewardMachine,
  productMachine,
  RewardMachine,
} from "../../src/temporal/reward-machine.ts";
import { type segmentOptions, subgoalMachine } from "../../src/temporal/subgoals.ts";
import { close } from "../credit/helpers.ts";
import { printTree, randomTrace, randomTree } from "./random-ltlf.ts";

const build = (node: Record<string, unknown>) => compileNode(node, { registry: defaultRegistry });
const score = async (node: Record<string, unknown>, r: Rollout): Promise<RewardResult> =>
  await build(node).score(r, {});
const evs = (...steps: string[][]): Rollout => ({
  completion: "",
  steps: steps.map((events) => ({ events })),
});

describe("temporal.ltlf", () => {
  const monitor = {
    kind: "temporal.ltlf",
    formula: "G(delete -> X confirm)",
    mode: "monitor",
    reward: 0.1,
    cost: -0.1,
    success: 1,
    failure: -1,
    propositions: { delete: { tool: "rm" }, confirm: { regex: "[Cc]onfirm" } },
  };
  const rmCall = { tool_calls: [{ function: { name: "rm", arguments: "{}" } }] };

  it("monitor mode pays De Giacomo et al.'s r/c/s/f per step from the four-valued verdict", async () => {
    const r = await score(monitor, {
      completion: "",
      steps: [{ text: "hello" }, rmCall, { text: "Confirm?" }, { text: "done" }],
    });
    // temporarily true, temporarily false (pending X confirm), temporarily true, end accepted → success
    close(r.steps as number[], [0.1, -0.1, 0.1, 1]);
    close([r.score!], [1.1]);
    assert.equal(r.info?.accepted, true);
    const bad = await score(monitor, { completion: "", steps: [rmCall, { text: "no" }, { text: "x" }] });
    // the second step makes the violation permanent: failure once, then nothing
    close(bad.steps as number[], [-0.1, -1, 0]);
    assert.equal(bad.info?.verdict, "permanently_false");
  });

  it("a truncated episode gets no end-of-trace verdict", async () => {
    const r = await score(monitor, {
      completion: "",
      steps: [{ text: "hello" }, rmCall],
      meta: { truncated: true },
    });
    close(r.steps as number[], [0.1, -0.1]);
  });

  it("satisfaction mode pays 1/0 on the last step; chat messages are steps", async () => {
    const node = {
      kind: "temporal.ltlf",
      formula: "F(search & X F answer)",
      propositions: { search: { tool: "search" } },
    };
    const chat: Rollout = {
      completion: [
        { role: "assistant", content: "", tool_calls: [{ function: { name: "search", arguments: "{}" } }] },
        { role: "tool", content: "results" },
        { role: "assistant", content: "the answer" },
      ],
    };
    const r = await score(
      { ...node, propositions: { ...node.propositions, answer: { regex: "answer" } } },
      chat,
    );
    assert.deepEqual(r.steps, [0, 0, 1]);
    assert.equal(r.score, 1);
    const r2 = await score(node, evs(["answer"], ["search"]));
    assert.equal(r2.score, 0);
  });

  it("Spot syntax: X is weak, X[!] strong", async () => {
    const base = { kind: "temporal.ltlf", formula: "G(a -> X b)" };
    assert.equal((await score(base, evs([], ["a"]))).score, 0);
    assert.equal((await score({ ...base, syntax: "spot" }, evs([], ["a"]))).score, 1);
    assert.equal(
      (await score({ ...base, formula: "G(a -> X[!] b)", syntax: "spot" }, evs([], ["a"]))).score,
      0,
    );
  });

  it("a verifier reward thresholded is a proposition", async () => {
    const node = {
      kind: "temporal.ltlf",
      formula: "F polite",
      verifiers: { polite: { kind: "format.regex", pattern: "please" } },
      threshold: 1,
    };
    const has = await score(node, { completion: "", steps: [{ text: "go" }, { text: "please stop" }] });
    assert.equal(has.score, 1);
    const not = await score(node, { completion: "", steps: [{ text: "go" }] });
    assert.equal(not.score, 0);
  });

  it("distance shaping: Φ = −distance, terminal Φ = 0, truncation keeps Φ_T", async () => {
    const node = {
      kind: "temporal.ltlf",
      formula: "F(search & X F(read & X F answer))",
      shaping: "distance",
    };
    // distances 3, 3, 2, 1, 0 → Φ −3, −3, −2, −1, (terminal) 0
    const r = await score(node, evs([], ["search"], ["read"], ["answer"]));
    close(r.steps as number[], [0, 1, 1, 2]);
    close([r.score!], [1 + 3]); // telescopes: Σ shaped = Σ r − Φ(q0)
    const t = await score(node, { ...evs([], ["search"]), meta: { truncated: true } });
    close(t.steps as number[], [0, 1]);
  });

  it("an empty trace is a typed invalid_input, and a bad formula stops compilation with its path", async () => {
    const r = await score({ kind: "temporal.ltlf", formula: "F a" }, { completion: "", steps: [] });
    assert.equal(r.score, null);
    assert.equal(r.error?.kind, "invalid_input");
    assert.throws(
      () => build({ kind: "temporal.ltlf", formula: "F (a" }),
      (e: unknown) =>
        e instanceof RewardkitError && /reward/.test(e.issues[0]!.path) && /expected "\)"/.test(e.message),
    );
  });

  it("the automaton is shared across rollouts of one compiled spec", async () => {
    const reward = build({ kind: "temporal.ltlf", formula: "G(a -> F b)" });
    const first = (await reward.score(evs(["a"], ["b"]), {})) as RewardResult;
    const again = (await reward.score(evs(["a"], ["b"], ["a"]), {})) as RewardResult;
    assert.equal(first.score, 1);
    assert.equal(again.score, 0);
    assert.equal(again.info?.automaton_states, first.info?.automaton_states);
  });
});

const OFFICE = `0
[2]
(0,0,'!c&!n',ConstantRewardFunction(0))
(0,1,'c&!n',ConstantRewardFunction(0))
(1,1,'!o&!n',ConstantRewardFunction(0))
(1,2,'o&!n',ConstantRewardFunction(1))
`;

describe("reward machines", () => {
  it("parses the reference text format; an unmatched step falls off with reward 0", () => {
    const rm = parseRewardMachine(OFFICE);
    assert.deepEqual(rm.run([[], ["c"], [], ["o"]].map((s) => new Set(s))), {
      states: [0, 0, 1, 1, 2],
      rewards: [0, 0, 0, 1],
    });
    assert.deepEqual(rm.run([new Set(["n"])]).states, [0, RewardMachine.FELL_OFF]);
    assert.equal(parseRewardMachine(rm.toText()).toText(), rm.toText());
    assert.throws(() => parseRewardMachine("0\n[1]\n(0,1,'a',RewardControl())"), /only constant rewards/);
    assert.throws(() => parseRewardMachine("x\n[]"), /machine:1/);
  });

  it("value iteration and both signs of Φ (hand-worked, γ = 0.9)", async () => {
    const rm = parseRewardMachine(OFFICE);
    const V = rm.values(0.9);
    close([V.get(0)!, V.get(1)!, V.get(2)!], [0.9, 1, 0]);
    const node = { kind: "temporal.reward_machine", machine: OFFICE, shaping: "value", gamma: 0.9 };
    const trace = evs([], ["c"], [], ["o"]);
    // Φ = +V: optimal edges 0, self-loops −(1−γ)V
    close((await score(node, trace)).steps as number[], [-0.09, 0, -0.1, 0]);
    // Φ = −V (the reference implementation): self-loops +(1−γ)V, the goal edge 2
    close((await score({ ...node, potential_sign: -1 }, trace)).steps as number[], [0.09, 0, 0.1, 2]);
    close(
      (await score({ kind: "temporal.reward_machine", machine: OFFICE }, trace)).steps as number[],
      [0, 0, 0, 1],
    );
  });

  it("LTLf → reward machine: the return of any trace is 1 exactly when it satisfies the formula", () => {
    const rand = seededRandom(99);
    for (let i = 0; i < 120; i++) {
      const text = printTree(randomTree(rand, 3));
      const dfa = LtlfAutomaton.fromText(text);
      const rm = parseRewardMachine(ltlfToRewardMachine(dfa).toText());
      for (let j = 0; j < 5; j++) {
        const w = randomTrace(rand, 6);
        const ret = rm.run(w.map((s) => new Set(s))).rewards.reduce((a, b) => a + b, 0);
        assert.equal(ret, dfa.acceptsTrace(w) ? 1 : 0, `${text} on ${JSON.stringify(w)}`);
      }
    }
  });

  it("the product machine pays the sum of its components' rewards", () => {
    const rand = seededRandom(3);
    for (let i = 0; i < 40; i++) {
      const a = ltlfToRewardMachine(LtlfAutomaton.fromText(printTree(randomTree(rand, 2))));
      const b = ltlfToRewardMachine(LtlfAutomaton.fromText(printTree(randomTree(rand, 2))));
      const { machine } = productMachine([a, b]);
      for (let j = 0; j < 5; j++) {
        const w = randomTrace(rand, 6).map((s) => new Set(s));
        const sum = (m: RewardMachine) => m.run(w).rewards.reduce((x, y) => x + y, 0);
        assert.equal(sum(machine), sum(a) + sum(b));
      }
    }
  });
});

describe("subgoals (CALM)", () => {
  const goals = [{ name: "search" }, { name: "read" }, { name: "answer" }];
  it("a sequence is a chain; a set completes in any order; a DAG waits for prerequisites", () => {
    const run = (rm: RewardMachine, ...w: string[][]) => rm.run(w.map((s) => new Set(s)));
    const seq = subgoalMachine(goals, "sequence");
    assert.deepEqual(run(seq, ["read"], ["search"], ["read"], ["answer"]).rewards, [0, 1, 1, 1]);
    const set = subgoalMachine(goals, "set");
    assert.deepEqual(run(set, ["answer"], ["search", "read"]).rewards, [1, 2]);
    assert.ok(set.isTerminal(run(set, ["answer"], ["search", "read"]).states.at(-1)!));
    const dag = subgoalMachine(
      [{ name: "search" }, { name: "read" }, { name: "answer", after: ["search", "read"] }],
      "dag",
    );
    assert.deepEqual(run(dag, ["answer"], ["read"], ["search"], ["answer"]).rewards, [0, 1, 1, 1]);
    assert.throws(
      () =>
        subgoalMachine(
          [
            { name: "a", after: ["b"] },
            { name: "b", after: ["a"] },
          ],
          "dag",
        ),
      /cycle/,
    );
  });

  it("options end at machine-state changes; r_max on the target, r_min otherwise; segment returns", async () => {
    const node = { kind: "temporal.subgoals", subgoals: goals, order: "sequence", r_max: 0.5, r_min: -0.5 };
    const r = await score(node, evs(["search"], ["x"], ["read"], ["answer"]));
    close(r.steps as number[], [1.5, 0, 1.5, 1.5]);
    const segs = r.info?.segments as ReturnType<typeof segmentOptions>;
    assert.deepEqual(
      segs.map((s) => [s.start, s.end, s.achieved, s.return]),
      [
        [0, 1, ["search"], 1.5],
        [1, 3, ["read"], 1.5],
        [3, 4, ["answer"], 1.5],
      ],
    );
    // the policy declared it was going for "answer" at step 1, but reached "read": r_min
    const declared = evs(["search"], ["x"], ["read"], ["answer"]);
    declared.steps![1]!.meta = { subgoal: "answer" };
    close((await score(node, declared)).steps as number[], [1.5, 0, 0.5, 1.5]);
    // an unfinished last option did not terminate: no option reward
    const open = await score(node, evs(["search"], ["x"]));
    close(open.steps as number[], [1.5, 0]);
    assert.equal((open.info!.segments as { terminated: boolean }[])[1]!.terminated, false);
  });
});

describe("lexicographic multi-objective", () => {
  it("the scalar orders quantised vectors exactly as the lexicographic comparison", async () => {
    const { compareLexicographic, lexicographicScalar } = await import("../../src/temporal/lexicographic.ts");
    const scales = [
      { lo: 0, hi: 1, levels: 3 },
      { lo: 0, hi: 1, levels: 5 },
    ];
    const grid: number[][] = [];
    for (const a of [0, 0.5, 1]) for (const b of [0, 0.25, 0.5, 0.75, 1]) grid.push([a, b]);
    for (const x of grid)
      for (const y of grid)
        assert.equal(
          Math.sign(lexicographicScalar(x, scales) - lexicographicScalar(y, scales)),
          Math.sign(compareLexicographic(x, y)),
        );
    // [1, 0] beats [0.5, 1]: mixed radix 2·5 + 0 = 10 vs 1·5 + 4 = 9, over 3·5 − 1 = 14
    close([lexicographicScalar([1, 0], scales), lexicographicScalar([0.5, 1], scales)], [10 / 14, 9 / 14]);
  });
  it("safety first, then correctness: the vector is in components", async () => {
    const node = {
      kind: "multi.lexicographic",
      objectives: [
        { kind: "temporal.ltlf", name: "safe", formula: "G !delete" },
        { kind: "text.exact", name: "correct", from: "whole" },
      ],
      scales: [{ levels: 2 }, { levels: 2 }],
    };
    const safeWrong = await score(node, { completion: "5", reference: "4", steps: [{ events: [] }] });
    const unsafeRight = await score(node, {
      completion: "4",
      reference: "4",
      steps: [{ events: ["delete"] }],
    });
    assert.deepEqual(safeWrong.components, { safe: 1, correct: 0 });
    assert.deepEqual(unsafeRight.components, { safe: 0, correct: 1 });
    assert.ok(safeWrong.score! > unsafeRight.score!);
  });
});

describe("subgoals decided by verifiers", () => {
  it("a subgoal can be any reward kind on the step (here a regex verifier), thresholded", async () => {
    const node = {
      kind: "temporal.subgoals",
      order: "sequence",
      subgoals: [{ name: "plan" }, { name: "answer" }],
      verifiers: { plan: { kind: "format.regex", pattern: "^Plan:" } },
      propositions: { answer: { regex: "<answer>" } },
    };
    const r = await score(node, {
      completion: "",
      steps: [{ text: "<answer>4</answer>" }, { text: "Plan: add" }, { text: "<answer>4</answer>" }],
    });
    // the first answer comes before the plan, so only the later one counts
    assert.deepEqual(r.steps, [0, 1, 1]);
    assert.deepEqual(r.info?.done, ["plan", "answer"]);
  });
});

describe("temporal.reward_machine with several machines", () => {
  it("runs their product: rewards add up, the episode ends when both machines are done", async () => {
    const first = "0\n[1]\n(0,1,'a',1)\n(0,0,'!a',0)";
    const second = "0\n[1]\n(0,1,'b',2)\n(0,0,'!b',0)";
    const r = await score(
      { kind: "temporal.reward_machine", machine: [first, second] },
      evs(["b"], [], ["a"]),
    );
    assert.deepEqual(r.steps, [2, 0, 1]);
    assert.equal(r.info?.terminal, true);
  });
});
