import type { Generator } from "./generator.ts";
import { type Candidate, type Objective, rank, type SearchResult } from "./objective.ts";

/**
 * Best-of-N: draw `n` full continuations, score each, keep the best. Budget: n samples, n evaluations.
 * (Nakano et al., WebGPT, arXiv 2112.09332; Stiennon et al., arXiv 2009.01325)
 * @example await bestOfN(gen, "Q: 2+2?\nA:", objective, { n: 16 })
 */
export async function bestOfN(
  gen: Generator,
  prompt: string,
  objective: Objective,
  o: { n: number; seed?: number; maxTokens?: number; temperature?: number },
): Promise<SearchResult> {
  const texts = await gen.generate(prompt, {
    n: o.n,
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.maxTokens !== undefined ? { maxTokens: o.maxTokens } : {}),
    ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
  });
  const scored: Candidate[] = [];
  for (const text of texts) scored.push({ text, score: await objective(text) });
  const candidates = rank(scored);
  return { best: candidates[0]!, candidates, samples: texts.length, evaluations: texts.length };
}
