import type { DesignStep, RewardDesign } from "./design.ts";

/** Which count bonus: global 1/√N(s), episodic 1/√N_e(s), their product, or the first-visit indicator. */
export type CountMode = "global" | "episodic" | "product" | "first_visit";

/**
 * Count-based exploration bonus added to the reward: b_global = 1/√N(s′) over all training, b_epi = 1/√N_e(s′)
 * reset each episode, the product b_epi·b_global, or the episodic first-visit indicator 1[N_e(s′) = 1];
 * r′ = r + β·b. (Global vs episodic bonuses: Henaff et al., arXiv 2306.03236, e3b utils.py and count.py)
 * @example countBonus("product", 0.1)
 */
export function countBonus(
  mode: CountMode,
  beta: number,
): RewardDesign & { globalCount(key: string): number } {
  const global = new Map<string, number>();
  let episodic = new Map<string, number>();
  return {
    id: `count_${mode}`,
    globalCount: (k) => global.get(k) ?? 0,
    beginEpisode() {
      episodic = new Map();
    },
    reward(s: DesignStep) {
      const k = s.next.state;
      const n = (global.get(k) ?? 0) + 1;
      const ne = (episodic.get(k) ?? 0) + 1;
      global.set(k, n);
      episodic.set(k, ne);
      const bg = 1 / Math.sqrt(n);
      const be = 1 / Math.sqrt(ne);
      const b =
        mode === "global" ? bg : mode === "episodic" ? be : mode === "product" ? bg * be : ne === 1 ? 1 : 0;
      return s.reward + beta * b;
    },
  };
}
