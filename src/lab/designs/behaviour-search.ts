import { LabRandom } from "../random.ts";

/** One evaluated candidate: its behaviour descriptor (cell of the archive) and its quality. */
export interface Evaluated<G> {
  genome: G;
  descriptor: number[];
  quality: number;
}

/** Options of `mapElites`. */
export interface MapElitesOptions<G> {
  /** Number of evaluations (default 2000). */
  budget?: number;
  /** Random genomes before mutation starts (default 100). */
  initial?: number;
  random: (rand: LabRandom) => G;
  mutate: (g: G, rand: LabRandom) => G;
  /** Runs a genome: its descriptor (already binned to integers) and quality. */
  evaluate: (g: G) => { descriptor: number[]; quality: number };
  seed?: number;
}

/**
 * Systematic search for behaviours as a quality-diversity archive (MAP-Elites): each cell of a binned
 * behaviour space keeps its best genome; new genomes are mutations of random elites. Returns the archive, its
 * coverage (cells filled) after each evaluation and its QD score (sum of qualities). With `mutate` replaced by
 * `random`, it is plain random search, the baseline. ("Life finds a way", systematic behaviour search;
 * MAP-Elites: Mouret & Clune, arXiv 1504.04909)
 * @example const { archive } = mapElites({ random, mutate, evaluate, budget: 500 });
 */
export function mapElites<G>(o: MapElitesOptions<G>): {
  archive: Map<string, Evaluated<G>>;
  coverage: number[];
  qdScore: number;
} {
  const rand = new LabRandom(o.seed ?? 0);
  const archive = new Map<string, Evaluated<G>>();
  const coverage: number[] = [];
  const budget = o.budget ?? 2000;
  const initial = o.initial ?? 100;
  for (let i = 0; i < budget; i++) {
    let genome: G;
    if (i < initial || archive.size === 0) genome = o.random(rand);
    else {
      const elites = [...archive.values()];
      genome = o.mutate(elites[rand.int(elites.length)]!.genome, rand);
    }
    const { descriptor, quality } = o.evaluate(genome);
    const key = descriptor.join(",");
    const old = archive.get(key);
    if (!old || quality > old.quality) archive.set(key, { genome, descriptor, quality });
    coverage.push(archive.size);
  }
  let qdScore = 0;
  for (const e of archive.values()) qdScore += e.quality;
  return { archive, coverage, qdScore };
}
