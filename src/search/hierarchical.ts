import type { Generator } from "./generator.ts";
import { type Candidate, type Objective, rank, type SearchResult } from "./objective.ts";

/** One level of a coarse-to-fine search: the instruction appended to a candidate, samples per candidate, survivors. */
export interface SearchLevel {
  instruction?: string;
  n: number;
  keep: number;
}

/**
 * Hierarchical coarse-to-fine search: level 0 samples coarse candidates and keeps the best `keep`; each later
 * level samples `n` refinements of every survivor (the survivor's text, then the level's instruction, is the
 * prompt; the refinement is appended) and keeps the best `keep` across them. Budget: Σ_l n_l·keep_{l−1}
 * samples and evaluations. (MOOSE-Chem2: "Exploring LLM Limits in Fine-Grained Scientific Hypothesis Discovery via Hierarchical Search")
 * @example await hierarchicalSearch(gen, prompt, reward, [{ n: 8, keep: 2 }, { n: 4, keep: 1 }])
 */
export async function hierarchicalSearch(
  gen: Generator,
  prompt: string,
  objective: Objective,
  levels: readonly SearchLevel[],
  o: { seed?: number } = {},
): Promise<SearchResult> {
  if (!levels.length) throw new RangeError("hierarchical search needs at least one level");
  let seed = o.seed ?? 0;
  let survivors: Candidate[] = [{ text: "", score: null }];
  let samples = 0;
  let evaluations = 0;
  let pool: Candidate[] = [];
  for (const level of levels) {
    pool = [];
    for (const s of survivors) {
      const conts = await gen.generate(prompt + s.text + (level.instruction ?? ""), {
        n: level.n,
        seed: seed++,
      });
      samples += conts.length;
      for (const c of conts) {
        const text = s.text + c;
        if (pool.some((p) => p.text === text)) continue;
        evaluations++;
        pool.push({ text, score: await objective(text) });
      }
    }
    pool = rank(pool);
    survivors = pool.slice(0, level.keep);
  }
  return { best: survivors[0]!, candidates: survivors, samples, evaluations };
}
