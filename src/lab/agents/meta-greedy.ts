import { argmaxTieRandom, LabRandom } from "../random.ts";
import type { Agent, Transition } from "./agent.ts";

/** Options of the greedy meta-learner. */
export interface MetaGreedyOptions {
  actions: number;
  /** Prior strength (pseudo-pulls) of the learned prior (default 2). */
  priorStrength?: number;
}

/**
 * A purely greedy agent that learns across a task distribution: within an episode it remembers each arm's
 * pulls and successes (memory) and always pulls the arm with the highest posterior mean under a Beta prior
 * whose mean is learned across past tasks (recurring structure). It never explores on purpose, yet tries new
 * arms whenever the learned prior makes an unpulled arm look better than a disappointing one — the emergent
 * exploration of "Exploitation is all you need" (arXiv 2508.01287), in its simplest Bayesian form.
 * @example const agent = metaGreedy({ actions: 5 }, 1); // play many bandit tasks, one per episode
 */
export function metaGreedy(o: MetaGreedyOptions, seed: number): Agent & { priorMean(): number } {
  const rand = new LabRandom(seed);
  const k = o.actions;
  const strength = o.priorStrength ?? 2;
  let pulls = new Float64Array(k);
  let wins = new Float64Array(k);
  // Across tasks: the mean success of an arm's first pull (an unbiased estimate of an unknown arm's value).
  let firstPulls = 0;
  let firstWins = 0;
  const priorMean = () => (firstPulls ? (firstWins + 0.5) / (firstPulls + 1) : 0.5);
  return {
    id: "meta_greedy",
    priorMean,
    act() {
      const m = priorMean();
      const post = new Float64Array(k);
      for (let a = 0; a < k; a++) post[a] = (wins[a]! + strength * m) / (pulls[a]! + strength);
      return argmaxTieRandom(post, rand);
    },
    observe(t: Transition) {
      if (pulls[t.action] === 0) {
        firstPulls++;
        firstWins += t.reward > 0 ? 1 : 0;
      }
      pulls[t.action]!++;
      wins[t.action]! += t.reward > 0 ? 1 : 0;
    },
    endEpisode() {
      pulls = new Float64Array(k);
      wins = new Float64Array(k);
    },
  };
}
