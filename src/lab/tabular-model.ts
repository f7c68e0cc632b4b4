import type { GridLayout } from "./envs/gridworld.ts";

/**
 * A deterministic tabular MDP: states 0..S−1, actions 0..A−1, `next[s·A + a]` the successor, `terminal[s]`,
 * and `reward[s·A + a]` the environment's reward. Value iteration and IRL work on it.
 */
export interface TabularModel {
  states: number;
  actions: number;
  next: Int32Array;
  reward: Float64Array;
  terminal: Uint8Array;
  start: number;
}

/**
 * The deterministic model of a gridworld without key or door (state = cell index, goal terminal, reward 1 on
 * entering the goal), for planning and IRL.
 * @example gridModel(parseGrid(FOUR_ROOMS)).states // 169
 */
export function gridModel(g: GridLayout, goalReward = 1): TabularModel {
  const S = g.width * g.height;
  const A = 4;
  const next = new Int32Array(S * A);
  const reward = new Float64Array(S * A);
  const terminal = new Uint8Array(S);
  terminal[g.goal] = 1;
  const dx = [0, 1, 0, -1];
  const dy = [-1, 0, 1, 0];
  for (let s = 0; s < S; s++) {
    for (let a = 0; a < A; a++) {
      const x = (s % g.width) + dx[a]!;
      const y = Math.floor(s / g.width) + dy[a]!;
      const n = y * g.width + x;
      const ok = x >= 0 && y >= 0 && x < g.width && y < g.height && !g.walls[n];
      next[s * A + a] = ok ? n : s;
      reward[s * A + a] = ok && n === g.goal ? goalReward : 0;
    }
  }
  return { states: S, actions: A, next, reward, terminal, start: g.start };
}

/**
 * Value iteration Q(s,a) = r(s,a) + γ·max_a′ Q(s′,a′) (0 after a terminal state) on a tabular model, with an
 * optional per-transition reward override (`shaped(s, a, s′)`), to the given tolerance.
 * (Bellman 1957; Sutton & Barto 2018, §4.4)
 * @example const q = valueIteration(gridModel(layout), 0.99);
 */
export function valueIteration(
  m: TabularModel,
  gamma: number,
  shaped?: (s: number, a: number, s2: number) => number,
  tol = 1e-10,
): Float64Array {
  const { states: S, actions: A } = m;
  const q = new Float64Array(S * A);
  const v = new Float64Array(S);
  for (let iter = 0; iter < 100_000; iter++) {
    let delta = 0;
    for (let s = 0; s < S; s++) {
      if (m.terminal[s]) continue;
      let best = Number.NEGATIVE_INFINITY;
      for (let a = 0; a < A; a++) {
        const s2 = m.next[s * A + a]!;
        const r = shaped ? shaped(s, a, s2) : m.reward[s * A + a]!;
        const val = r + (m.terminal[s2] ? 0 : gamma * v[s2]!);
        q[s * A + a] = val;
        if (val > best) best = val;
      }
      delta = Math.max(delta, Math.abs(best - v[s]!));
      v[s] = best;
    }
    if (delta < tol) break;
  }
  return q;
}

/**
 * The greedy policy of Q as, per state, the set of optimal actions (ties within `tol` kept), so two policies
 * can be compared as "the same optimal behaviour".
 */
export function optimalActions(q: Float64Array, m: TabularModel, tol = 1e-9): number[][] {
  const out: number[][] = [];
  for (let s = 0; s < m.states; s++) {
    let best = Number.NEGATIVE_INFINITY;
    for (let a = 0; a < m.actions; a++) best = Math.max(best, q[s * m.actions + a]!);
    const acts: number[] = [];
    for (let a = 0; a < m.actions; a++) if (q[s * m.actions + a]! >= best - tol) acts.push(a);
    out.push(acts);
  }
  return out;
}

/** The states reachable from the start (the ones whose policy matters). */
export function reachableStates(m: TabularModel): number[] {
  const seen = new Uint8Array(m.states);
  const stack = [m.start];
  seen[m.start] = 1;
  const out: number[] = [];
  while (stack.length) {
    const s = stack.pop()!;
    out.push(s);
    if (m.terminal[s]) continue;
    for (let a = 0; a < m.actions; a++) {
      const n = m.next[s * m.actions + a]!;
      if (!seen[n]) {
        seen[n] = 1;
        stack.push(n);
      }
    }
  }
  return out.sort((a, b) => a - b);
}

/**
 * The greedy trajectory of the finite-horizon optimal policy for a per-state reward r(s′) received on entering
 * s′ (terminal states end the episode), planned by backward induction over `horizon` steps — the semantics of
 * a maximum-entropy IRL reward, which is fitted for a horizon. Returns the visited states from the start.
 * @example finiteHorizonPath(model, irlReward, 12) // [start, ..., goal]
 */
export function finiteHorizonPath(
  m: TabularModel,
  stateReward: ArrayLike<number>,
  horizon: number,
): number[] {
  return finiteHorizonPlan(m, stateReward, horizon).path;
}

/**
 * Backward induction for a per-state reward r(s′) over `horizon` steps: the values V_0(s) of the first step
 * and the greedy trajectory from the start. V_0 turns a learned reward into a shaping potential that rises
 * toward where the reward leads, without the local maxima of the raw reward.
 * @example finiteHorizonPlan(model, reward, 20).value[start]
 */
export function finiteHorizonPlan(
  m: TabularModel,
  stateReward: ArrayLike<number>,
  horizon: number,
): { value: Float64Array; path: number[] } {
  const { states: S, actions: A } = m;
  const policy: Int32Array[] = [];
  let v = new Float64Array(S);
  for (let t = horizon - 1; t >= 0; t--) {
    const nv = new Float64Array(S);
    const pol = new Int32Array(S);
    for (let s = 0; s < S; s++) {
      if (m.terminal[s]) continue;
      let best = Number.NEGATIVE_INFINITY;
      for (let a = 0; a < A; a++) {
        const s2 = m.next[s * A + a]!;
        const val = stateReward[s2]! + (m.terminal[s2] ? 0 : v[s2]!);
        if (val > best) [best, pol[s]] = [val, a];
      }
      nv[s] = best;
    }
    policy[t] = pol;
    v = nv;
  }
  const path = [m.start];
  let s = m.start;
  for (let t = 0; t < horizon && !m.terminal[s]; t++) {
    s = m.next[s * A + policy[t]![s]!]!;
    path.push(s);
  }
  return { value: v, path };
}
