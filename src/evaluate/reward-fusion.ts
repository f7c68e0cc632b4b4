import { cosine, type SparseVec } from "../models/sparse.ts";

/** A retrieval-corpus entry: its representation and its reward. */
export interface FusionEntry {
  vec: SparseVec;
  score: number;
}

/** Retrieval settings of RewardFusion. */
export interface FusionOptions {
  /** Neighbours retrieved (reference: top-5). */
  k?: number;
  /** Minimum similarity of a neighbour (reference: 0.9). */
  threshold?: number;
}

/**
 * RewardFusion (Trickle-down, arXiv 2309.16155, code/reward_fusion.py; formula sheet §4d): retrieve the top-k
 * corpus neighbours of the query with similarity ≥ threshold, add the query itself with sim = 1, and return
 * R_fused = Σ_i (sim_i/Σ_j sim_j)·R(x_i). The reference embeds with SimCSE; here similarity is the cosine of
 * whatever vectors are given (hashed features or supplied embeddings). Brute force: O(corpus) per query.
 * @example rewardFusion(q, 1.0, corpus, { k: 5, threshold: 0.9 })
 */
export function rewardFusion(
  query: SparseVec,
  queryScore: number,
  corpus: FusionEntry[],
  o: FusionOptions = {},
): number {
  const k = o.k ?? 5;
  const th = o.threshold ?? 0.9;
  const hits: { sim: number; score: number; i: number }[] = [];
  corpus.forEach((e, i) => {
    const sim = cosine(query, e.vec);
    if (sim >= th) hits.push({ sim, score: e.score, i });
  });
  hits.sort((a, b) => b.sim - a.sim || a.i - b.i);
  let num = queryScore;
  let den = 1;
  for (const h of hits.slice(0, k)) {
    num += h.sim * h.score;
    den += h.sim;
  }
  return num / den;
}
