import type { Reward, RewardContext, RewardResult, Rollout } from "../core/types.ts";

/** Scores a candidate text (a full answer, or a partial one for a process reward); null = unscorable. */
export type Objective = (text: string) => Promise<number | null>;

/**
 * An objective from a compiled reward: the candidate becomes the completion of `base` (prompt, reference…).
 * @example rewardObjective(compileNode({ kind: "text.exact" }, opts), { prompt: "2+2?", reference: "4", completion: "" })
 */
export function rewardObjective(
  reward: Reward,
  base: Omit<Rollout, "completion">,
  ctx: RewardContext = {},
): Objective {
  return async (text) => {
    const r: RewardResult = await reward.score({ ...base, completion: text }, ctx);
    return r.score;
  };
}

/** A scored candidate. */
export interface Candidate {
  text: string;
  score: number | null;
}

/** What every search returns: the best candidate, the ranked finalists, and the budget spent. */
export interface SearchResult {
  best: Candidate;
  candidates: Candidate[];
  /** Continuations drawn from the generator. */
  samples: number;
  /** Objective evaluations. */
  evaluations: number;
}

/** Orders candidates best first; unscorable ones last; ties keep their order (the search is deterministic). */
export function rank<T extends Candidate>(xs: T[]): T[] {
  const key = (c: Candidate) =>
    c.score === null || Number.isNaN(c.score) ? Number.NEGATIVE_INFINITY : c.score;
  return xs
    .map((c, i) => ({ c, i }))
    .sort((a, b) => key(b.c) - key(a.c) || a.i - b.i)
    .map((x) => x.c);
}
