import type { LtlfAutomaton } from "./automaton.ts";
import type { RewardMachine } from "./reward-machine.ts";

/**
 * Φ(q) = −d(q), the negated distance to acceptance of an automaton state (closer is higher, so progress is
 * rewarded); a trap (no accepting continuation) gets −(largest finite distance + 1). Sign convention: Φ
 * grows toward acceptance. (Distance potentials: Camacho et al. 2017; Kwon et al., arXiv 2412.10917)
 * @example distancePotential(dfa)(dfa.run([["search"]])) // −2 for F(search & X F(read & X F answer))
 */
export function distancePotential(dfa: LtlfAutomaton): (state: number) => number {
  let worst = 0;
  if (dfa.exact) {
    const n = dfa.allStates();
    for (let s = 0; s < n; s++) {
      const d = dfa.distance(s);
      if (Number.isFinite(d)) worst = Math.max(worst, d);
    }
  } else worst = 1;
  return (s) => {
    const d = dfa.distance(s);
    return Number.isFinite(d) ? -d : -(worst + 1);
  };
}

/**
 * Φ(u) = sign·V(u) from value iteration on a reward machine (V(terminal) = 0). `sign: 1` (the default here)
 * makes optimal edges pay exactly their reward minus nothing extra and self-loops cost (1−γ)V; `sign: −1` is
 * the reference implementation's Φ = −V. Both preserve optimal policies (Ng et al., ICML 1999); rewardkit
 * names the choice instead of hiding it. (Toro Icarte et al., JAIR 2022, arXiv 2010.03950, §automated shaping)
 * @example valuePotential(rm, 0.9, 1)(rm.initial)
 */
export function valuePotential(rm: RewardMachine, gamma: number, sign: 1 | -1 = 1): (u: number) => number {
  const V = rm.values(gamma);
  return (u) => sign * (V.get(u) ?? 0);
}
