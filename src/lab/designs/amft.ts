/** Options of the AMFT controller (defaults from TSYJ-He/AMFT@0e030f4 configs/training/amft_params.yaml). */
export interface AmftOptions {
  /** Initial imitation weight μ0 (default 0.8). */
  mu0?: number;
  /** Meta-gradient step η_meta (default 1e-4). */
  etaMeta?: number;
  /** Entropy-regulariser step η_H (default 5e-4). */
  etaH?: number;
  /** Policy learning rate used in g_meta (default 1). */
  lrPolicy?: number;
  /** Bounds of μ (default [0.05, 0.95]). */
  bounds?: [number, number];
}

/**
 * The AMFT controller that weights imitation against RL, L = (1 − μ)·L_RL + μ·L_SFT, with
 * g_meta = −lr_policy·⟨∇L_val, ∇L_SFT − ∇L_RL⟩ and μ ← clip(μ − η_meta·g_meta + η_H·(H_target − H), 0.05, 0.95).
 * After one step θ′ = θ − lr[(1 − μ)∇L_RL + μ∇L_SFT], ∂L_val(θ′)/∂μ is exactly g_meta, so μ descends it:
 * imitation that hurts validation lowers μ; low entropy (collapse) raises it. The reference writes
 * `μ + η_meta·g_meta`, which descends only when its L_val is a utility; we state the sign we use.
 * (AMFT, arXiv 2508.06944 — a withdrawn manuscript; TSYJ-He/AMFT adaptive_weight_controller.py; use with caution)
 * @example const c = new AmftController(); c.update(gVal, gSft, gRl, 1.2, 1.0) // new μ
 */
export class AmftController {
  mu: number;
  constructor(private readonly o: AmftOptions = {}) {
    this.mu = o.mu0 ?? 0.8;
  }
  /** The meta-gradient −lr·⟨∇L_val, ∇L_SFT − ∇L_RL⟩. */
  metaGradient(gVal: ArrayLike<number>, gSft: ArrayLike<number>, gRl: ArrayLike<number>): number {
    let dot = 0;
    for (let i = 0; i < gVal.length; i++) dot += gVal[i]! * (gSft[i]! - gRl[i]!);
    return -(this.o.lrPolicy ?? 1) * dot;
  }
  /** Applies one controller update and returns the new μ. */
  update(
    gVal: ArrayLike<number>,
    gSft: ArrayLike<number>,
    gRl: ArrayLike<number>,
    hTarget: number,
    hCurrent: number,
  ): number {
    const [lo, hi] = this.o.bounds ?? [0.05, 0.95];
    const g = this.metaGradient(gVal, gSft, gRl);
    this.mu = Math.min(
      hi,
      Math.max(lo, this.mu - (this.o.etaMeta ?? 1e-4) * g + (this.o.etaH ?? 5e-4) * (hTarget - hCurrent)),
    );
    return this.mu;
  }
}

/** The imitation-plus-RL task of `runAmftTask`. */
export interface ImitationTask {
  contexts: number;
  actions: number;
  /** reward[c][a] ∈ [0, 1]. */
  reward: number[][];
  /** The demonstrator's action per context (may be wrong for some). */
  demo: number[];
}

/**
 * Trains a tabular softmax policy (logits θ[c][a]) on an imitation-plus-RL task with exact gradients:
 * L_SFT = −mean_c log π(demo_c|c), L_RL = −mean_c Σ_a π(a|c) r(c,a), L_val = L_RL (the validation objective is
 * the task reward), and weight μ fixed (`mode: "fixed"`) or driven by `AmftController` every `every` steps,
 * H_target being the entropy after `warmup` SFT-only steps. Returns the reward curve and μ over time.
 * @example runAmftTask(task, { mode: "amft", steps: 400 })
 */
export function runAmftTask(
  task: ImitationTask,
  o: {
    mode: "amft" | "fixed";
    mu?: number;
    steps?: number;
    lr?: number;
    warmup?: number;
    every?: number;
    controller?: AmftOptions;
  },
): { reward: number[]; mu: number[] } {
  const { contexts: C, actions: A } = task;
  const theta = new Float64Array(C * A);
  const lr = o.lr ?? 0.5;
  const probs = () => {
    const p = new Float64Array(C * A);
    for (let c = 0; c < C; c++) {
      let m = Number.NEGATIVE_INFINITY;
      for (let a = 0; a < A; a++) m = Math.max(m, theta[c * A + a]!);
      let z = 0;
      for (let a = 0; a < A; a++) z += Math.exp(theta[c * A + a]! - m);
      for (let a = 0; a < A; a++) p[c * A + a] = Math.exp(theta[c * A + a]! - m) / z;
    }
    return p;
  };
  const grads = (p: Float64Array) => {
    const gSft = new Float64Array(C * A);
    const gRl = new Float64Array(C * A);
    for (let c = 0; c < C; c++) {
      let er = 0;
      for (let a = 0; a < A; a++) er += p[c * A + a]! * task.reward[c]![a]!;
      for (let a = 0; a < A; a++) {
        gSft[c * A + a] = (p[c * A + a]! - (a === task.demo[c] ? 1 : 0)) / C;
        gRl[c * A + a] = (-p[c * A + a]! * (task.reward[c]![a]! - er)) / C;
      }
    }
    return { gSft, gRl };
  };
  const expectedReward = (p: Float64Array) => {
    let s = 0;
    for (let c = 0; c < C; c++) for (let a = 0; a < A; a++) s += (p[c * A + a]! * task.reward[c]![a]!) / C;
    return s;
  };
  const entropy = (p: Float64Array) => {
    let h = 0;
    for (let i = 0; i < p.length; i++) h -= (p[i]! * Math.log(p[i]! + 1e-12)) / C;
    return h;
  };
  const controller = new AmftController({ lrPolicy: lr, ...o.controller });
  let mu = o.mode === "fixed" ? (o.mu ?? 1) : controller.mu;
  const warmup = o.mode === "amft" ? (o.warmup ?? 20) : 0;
  let hTarget = 0;
  const rewardCurve: number[] = [];
  const muCurve: number[] = [];
  for (let step = 0; step < (o.steps ?? 400); step++) {
    const p = probs();
    rewardCurve.push(expectedReward(p));
    const { gSft, gRl } = grads(p);
    const w = step < warmup ? 1 : mu;
    if (step === warmup && o.mode === "amft") hTarget = entropy(p);
    if (o.mode === "amft" && step >= warmup && (step - warmup) % (o.every ?? 20) === 0) {
      mu = controller.update(gRl, gSft, gRl, hTarget, entropy(p));
    }
    muCurve.push(w);
    for (let i = 0; i < theta.length; i++) theta[i]! -= lr * ((1 - w) * gRl[i]! + w * gSft[i]!);
  }
  return { reward: rewardCurve, mu: muCurve };
}
