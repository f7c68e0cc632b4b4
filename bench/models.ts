// BT training throughput on 100,000 pairs × 2^18 hashed features, as a ratio to one sparse dot-product pass
// over the same featurised data measured in the same run. Run: npx tsx bench/models.ts [pairs]
import { featureConfig, featureDim } from "../src/models/features.ts";
import { encodePairs, trainPreferenceModel } from "../src/models/train.ts";
import { dotDense } from "../src/models/sparse.ts";
import { generatePairs, makeWorld } from "../test/models/synthetic.ts";

const n = Number(process.argv[2] ?? 100_000);
// A 5,000-word vocabulary and 40-word responses with uni- and bigrams: ~80 features per response.
const world = makeWorld(1, 5000, 1, 40);
const { pairs } = generatePairs(world, { n, seed: 2 });
const features = { bits: 18, word_ngrams: [1, 2], stats: true };
const fc = featureConfig(features);
const D = featureDim(fc);

let t = performance.now();
const { encoded } = encodePairs(pairs, fc, new Map(), []);
const featurizeSec = (performance.now() - t) / 1000;
let nnz = 0;
for (const e of encoded) nnz += e.w.idx.length + e.l.idx.length;

// Baseline: one pass of score gaps (two sparse dot products per pair) against a dense 2^18 weight vector.
const w = new Float64Array(D);
for (let i = 0; i < D; i++) w[i] = ((i * 2654435761) % 1000) / 1000 - 0.5;
let sink = 0;
const baseline: number[] = [];
for (let r = 0; r < 5; r++) {
  t = performance.now();
  for (const e of encoded) sink += dotDense(e.w, w) - dotDense(e.l, w);
  baseline.push((performance.now() - t) / 1000);
}
baseline.sort((a, b) => a - b);
const baseSec = baseline[2]!;
const basePairsPerSec = n / baseSec;

const epochs = 3;
const { history } = trainPreferenceModel(pairs, {
  type: "bt",
  epochs,
  seed: 1,
  features,
  valFraction: 0,
  batchSize: 64,
});
const rates = history.map((h) => h.pairsPerSecond).sort((a, b) => a - b);
const trainRate = rates[Math.floor(rates.length / 2)]!;

console.log(`pairs ${n}, dimension ${D}, mean nonzeros per response ${(nnz / (2 * n)).toFixed(1)}`);
console.log(`featurise (both sides, cached texts): ${(n / featurizeSec).toFixed(0)} pairs/s`);
console.log(`baseline sparse dot-product pass: ${basePairsPerSec.toFixed(0)} pairs/s (median of 5)`);
console.log(`BT training (Adam, batch 64), median epoch of ${epochs}: ${trainRate.toFixed(0)} pairs/s`);
console.log(
  `ratio training / baseline pass: ${(trainRate / basePairsPerSec).toFixed(3)} (${(basePairsPerSec / trainRate).toFixed(1)}× the cost of scoring)`,
);
if (sink === 42) console.log("");
