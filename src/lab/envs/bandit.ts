import { LabRandom } from "../random.ts";
import type { Env, StepResult } from "./env.ts";

/** Options of the Bernoulli bandit. */
export interface BanditOptions {
  /** Success probability of each arm; when absent, drawn per reset from a task distribution. */
  probs?: number[];
  /** Arms when `probs` is drawn (default 5). */
  arms?: number;
  /** Pulls per episode (default 20). */
  horizon?: number;
  /**
   * Task distribution when `probs` is drawn: one arm, chosen at random, pays `good` and the others `bad`
   * (default 0.9 / 0.1) — recurring structure a meta-learner can exploit.
   */
  good?: number;
  bad?: number;
}

/**
 * A K-armed Bernoulli bandit played for `horizon` pulls per episode; with no fixed `probs`, each reset draws a
 * new task (the best arm's position) from the seed, which makes a task distribution for meta-RL
 * ("Exploitation is all you need", arXiv 2508.01287, tests on bandits). The observation is the previous
 * reward (0 or 1), so a memoryless agent sees only the last outcome.
 * @example const env = banditEnv({ probs: [0, 1] }); env.reset(0); env.step(1).reward // 1
 */
export function banditEnv(o: BanditOptions = {}): Env<number, number> & { probs(): number[] } {
  const k = o.probs?.length ?? o.arms ?? 5;
  const horizon = o.horizon ?? 20;
  let probs = o.probs ?? new Array(k).fill(o.bad ?? 0.1);
  let rand = new LabRandom(1);
  let t = 0;
  let last = 0;
  return {
    id: `bandit-${k}`,
    observationSpace: { kind: "discrete", n: 2 },
    actionSpace: { kind: "discrete", n: k },
    maxSteps: horizon,
    probs: () => [...probs],
    reset(seed: number) {
      rand = new LabRandom(seed);
      if (!o.probs) {
        const best = rand.int(k);
        probs = Array.from({ length: k }, (_, i) => (i === best ? (o.good ?? 0.9) : (o.bad ?? 0.1)));
      }
      t = 0;
      last = 0;
      return { observation: 0, info: {} };
    },
    step(a: number): StepResult<number> {
      t++;
      const reward = rand.next() < probs[a]! ? 1 : 0;
      last = reward;
      const best = Math.max(...probs);
      return {
        observation: last,
        reward,
        terminated: false,
        truncated: t >= horizon,
        info: { success: probs[a] === best },
      };
    },
    stateKey: () => String(last),
  };
}
