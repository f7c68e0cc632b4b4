/**
 * Checks per second of the time-span, date, memory, box/mask and embedding kinds (through the compiled reward),
 * and of their core functions, each printed with its ratio to a baseline measured in the same run: a trivial
 * loop that compares the completion text with a string field over the same rollouts.
 * Run: npx tsx bench/grounding.ts
 */
import { defaultRegistry } from "../src/builtins.ts";
import { completionText } from "../src/core/text.ts";
import type { Reward, RewardResult, Rollout } from "../src/core/types.ts";
import { compileNode } from "../src/spec/compile.ts";
import { parseSpans } from "../src/verifiers/temporal/timestamps.ts";
import { temporalIou } from "../src/verifiers/temporal/tiou.ts";
import { type Box, boxIou } from "../src/verifiers/vision/boxes.ts";
import { hungarian } from "../src/verifiers/vision/hungarian.ts";

const N = 1000;

/** Deterministic LCG so every run scores the same inputs. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}
const r = rng(42);
const num = (max: number) => Math.round(r() * max * 10) / 10;

function many(make: () => Rollout): Rollout[] {
  return Array.from({ length: N }, make);
}

const spanRollouts = many(() => {
  const s = num(100);
  return {
    completion: `The event happens in ${s} - ${s + num(30) + 0.1} seconds.`,
    reference: [num(100), 130],
  };
});
const clockRollouts = many(() => ({
  completion: `<answer>00:0${Math.floor(r() * 9)}:1${Math.floor(r() * 9)} - 00:09:59</answer>`,
  reference: [30, 400],
}));
const dateRollouts = many(() => ({
  completion: `<answer>July ${1 + Math.floor(r() * 28)}, ${1900 + Math.floor(r() * 120)}</answer>`,
  reference: "July 20, 1969",
}));
const frameRollouts = many(() => ({
  completion: "",
  meta: { selected_frames: Array.from({ length: 16 }, () => Math.floor(r() * 64)) },
  reference: { event_frames: Array.from({ length: 20 }, (_, i) => 20 + i) },
}));
const box = (): Box => {
  const x = num(500);
  const y = num(500);
  return [x, y, x + 10 + num(100), y + 10 + num(100)];
};
const boxRollouts = many(() => ({
  completion: `<answer>${JSON.stringify(box())}</answer>`,
  reference: box(),
}));
const matchRollouts = many(() => ({
  completion: `<answer>${JSON.stringify(Array.from({ length: 5 }, () => ({ bbox_2d: box(), label: "x" })))}</answer>`,
  reference: Array.from({ length: 5 }, box),
}));
const maskRollouts = many(() => {
  const mask = () => {
    const a = Math.floor(r() * 5000);
    const b = 100 + Math.floor(r() * 4000);
    return { size: [100, 100], counts: [a, b, 10_000 - a - b] };
  };
  return { completion: "", meta: { masks: [mask(), mask()] }, reference: [mask(), mask()] };
});
const memoryRecord = {
  answer: "(a)(b)",
  ability: "options",
  question: "Question: When did Alice attend the birthday party?",
  question_time_range: { start: "2022-07-01", end: "2022-07-31" },
  gold_selected_sessions: ["session_1"],
  all_sessions: [1, 2, 3].map((i) => ({
    session_id: `session_${i}`,
    session_time: `2022-0${6 + i}-10`,
    utterances: [
      {
        events: [{ event_summary: "Alice birthday party at home", event_time: ["2022-07-14", "2022-07-14"] }],
      },
    ],
  })),
};
const memoryRollouts = many(() => ({
  completion: JSON.stringify({
    selected_memory: [`session_${1 + Math.floor(r() * 3)}`],
    answer: r() < 0.5 ? "(a)(b)" : "(b)",
  }),
  reference: memoryRecord,
}));
const vec = (d: number) => Array.from({ length: d }, () => r() - 0.5);
const goal = vec(512);
const baselineVec = vec(512);
const goalRollouts = many(() => ({ completion: "", meta: { embedding: vec(512) } }));
const otRollouts = Array.from({ length: 50 }, () => ({
  completion: "",
  meta: { embeddings: Array.from({ length: 16 }, () => vec(64)) },
  reference: { embeddings: Array.from({ length: 16 }, () => vec(64)) },
}));

/** Runs `f` over the inputs for at least `ms` and returns calls per second. */
function rate<T>(inputs: readonly T[], f: (x: T) => unknown, ms = 400): number {
  for (const x of inputs) f(x); // warm-up
  let calls = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (const x of inputs) f(x);
    calls += inputs.length;
    t = performance.now();
  }
  return (calls * 1000) / (t - t0);
}

let sink = 0;
const baseline = (inputs: readonly Rollout[]) =>
  rate(inputs, (x) => {
    if (completionText(x) === (x.reference as unknown)) sink++;
  });

function scorer(node: Record<string, unknown>): (x: Rollout) => RewardResult {
  const reward: Reward = compileNode(node, { registry: defaultRegistry });
  return (x) => reward.score(x, {}) as RewardResult;
}

const kinds: [string, Record<string, unknown>, Rollout[]][] = [
  ["temporal.tiou (free text)", { kind: "temporal.tiou" }, spanRollouts],
  [
    "temporal.tiou (clock, tempsamp shaping)",
    { kind: "temporal.tiou", shaping: { type: "tempsamp" } },
    clockRollouts,
  ],
  ["temporal.frames", { kind: "temporal.frames" }, frameRollouts],
  ["temporal.date (log)", { kind: "temporal.date" }, dateRollouts],
  ["memory.t1 (options, 3 sessions)", { kind: "memory.t1" }, memoryRollouts],
  ["vision.box_iou", { kind: "vision.box_iou" }, boxRollouts],
  ["vision.match (5×5 boxes)", { kind: "vision.match" }, matchRollouts],
  ["vision.match (2×2 RLE masks)", { kind: "vision.match", target: "masks" }, maskRollouts],
  ["embedding.goal (d = 512)", { kind: "embedding.goal", goal, baseline: baselineVec }, goalRollouts],
  ["embedding.ot (16×16, d = 64)", { kind: "embedding.ot", epsilon: 0.1 }, otRollouts],
];

const spans = spanRollouts.map(
  (x) => [parseSpans(completionText(x)).spans[0] ?? [0, 1], x.reference] as const,
);
const boxes = boxRollouts.map((x) => [box(), x.reference as Box] as const);
const cost = Array.from({ length: 20 }, () => Array.from({ length: 20 }, () => r()));
const functions: [string, () => number][] = [
  [
    "temporalIou (one pair)",
    () => rate(spans, ([a, b]) => temporalIou(a as [number, number], b as [number, number])),
  ],
  ["parseSpans (one sentence)", () => rate(spanRollouts, (x) => parseSpans(completionText(x)))],
  ["boxIou (one pair)", () => rate(boxes, ([a, b]) => boxIou(a, b))],
  ["hungarian (20×20)", () => rate([cost], (c) => hungarian(c), 400)],
];

const lines: string[] = [];
lines.push(
  `baseline (string equality loop): ${Math.round(baseline(spanRollouts)).toLocaleString("en-US")} checks/s`,
);
lines.push("| kind / function | checks/s | ratio to baseline |");
lines.push("|---|---:|---:|");
for (const [name, node, inputs] of kinds) {
  const f = scorer(node);
  const b = baseline(spanRollouts); // re-measured next to each kind: the machine is shared and noisy
  const v = rate(inputs, f);
  lines.push(`| ${name} | ${Math.round(v).toLocaleString("en-US")} | ${(v / b).toFixed(4)} |`);
}
for (const [name, f] of functions) {
  const b = baseline(spanRollouts);
  const v = f();
  lines.push(`| ${name} | ${Math.round(v).toLocaleString("en-US")} | ${(v / b).toFixed(4)} |`);
}
console.log(lines.join("\n"));
if (sink < 0) console.log(sink);
