// Synthetic preference data with a known ground-truth utility, for tests and benchmarks.
import type { PreferencePair } from "../../src/models/preference-data.ts";
import { Rng } from "../../src/models/rng.ts";

export interface World {
  vocab: string[];
  /** True utility of each word, one table per population. */
  utility: Float64Array[];
  wordsPerResponse: number;
}

export function makeWorld(seed: number, vocabSize = 200, populations = 1, wordsPerResponse = 8): World {
  const rng = new Rng(seed);
  const vocab = Array.from({ length: vocabSize }, (_, i) => `tok${i}`);
  const utility: Float64Array[] = [];
  for (let p = 0; p < populations; p++) {
    utility.push(Float64Array.from({ length: vocabSize }, () => rng.normal()));
  }
  return { vocab, utility, wordsPerResponse };
}

/** A response as a bag of distinct words, and its true utility per population (scaled by `scale`). */
export function sampleResponse(w: World, rng: Rng, scale: number): { text: string; u: number[] } {
  const picked = new Set<number>();
  while (picked.size < w.wordsPerResponse) picked.add(rng.int(w.vocab.length));
  const ids = [...picked];
  const u = w.utility.map((tab) => (scale * ids.reduce((s, i) => s + tab[i]!, 0)) / Math.sqrt(ids.length));
  return { text: ids.map((i) => w.vocab[i]).join(" "), u };
}

const sig = (x: number) => 1 / (1 + Math.exp(-x));

export interface GenOptions {
  n: number;
  seed: number;
  scale?: number;
  /** Rao-Kupper θ of the generating process (1 = no ties). */
  theta?: number;
  /** Probability a label is flipped after the BT draw. */
  flip?: number;
  /** Users per population (pairs get a "user" field "p<pop>u<i>"). */
  usersPerPopulation?: number;
}

/**
 * Pairs whose label is drawn from the true model: P(a≻b) = σ(Δ) (θ = 1), or Rao-Kupper with θ.
 * Each pair also returns the Bayes-optimal probability of being right on its label.
 */
export function generatePairs(
  w: World,
  o: GenOptions,
): { pairs: PreferencePair[]; bayes: number[]; truth: number[] } {
  const rng = new Rng(o.seed);
  const scale = o.scale ?? 2;
  const nu = Math.log(o.theta ?? 1);
  const flip = o.flip ?? 0;
  const pairs: PreferencePair[] = [];
  const bayes: number[] = [];
  const truth: number[] = [];
  for (let i = 0; i < o.n; i++) {
    const pop = rng.int(w.utility.length);
    const a = sampleResponse(w, rng, scale);
    const b = sampleResponse(w, rng, scale);
    const d = a.u[pop]! - b.u[pop]!;
    const pa = sig(d - nu);
    const pb = sig(-d - nu);
    const x = rng.next();
    let tie = false;
    let aWins: boolean;
    if (x < pa) aWins = true;
    else if (x < pa + pb) aWins = false;
    else {
      tie = true;
      aWins = true;
    }
    if (!tie && rng.next() < flip) aWins = !aWins;
    const pair: PreferencePair = {
      prompt: "",
      chosen: [aWins ? a.text : b.text],
      rejected: [aWins ? b.text : a.text],
      tie,
      line: i + 1,
    };
    if (o.usersPerPopulation) pair.user = `p${pop}u${rng.int(o.usersPerPopulation)}`;
    pairs.push(pair);
    // Probability that the label agrees with the sign of the true gap (what the best scorer achieves).
    const pRight = Math.max(pa, pb) / (pa + pb);
    bayes.push(flip ? (1 - flip) * pRight + flip * (1 - pRight) : pRight);
    truth.push(aWins ? d : -d);
  }
  return { pairs, bayes, truth };
}
