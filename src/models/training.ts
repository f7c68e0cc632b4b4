// What training takes and returns, shared by the linear trainers (train.ts) and VPL (vpl.ts).
import type { z } from "zod";
import type { featureConfigSchema } from "./features.ts";
import { type ModelType, RewardModel } from "./model.ts";
import type { EncodedPair, ObjectiveOptions } from "./objectives.ts";
import type { SparseVec } from "./sparse.ts";

/** Settings of the simplified VPL latent-user model. */
export interface VplOptions {
  /** Latent size L (VPL uses 512; small here because the decoder is linear). */
  latent: number;
  /** KL weight β (VPL `kl_loss_weight` = 0.01). */
  beta: number;
  /** Context pairs sampled per user per step. */
  context: number;
}

/** Everything `trainPreferenceModel` can be told; every field has a default. */
export interface TrainOptions extends Partial<ObjectiveOptions> {
  type?: ModelType;
  features?: z.input<typeof featureConfigSchema>;
  epochs?: number;
  batchSize?: number;
  lr?: number;
  optimizer?: "adam" | "sgd";
  l2?: number;
  seed?: number;
  /** Fraction of pairs held out for per-epoch validation (0 = none). */
  valFraction?: number;
  /** Dimension names for multi-dimensional heads (default: every label key in the data, sorted). */
  dimensions?: string[];
  vpl?: Partial<VplOptions>;
  /** Called after each epoch with its metrics. */
  onEpoch?: (m: EpochMetrics) => void;
  /** Called after each batch with pairs done and total pairs of the epoch. */
  onProgress?: (epoch: number, done: number, total: number) => void;
}

/** Metrics of one training epoch. */
export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  valLoss: number | null;
  /** Strict pairwise accuracy on held-out non-tie pairs (ties count as wrong). */
  valAccuracy: number | null;
  /** Observed and predicted tie rate on held-out pairs, for tie models. */
  valTieRate?: number;
  predictedTieRate?: number;
  /** Training throughput of the epoch. */
  pairsPerSecond: number;
}

/** What training returns: the model and its per-epoch history. */
export interface TrainResult {
  model: RewardModel;
  history: EpochMetrics[];
}

/** Records the mean and std of scores over the training responses (used to normalise ensembles). */
export function withScoreStats(model: RewardModel, encoded: EncodedPair[], train: Int32Array): RewardModel {
  const seen = new Set<SparseVec>();
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (const i of train) {
    const ex = encoded[i]!;
    for (const v of [ex.w, ex.l]) {
      if (seen.has(v)) continue;
      seen.add(v);
      const s = model.scoreVec(v).score;
      n++;
      sum += s;
      sq += s * s;
    }
  }
  const mean = n ? sum / n : 0;
  const std = n ? Math.sqrt(Math.max(0, sq / n - mean * mean)) : 0;
  return new RewardModel(
    model.type,
    model.features,
    model.headNames,
    model.weights,
    model.params,
    model.users,
    { mean, std },
    model.training,
  );
}
