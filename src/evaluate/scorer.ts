import { RewardEnsemble } from "../models/ensemble.ts";
import type { RewardModel } from "../models/model.ts";
import type { SparseVec } from "../models/sparse.ts";

/** What evaluation needs from a reward model: a score per response and a representation for retrieval/probes. */
export interface ResponseScorer {
  score(text: string, prompt: string, o?: { user?: string; embedding?: number[]; head?: string }): number;
  represent(text: string, prompt: string, embedding?: number[]): SparseVec;
  /** Dimension heads a multi-dimensional model can score separately. */
  heads?: string[];
  /** Users the model knows (PAL, VPL). */
  users?: string[];
}

/**
 * Adapts a trained model or an ensemble to the evaluator (features are the first member's for ensembles).
 * @example evaluatePreferences(data, scorerFor(model))
 */
export function scorerFor(m: RewardModel | RewardEnsemble): ResponseScorer {
  if (m instanceof RewardEnsemble) {
    const first = m.members[0]!;
    return {
      score: (text, prompt, o = {}) =>
        m.score(
          { text, prompt, ...(o.embedding ? { embedding: o.embedding } : {}) },
          o.user !== undefined ? { user: o.user } : {},
        ).score,
      represent: (text, prompt, embedding) =>
        first.featurize({ text, prompt, ...(embedding ? { embedding } : {}) }),
    };
  }
  const s: ResponseScorer = {
    score: (text, prompt, o = {}) =>
      m.scoreText(
        { text, prompt, ...(o.embedding ? { embedding: o.embedding } : {}) },
        {
          ...(o.user !== undefined ? { user: o.user } : {}),
          ...(o.head !== undefined ? { head: o.head } : {}),
        },
      ).score,
    represent: (text, prompt, embedding) =>
      m.featurize({ text, prompt, ...(embedding ? { embedding } : {}) }),
  };
  if (m.type === "multi") s.heads = m.headNames;
  if (m.users.size) s.users = [...m.users.keys()];
  return s;
}
