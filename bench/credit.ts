// Credit-assignment benchmarks, each printed as a ratio to a summing pass over the same data in the same run.
// Run: npx tsx bench/credit.ts
import { gae } from "../src/credit/gae.ts";
import { fixedGroups } from "../src/credit/groups.ts";
import { grpo } from "../src/credit/grpo.ts";
import { rloo } from "../src/credit/rloo.ts";
import { seededRandom } from "../src/credit/rng.ts";

const ms = (f: () => unknown) => {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Runs the baseline and the candidate alternately (so both see the same load on a shared machine) and returns
 * the median of the baseline's times, of the candidate's, and of the per-round ratios.
 */
function compare(baseline: () => unknown, f: () => unknown, rounds = 25, warm = 3) {
  for (let i = 0; i < warm; i++) {
    baseline();
    f();
  }
  const b: number[] = [];
  const c: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const tb = ms(baseline);
    const tc = ms(f);
    b.push(tb);
    c.push(tc);
    r.push(tc / tb);
  }
  return { base: median(b), t: median(c), ratio: median(r), best: Math.min(...c) / Math.min(...b) };
}

let sink = 0;
function sumPass(xs: Float64Array): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}

const rand = seededRandom(1);

// GRPO: 1,000,000 rollouts in groups of 16 (half binary, half continuous rewards); a second copy has 1% nulls.
const N = 1_000_000;
const scores = new Float64Array(N);
for (let i = 0; i < N; i++) scores[i] = rand() < 0.5 ? Math.round(rand()) : rand();
const withNulls = scores.map((x) => (rand() < 0.01 ? Number.NaN : x));
const groups = fixedGroups(N, 16);
const out = new Float64Array(N);
const sum1 = () => (sink += sumPass(scores));
const line = (name: string, x: { base: number; t: number; ratio: number; best: number }, extra = "") =>
  console.log(
    `${name}: ${x.t.toFixed(2)} ms vs ${x.base.toFixed(2)} ms baseline = ${x.ratio.toFixed(2)}x median, ${x.best.toFixed(2)}x best${extra}`,
  );
console.log("baseline: one summing pass over the same Float64Array");
line(
  "GRPO 1,000,000 rollouts, groups of 16, reused output",
  compare(sum1, () => (sink += grpo(scores, groups, { out })[0]!)),
  " (target <= 5x)",
);
line(
  "GRPO 1,000,000 rollouts, groups of 16, fresh output",
  compare(sum1, () => (sink += grpo(scores, groups)[0]!)),
);
line(
  "GRPO 1,000,000 rollouts with 1% nulls, reused output",
  compare(sum1, () => (sink += grpo(withNulls, groups, { out })[0]!)),
);
line(
  "RLOO 1,000,000 rollouts, groups of 16, fresh output",
  compare(sum1, () => (sink += rloo(scores, groups)[0]!)),
);

// GAE: 10,000 sequences x 4,096 steps, in 10 chunks of 1,000 sequences (41M steps would need ~2 GB at once).
const T = 4096;
const CHUNK = 1000;
const CHUNKS = 10;
const rewards = new Float64Array(CHUNK * T);
const values = new Float64Array(CHUNK * T);
for (let i = 0; i < rewards.length; i++) {
  rewards[i] = rand() < 0.01 ? 1 : 0;
  values[i] = rand();
}
const seqs = Array.from({ length: CHUNK }, (_, j) => ({
  rewards: rewards.subarray(j * T, (j + 1) * T),
  values: values.subarray(j * T, (j + 1) * T),
}));
const sumAll = () => {
  for (let c = 0; c < CHUNKS; c++) sink += sumPass(rewards);
};
console.log("baseline: one summing pass over the 10,000 x 4,096 rewards");
line(
  "GAE 10,000 x 4,096 steps (gamma 0.99, lambda 0.95), no whitening",
  compare(
    sumAll,
    () => {
      for (let c = 0; c < CHUNKS; c++)
        sink += gae(seqs, { gamma: 0.99, lambda: 0.95, whiten: false }).advantages[0]![0]!;
    },
    5,
    1,
  ),
);
line(
  "GAE 10,000 x 4,096 steps, whitened over each 1,000-sequence batch",
  compare(
    sumAll,
    () => {
      for (let c = 0; c < CHUNKS; c++) sink += gae(seqs, { gamma: 0.99, lambda: 0.95 }).advantages[0]![0]!;
    },
    5,
    1,
  ),
);
if (sink === 42) console.log("");
