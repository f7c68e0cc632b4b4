import { RewardkitError } from "../core/errors.ts";
import { beamSearch } from "./beam.ts";
import { bestOfN } from "./best-of-n.ts";
import type { Generator } from "./generator.ts";
import { hierarchicalSearch, type SearchLevel } from "./hierarchical.ts";
import type { Objective, SearchResult } from "./objective.ts";
import { softTreeSearch } from "./soft-tree.ts";

/** The search methods `rewardkit search` offers. */
export const SEARCH_METHODS = ["best-of-n", "beam", "tree", "hierarchical"] as const;
export type SearchMethod = (typeof SEARCH_METHODS)[number];

/** Every method's knobs in one place (the CLI's flags). */
export interface SearchConfig {
  method: SearchMethod;
  n: number;
  width: number;
  expand: number;
  steps: number;
  delimiter: string;
  iterations: number;
  maxChildren: number;
  lambda: number;
  mode: "search" | "sample";
  levels: SearchLevel[];
  seed: number;
}

/**
 * Parses hierarchical levels written `n:keep,n:keep` (coarse first), e.g. `8:2,4:1`.
 * @example parseLevels("8:2,4:1") // [{ n: 8, keep: 2 }, { n: 4, keep: 1 }]
 */
export function parseLevels(text: string): SearchLevel[] {
  const out = text.split(",").map((part) => {
    const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(part);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1)
      throw new RewardkitError("E_FLAG_INVALID", [
        { path: "--levels", message: `expected n:keep pairs like 8:2,4:1, got "${text}"` },
      ]);
    return { n: Number(m[1]), keep: Number(m[2]) };
  });
  return out;
}

/**
 * Runs one configured search for one prompt. `processReward` guides beam search (default: the objective on
 * the partial text).
 * @example await runSearchMethod(gen, "Q:", objective, undefined, { method: "best-of-n", n: 16, ... })
 */
export function runSearchMethod(
  gen: Generator,
  prompt: string,
  objective: Objective,
  processReward: Objective | undefined,
  c: SearchConfig,
): Promise<SearchResult> {
  switch (c.method) {
    case "best-of-n":
      return bestOfN(gen, prompt, objective, { n: c.n, seed: c.seed });
    case "beam":
      return beamSearch(gen, prompt, processReward ?? objective, {
        width: c.width,
        expand: c.expand,
        maxSteps: c.steps,
        delimiter: c.delimiter,
        outcome: objective,
        seed: c.seed,
      });
    case "tree":
      return softTreeSearch(gen, prompt, objective, {
        iterations: c.iterations,
        maxChildren: c.maxChildren,
        maxDepth: c.steps,
        lambda: c.lambda,
        mode: c.mode,
        delimiter: c.delimiter,
        seed: c.seed,
      }).then(({ tree: _tree, ...r }) => r);
    case "hierarchical":
      return hierarchicalSearch(gen, prompt, objective, c.levels, { seed: c.seed });
  }
}
