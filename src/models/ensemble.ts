import type { FeatureInput } from "./features.ts";
import type { RewardModel } from "./model.ts";

/** How an ensemble combines its members' scores. */
export type EnsembleCombine = "mean" | "min" | "median";

/**
 * Combines several reward models: each member's score is z-normalised by its own training score statistics
 * (so models on different scales weigh equally), then combined by mean (default), min (pessimistic) or median.
 * BaseReward (arXiv 2509.16127) reports that ensembling reward models helps; its exact rule is unconfirmed,
 * so the combination is a parameter.
 * @example new RewardEnsemble([m1, m2]).score({ text: "answer" }).score
 */
export class RewardEnsemble {
  constructor(
    readonly members: RewardModel[],
    readonly combine: EnsembleCombine = "mean",
    readonly normalize = true,
  ) {
    if (!members.length) throw new Error("an ensemble needs at least one model");
  }

  /** The combined score and each member's (normalised) score as a component. */
  score(
    input: FeatureInput & { embeddings?: Record<string, ArrayLike<number>> },
    opts: { user?: string; head?: string } = {},
  ): { score: number; components: Record<string, number> } {
    const xs: number[] = [];
    const components: Record<string, number> = {};
    this.members.forEach((m, i) => {
      const field = m.features.embedding?.field;
      const embedding = field ? (input.embeddings?.[field] ?? input.embedding) : undefined;
      let s = m.scoreText(
        {
          text: input.text,
          ...(input.prompt !== undefined ? { prompt: input.prompt } : {}),
          ...(embedding ? { embedding } : {}),
        },
        opts,
      ).score;
      if (this.normalize && m.scoreStats) s = (s - m.scoreStats.mean) / (m.scoreStats.std || 1);
      xs.push(s);
      components[`model_${i}`] = s;
    });
    return { score: combineScores(xs, this.combine), components };
  }
}

/**
 * Mean, minimum or median of a non-empty list.
 * @example combineScores([1, 5, 2], "median") // 2
 */
export function combineScores(xs: number[], how: EnsembleCombine): number {
  if (how === "min") return Math.min(...xs);
  if (how === "median") {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  }
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
