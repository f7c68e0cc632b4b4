import { gae } from "../../credit/gae.ts";
import { argmaxTieRandom, LabRandom } from "../random.ts";
import type { Agent, Observation, Transition } from "./agent.ts";
import { Mlp, softmax } from "./mlp.ts";

/** Options of REINFORCE and PPO. */
export interface PolicyGradientOptions {
  actions: number;
  /** Input size (length of `Observation.vec`). */
  inputs: number;
  hidden?: number;
  lr?: number;
  gamma?: number;
  /** Entropy bonus coefficient (default 0.01). */
  entropy?: number;
}

interface Step {
  x: Float64Array;
  a: number;
  r: number;
  logp: number;
  v: number;
}

/** ∂(log π(a) + c·H(π)) / ∂logits for a softmax policy, scaled by `adv` on the log-prob part. */
function policyGrad(p: Float64Array, a: number, adv: number, entropy: number): Float64Array {
  const d = new Float64Array(p.length);
  let h = 0;
  for (let i = 0; i < p.length; i++) h -= p[i]! * Math.log(p[i]! + 1e-12);
  for (let i = 0; i < p.length; i++) {
    const dlogp = (i === a ? 1 : 0) - p[i]!;
    const dH = -p[i]! * (Math.log(p[i]! + 1e-12) + h);
    // Gradient descent on the negative objective.
    d[i] = -(adv * dlogp + entropy * dH);
  }
  return d;
}

/**
 * REINFORCE with a learned value baseline: θ += α Σ_t (G_t − V(s_t)) ∇ log π(a_t|s_t), updated at the end of
 * each episode, plus an entropy bonus. (Williams 1992; Sutton & Barto 2018, §13.4)
 * @example const agent = reinforce({ actions: 3, inputs: 2 }, 1);
 */
export function reinforce(o: PolicyGradientOptions, seed: number): Agent {
  const rand = new LabRandom(seed);
  const hidden = o.hidden ?? 32;
  const pi = new Mlp([o.inputs, hidden, o.actions], rand, 0.01);
  const vf = new Mlp([o.inputs, hidden, 1], rand);
  const lr = o.lr ?? 3e-3;
  const gamma = o.gamma ?? 0.99;
  const ent = o.entropy ?? 0.01;
  let traj: Step[] = [];
  return {
    id: "reinforce",
    act(obs: Observation) {
      return rand.categorical(softmax(pi.forward(obs.vec)));
    },
    greedy: (obs) => argmaxTieRandom(pi.forward(obs.vec), rand),
    observe(t: Transition) {
      traj.push({ x: t.obs.vec, a: t.action, r: t.reward, logp: 0, v: 0 });
    },
    endEpisode() {
      let g = 0;
      const n = traj.length;
      for (let i = n - 1; i >= 0; i--) {
        const s = traj[i]!;
        g = s.r + gamma * g;
        const v = vf.forward(s.x)[0]!;
        vf.backward(new Float64Array([(v - g) / n]));
        const p = softmax(pi.forward(s.x));
        pi.backward(policyGrad(p, s.a, (g - v) / n, ent / n));
      }
      if (n) {
        pi.step(lr);
        vf.step(lr);
      }
      traj = [];
    },
  };
}

/** Options of PPO beyond the shared ones. */
export interface PpoOptions extends PolicyGradientOptions {
  /** Steps collected per update (default 512). */
  horizon?: number;
  epochs?: number;
  clip?: number;
  lambda?: number;
  minibatch?: number;
}

/**
 * PPO with the clipped surrogate min(ρA, clip(ρ, 1−ε, 1+ε)A), GAE(γ, λ) advantages (rewardkit's `gae`,
 * whitened) and a value loss, updated every `horizon` steps for `epochs` passes over shuffled minibatches.
 * (Schulman et al., arXiv 1707.06347; GAE arXiv 1506.02438)
 * @example const agent = ppo({ actions: 3, inputs: 2, horizon: 256 }, 1);
 */
export function ppo(o: PpoOptions, seed: number): Agent {
  const rand = new LabRandom(seed);
  const hidden = o.hidden ?? 32;
  const pi = new Mlp([o.inputs, hidden, o.actions], rand, 0.01);
  const vf = new Mlp([o.inputs, hidden, 1], rand);
  const lr = o.lr ?? 3e-3;
  const gamma = o.gamma ?? 0.99;
  const lambda = o.lambda ?? 0.95;
  const eps = o.clip ?? 0.2;
  const ent = o.entropy ?? 0.01;
  const horizon = o.horizon ?? 512;
  const epochs = o.epochs ?? 4;
  const mb = o.minibatch ?? 64;
  let episodes: { steps: Step[]; bootstrap: number }[] = [];
  let current: Step[] = [];
  let count = 0;
  const closeEpisode = (bootstrap: number) => {
    if (current.length) episodes.push({ steps: current, bootstrap });
    current = [];
  };
  const update = () => {
    const seqs = episodes.map((e) => ({
      rewards: e.steps.map((s) => s.r),
      values: [...e.steps.map((s) => s.v), e.bootstrap],
    }));
    const { advantages, returns } = gae(seqs, { gamma, lambda, whiten: true });
    const flat: { s: Step; adv: number; ret: number }[] = [];
    episodes.forEach((e, k) => {
      e.steps.forEach((s, i) => {
        flat.push({ s, adv: advantages[k]![i]!, ret: returns[k]![i]! });
      });
    });
    for (let ep = 0; ep < epochs; ep++) {
      for (let i = flat.length - 1; i > 0; i--) {
        const j = rand.int(i + 1);
        [flat[i], flat[j]] = [flat[j]!, flat[i]!];
      }
      for (let start = 0; start < flat.length; start += mb) {
        const batch = flat.slice(start, start + mb);
        for (const { s, adv, ret } of batch) {
          const p = softmax(pi.forward(s.x));
          const ratio = Math.exp(Math.log(p[s.a]! + 1e-12) - s.logp);
          const clipped = (adv > 0 && ratio > 1 + eps) || (adv < 0 && ratio < 1 - eps);
          // ∂(ρA)/∂logits = ρA·∇log π; zero where the clipped branch is the minimum.
          pi.backward(policyGrad(p, s.a, clipped ? 0 : (ratio * adv) / batch.length, ent / batch.length));
          const v = vf.forward(s.x)[0]!;
          vf.backward(new Float64Array([(v - ret) / batch.length]));
        }
        pi.step(lr);
        vf.step(lr);
      }
    }
    episodes = [];
    count = 0;
  };
  return {
    id: "ppo",
    act(obs: Observation) {
      return rand.categorical(softmax(pi.forward(obs.vec)));
    },
    greedy: (obs) => argmaxTieRandom(pi.forward(obs.vec), rand),
    observe(t: Transition) {
      const p = softmax(pi.forward(t.obs.vec));
      const v = vf.forward(t.obs.vec)[0]!;
      current.push({ x: t.obs.vec, a: t.action, r: t.reward, logp: Math.log(p[t.action]! + 1e-12), v });
      count++;
      if (t.terminated) closeEpisode(0);
      else if (t.truncated) closeEpisode(vf.forward(t.next.vec)[0]!);
      if (count >= horizon && !current.length) update();
    },
    endEpisode() {
      if (current.length) closeEpisode(vf.forward(current[current.length - 1]!.x)[0]!);
      if (count >= horizon) update();
    },
  };
}
