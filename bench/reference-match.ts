/**
 * Checks per second of the tool-call, similarity, string-check and partial-credit kinds, each printed with its
 * ratio to a baseline measured in the same run: a plain `completion === reference` loop over the same rollouts.
 * Run: npx tsx bench/reference-match.ts
 */
import { defaultRegistry } from "../src/builtins.ts";
import { completionText } from "../src/core/text.ts";
import type { Reward, RewardResult, Rollout } from "../src/core/types.ts";
import { compileNode } from "../src/spec/compile.ts";

const N = 1000;
const words = ["the", "cat", "sat", "on", "mat", "a", "dog", "ran", "far", "away", "quickly", "home"];

/** Deterministic pseudo-random generator (LCG) so every run scores the same inputs. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function sentence(r: () => number, n: number): string {
  return Array.from({ length: n }, () => words[Math.floor(r() * words.length)]).join(" ");
}

function textRollouts(): Rollout[] {
  const r = rng(7);
  return Array.from({ length: N }, () => {
    const ref = sentence(r, 12 + Math.floor(r() * 8));
    const hyp = r() < 0.3 ? ref : sentence(r, 12 + Math.floor(r() * 8));
    return { completion: hyp, reference: ref };
  });
}

function toolRollouts(): Rollout[] {
  const r = rng(11);
  return Array.from({ length: N }, () => {
    const city = ["Paris", "Rome", "Oslo"][Math.floor(r() * 3)];
    const gtCall = { name: "get_weather", parameters: { city: "Paris", unit: "c", days: 3 } };
    const pdCall = { name: "get_weather", parameters: { city, unit: "c", days: r() < 0.5 ? 3 : 4 } };
    const reference = `<think>x</think>\n<tool_call>\n${JSON.stringify(gtCall)}\n</tool_call>`;
    const completion = `<think>ok</think>\n<tool_call>\n${JSON.stringify(pdCall)}\n</tool_call>`;
    return { completion, reference };
  });
}

function callRollouts(): Rollout[] {
  return toolRollouts().map((r) => ({
    completion: r.completion,
    reference: [{ name: "get_weather", arguments: { city: "Paris", unit: "c", days: 3 } }],
  }));
}

function bfclRollouts(): Rollout[] {
  const r = rng(13);
  return Array.from({ length: N }, () => {
    const x = r() < 0.5 ? 4 : 5;
    const completion = `<tool_call>\n${JSON.stringify({ name: "math.hypot", arguments: { x, y: 5 } })}\n</tool_call>`;
    return { completion, reference: [{ "math.hypot": { x: [4], y: [5], z: ["", 0] } }] };
  });
}

function partialRollouts(): Rollout[] {
  const r = rng(17);
  return Array.from({ length: N }, () => ({
    completion: `<answer>{"a": ${r() < 0.5 ? 1 : 2}, "b": "x", "c": "${sentence(r, 2)}"}</answer>`,
    reference: { a: 1, b: "x", c: "the cat" },
  }));
}

/** Runs `f` over the inputs for at least `ms` and returns calls per second. */
function rate(inputs: readonly Rollout[], f: (r: Rollout) => unknown, ms = 400): number {
  for (let i = 0; i < inputs.length; i++) f(inputs[i]!); // warm-up
  let calls = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let i = 0; i < inputs.length; i++) f(inputs[i]!);
    calls += inputs.length;
    t = performance.now();
  }
  return (calls * 1000) / (t - t0);
}

let sink = 0;
function baseline(inputs: readonly Rollout[]): number {
  return rate(inputs, (r) => {
    if (completionText(r) === r.reference) sink++;
  });
}

function scorer(node: Record<string, unknown>): (r: Rollout) => RewardResult {
  const reward: Reward = compileNode(node, { registry: defaultRegistry });
  return (r) => reward.score(r, {}) as RewardResult;
}

const cases: [string, Record<string, unknown>, Rollout[]][] = [
  ["text.check eq", { kind: "text.check", operation: "eq" }, textRollouts()],
  ["text.check ilike", { kind: "text.check", operation: "ilike" }, textRollouts()],
  ["similarity.fuzzy_match ratio", { kind: "similarity.fuzzy_match" }, textRollouts()],
  ["similarity.fuzzy_match WRatio", { kind: "similarity.fuzzy_match", scorer: "WRatio" }, textRollouts()],
  ["similarity.bleu", { kind: "similarity.bleu" }, textRollouts()],
  ["similarity.gleu", { kind: "similarity.gleu" }, textRollouts()],
  ["similarity.meteor", { kind: "similarity.meteor" }, textRollouts()],
  ["similarity.rouge rouge_1", { kind: "similarity.rouge", variant: "rouge_1" }, textRollouts()],
  ["similarity.rouge rouge_l", { kind: "similarity.rouge", variant: "rouge_l" }, textRollouts()],
  ["tools.toolrl", { kind: "tools.toolrl" }, toolRollouts()],
  ["tools.match (calls)", { kind: "tools.match" }, callRollouts()],
  ["tools.match (BFCL)", { kind: "tools.match" }, bfclRollouts()],
  ["credit.partial", { kind: "credit.partial" }, partialRollouts()],
];

const lines: string[] = [];
const base = baseline(textRollouts());
lines.push(`baseline (string equality loop): ${Math.round(base).toLocaleString("en-US")} checks/s`);
lines.push("| kind | checks/s | µs/check | ratio to baseline |");
lines.push("|---|---:|---:|---:|");
for (const [name, node, inputs] of cases) {
  const f = scorer(node);
  const b = baseline(inputs); // re-measured next to each kind: the machine is shared and noisy
  const v = rate(inputs, f);
  lines.push(
    `| ${name} | ${Math.round(v).toLocaleString("en-US")} | ${(1e6 / v).toFixed(2)} | ${(v / b).toFixed(4)} |`,
  );
}
console.log(lines.join("\n"));
if (sink < 0) console.log(sink);
