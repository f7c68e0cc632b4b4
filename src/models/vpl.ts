import type { FeatureConfig } from "./features.ts";
import { featureDim } from "./features.ts";
import { btLoss } from "./losses/bradley-terry.ts";
import { RewardModel } from "./model.ts";
import type { EncodedPair } from "./objectives.ts";
import { addScaled, SparseOptimizer } from "./optimizer.ts";
import type { Rng } from "./rng.ts";
import { dotDense, type SparseVec, sparseFrom } from "./sparse.ts";
import {
  type EpochMetrics,
  type TrainOptions,
  type TrainResult,
  type VplOptions,
  withScoreStats,
} from "./training.ts";

/**
 * The mean feature difference of a user's context pairs, h = mean_c (φ(c_w) − φ(c_l)): the input of the
 * (mean-pooled, linear) encoder.
 * @example contextSummary([pair]) // a sparse vector
 */
export function contextSummary(pairs: readonly Pick<EncodedPair, "w" | "l" | "tie">[]): SparseVec {
  const idx: number[] = [];
  const val: number[] = [];
  let n = 0;
  for (const p of pairs) {
    if (p.tie) continue;
    n++;
    for (let k = 0; k < p.w.idx.length; k++) {
      idx.push(p.w.idx[k]!);
      val.push(p.w.val[k]!);
    }
    for (let k = 0; k < p.l.idx.length; k++) {
      idx.push(p.l.idx[k]!);
      val.push(-p.l.val[k]!);
    }
  }
  const v = sparseFrom(idx, val);
  if (n > 1) for (let k = 0; k < v.val.length; k++) v.val[k]! /= n;
  return v;
}

/**
 * The latent mean μ = E·h of a user from their context pairs under a trained VPL model (z = μ at evaluation,
 * as in VPL); store it with `model.users.set(user, μ)` to score as that user.
 * @example model.users.set("new", vplLatent(model, encodedContextPairs));
 */
export function vplLatent(
  model: RewardModel,
  pairs: readonly Pick<EncodedPair, "w" | "l" | "tie">[],
): Float64Array {
  if (model.type !== "vpl") throw new Error(`vplLatent needs a vpl model, got ${model.type}`);
  const L = model.params.latent ?? 0;
  const h = contextSummary(pairs);
  const mu = new Float64Array(L);
  for (let l = 0; l < L; l++) mu[l] = model.head(h, 1 + L + l);
  return mu;
}

/**
 * Trains VPL's latent-user preference model, simplified for linear features (VPL, arXiv 2408.10075;
 * WEIRDLabUW/vpl_llm hidden_context/vae_utils.py; formula sheet §3e):
 * encoder μ = E·mean_c(φ(c_w) − φ(c_l)) (mean pooling, no MLP or self-attention), one learned log σ² per
 * latent dimension clamped to [−1, 1], z = μ + σ·ε; bilinear decoder r(y, z) = w·φ(y) + zᵀVφ(y);
 * loss −log σ(r(y_w,z) − r(y_l,z)) + β·KL with KL = −½Σ(1 + log σ² − μ² − σ²).
 * Not done: z renormalisation to √L·z/‖z‖ and cyclical KL annealing.
 * @example trainPreferenceModel(pairs, { type: "vpl", vpl: { latent: 2 } })
 */
export function trainVpl(
  encoded: EncodedPair[],
  train: Int32Array,
  val: Int32Array,
  fc: FeatureConfig,
  userNames: string[],
  opts: TrainOptions & { rng: Rng },
): TrainResult {
  const v: VplOptions = { latent: 4, beta: 0.01, context: 8, ...(opts.vpl ?? {}) };
  const L = v.latent;
  const D = featureDim(fc);
  const H = 1 + 2 * L;
  const rng = opts.rng;
  const lr = opts.lr ?? 0.05;
  const l2 = opts.l2 ?? 1e-6;
  const opt = new SparseOptimizer(D * H, { kind: opts.optimizer ?? "adam", lr, l2 });
  const bOpt = new SparseOptimizer(L, { kind: "adam", lr, l2: 0 });
  const W = opt.params;
  const logVar = bOpt.params;
  const btOpts = { margin: opts.margin ?? 0, labelSmoothing: opts.labelSmoothing ?? 0 };
  // Each user's training pairs: the pool contexts are drawn from.
  const byUser = new Map<number, number[]>();
  for (const i of train) {
    const u = encoded[i]!.user;
    if (u < 0) continue;
    let list = byUser.get(u);
    if (!list) byUser.set(u, (list = []));
    list.push(i);
  }
  const epochs = opts.epochs ?? 5;
  const batch = Math.max(1, opts.batchSize ?? 64);
  const history: EpochMetrics[] = [];
  const mu = new Float64Array(L);
  const z = new Float64Array(L);
  const eps = new Float64Array(L);
  const gz = new Float64Array(L);
  const sample = (u: number, exclude: Set<number>): EncodedPair[] => {
    const pool = (byUser.get(u) ?? []).filter((i) => !exclude.has(i));
    const out: EncodedPair[] = [];
    for (let k = 0; k < Math.min(v.context, pool.length); k++) {
      const j = k + rng.int(pool.length - k);
      [pool[k], pool[j]] = [pool[j]!, pool[k]!];
      out.push(encoded[pool[k]!]!);
    }
    return out;
  };
  const scoreGap = (ex: EncodedPair, zz: Float64Array | null): number => {
    let d = dotDense(ex.w, W, 0) - dotDense(ex.l, W, 0);
    if (zz)
      for (let l = 0; l < L; l++)
        d += zz[l]! * (dotDense(ex.w, W, (1 + l) * D) - dotDense(ex.l, W, (1 + l) * D));
    return d;
  };
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const t0 = performance.now();
    rng.shuffle(train);
    let lossSum = 0;
    for (let start = 0; start < train.length; start += batch) {
      const end = Math.min(train.length, start + batch);
      // Group the batch by user: one latent sample per user per step, as VPL conditions a batch on a user.
      const groups = new Map<number, number[]>();
      for (let b = start; b < end; b++) {
        const i = train[b]!;
        const u = encoded[i]!.user;
        let g = groups.get(u);
        if (!g) groups.set(u, (g = []));
        g.push(i);
      }
      for (const u of [...groups.keys()].sort((a, b) => a - b)) {
        const targets = groups.get(u)!;
        let h: SparseVec | null = null;
        if (u >= 0) {
          const ctx = sample(u, new Set(targets));
          if (ctx.length) h = contextSummary(ctx);
        }
        if (h) {
          for (let l = 0; l < L; l++) {
            mu[l] = dotDense(h, W, (1 + L + l) * D);
            eps[l] = rng.normal();
            z[l] = mu[l]! + Math.exp(clampLv(logVar[l]!) / 2) * eps[l]!;
          }
        }
        gz.fill(0);
        for (const i of targets) {
          const ex = encoded[i]!;
          if (ex.tie) continue;
          const d = scoreGap(ex, h ? z : null);
          const r = btLoss(d, btOpts);
          lossSum += r.loss;
          const g = r.grad;
          addScaled(opt, ex.w, 0, g);
          addScaled(opt, ex.l, 0, -g);
          if (h) {
            for (let l = 0; l < L; l++) {
              const off = (1 + l) * D;
              addScaled(opt, ex.w, off, g * z[l]!);
              addScaled(opt, ex.l, off, -g * z[l]!);
              gz[l]! += g * (dotDense(ex.w, W, off) - dotDense(ex.l, W, off));
            }
          }
        }
        if (h) {
          const n = targets.length;
          for (let l = 0; l < L; l++) {
            const lv = clampLv(logVar[l]!);
            const sigma = Math.exp(lv / 2);
            // KL enters once per target pair: ∂KL/∂μ = μ, ∂KL/∂log σ² = −½(1 − σ²).
            const kl = -0.5 * (1 + lv - mu[l]! * mu[l]! - sigma * sigma);
            lossSum += v.beta * n * kl;
            const gMu = gz[l]! + v.beta * n * mu[l]!;
            addScaled(opt, h, (1 + L + l) * D, gMu);
            if (Math.abs(logVar[l]!) <= 1) {
              bOpt.add(l, gz[l]! * 0.5 * sigma * eps[l]! - v.beta * n * 0.5 * (1 - sigma * sigma));
            }
          }
        }
      }
      opt.step(1 / (end - start));
      bOpt.step(1 / (end - start));
      opts.onProgress?.(epoch, end, train.length);
    }
    const seconds = (performance.now() - t0) / 1000;
    // Held-out pairs are scored with z = μ from the user's training pairs.
    const latents = userLatents();
    let correct = 0;
    let counted = 0;
    let valLoss = 0;
    for (const i of val) {
      const ex = encoded[i]!;
      if (ex.tie) continue;
      const d = scoreGap(ex, ex.user >= 0 ? (latents.get(ex.user) ?? null) : null);
      valLoss += btLoss(d, btOpts).loss;
      counted++;
      if (d > 0) correct++;
    }
    const m: EpochMetrics = {
      epoch,
      trainLoss: lossSum / Math.max(1, train.length),
      valLoss: counted ? valLoss / counted : null,
      valAccuracy: counted ? correct / counted : null,
      pairsPerSecond: train.length / Math.max(seconds, 1e-9),
    };
    history.push(m);
    opts.onEpoch?.(m);
  }
  function userLatents(): Map<number, Float64Array> {
    const out = new Map<number, Float64Array>();
    for (const u of [...byUser.keys()].sort((a, b) => a - b)) {
      const list = byUser.get(u)!;
      const h = contextSummary(list.map((i) => encoded[i]!));
      const m = new Float64Array(L);
      for (let l = 0; l < L; l++) m[l] = dotDense(h, W, (1 + L + l) * D);
      out.set(u, m);
    }
    return out;
  }
  const users = new Map<string, Float64Array>();
  for (const [u, m] of userLatents()) users.set(userNames[u]!, m);
  const names = [
    "score",
    ...Array.from({ length: L }, (_, l) => `latent_${l}`),
    ...Array.from({ length: L }, (_, l) => `encoder_${l}`),
  ];
  const params: Record<string, number> = { latent: L, beta: v.beta, context: v.context };
  for (let l = 0; l < L; l++) params[`log_var_${l}`] = clampLv(logVar[l]!);
  const model = new RewardModel("vpl", fc, names, Float64Array.from(W), params, users, undefined, {
    pairs: encoded.length,
    train: train.length,
    validation: val.length,
    epochs,
    seed: opts.seed ?? 0,
  });
  return { model: withScoreStats(model, encoded, train), history };
}

function clampLv(x: number): number {
  return Math.max(-1, Math.min(1, x));
}
