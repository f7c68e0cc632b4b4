import { LabRandom } from "../random.ts";
import type { DesignStep, RewardDesign } from "./design.ts";

/**
 * A linear autoencoder z = Wx, x̂ = Wᵀz trained online by SGD on reconstruction error: the learned behaviour
 * space of TAXONS/STAX (there a convolutional autoencoder of the final observation; linear here, small inputs).
 * @example const ae = new LinearAutoencoder(10, 2, 1); ae.train(x); ae.encode(x)
 */
export class LinearAutoencoder {
  readonly w: Float64Array;
  constructor(
    readonly inputs: number,
    readonly latent: number,
    seed: number,
    private readonly lr = 0.01,
  ) {
    const rand = new LabRandom(seed);
    this.w = new Float64Array(inputs * latent);
    for (let i = 0; i < this.w.length; i++) this.w[i] = rand.normal() / Math.sqrt(inputs);
  }
  encode(x: ArrayLike<number>): Float64Array {
    const z = new Float64Array(this.latent);
    for (let j = 0; j < this.latent; j++) {
      let s = 0;
      for (let i = 0; i < this.inputs; i++) s += this.w[j * this.inputs + i]! * x[i]!;
      z[j] = s;
    }
    return z;
  }
  /** One SGD step on ½‖Wᵀ(Wx) − x‖²; returns the reconstruction error before the step (TAXONS' surprise). */
  train(x: ArrayLike<number>): number {
    const z = this.encode(x);
    const err = new Float64Array(this.inputs);
    let loss = 0;
    for (let i = 0; i < this.inputs; i++) {
      let r = 0;
      for (let j = 0; j < this.latent; j++) r += this.w[j * this.inputs + i]! * z[j]!;
      err[i] = r - x[i]!;
      loss += err[i]! * err[i]!;
    }
    for (let j = 0; j < this.latent; j++) {
      let we = 0;
      for (let i = 0; i < this.inputs; i++) we += this.w[j * this.inputs + i]! * err[i]!;
      for (let i = 0; i < this.inputs; i++) {
        // d/dW_ji of ½‖WᵀWx − x‖² = z_j·err_i + x_i·(W err)_j
        this.w[j * this.inputs + i]! -= this.lr * (z[j]! * err[i]! + x[i]! * we);
      }
    }
    return Math.sqrt(loss);
  }
}

/** Mean Euclidean distance from `z` to its k nearest neighbours in `archive` (all of them when fewer). */
export function knnNovelty(z: ArrayLike<number>, archive: readonly ArrayLike<number>[], k: number): number {
  if (!archive.length) return 0;
  const d = archive.map((a) => {
    let s = 0;
    for (let i = 0; i < z.length; i++) s += (z[i]! - a[i]!) ** 2;
    return Math.sqrt(s);
  });
  d.sort((a, b) => a - b);
  const n = Math.min(k, d.length);
  let s = 0;
  for (let i = 0; i < n; i++) s += d[i]!;
  return s / n;
}

/**
 * Novelty in a learned behaviour space as an episode-level bonus: the behaviour descriptor of an episode is
 * its final observation, encoded by an online autoencoder; novelty = mean distance to the k = 15 nearest
 * descriptors in the archive (STAX/SERENE `core/evolvers/utils.py`), added as β·novelty at the episode's last
 * step. (STAX: Paolo et al., arXiv 2111.01919)
 * @example const d = noveltyDesign({ inputs: 169, beta: 0.5 }, 1);
 */
export function noveltyDesign(
  o: { inputs: number; latent?: number; k?: number; beta?: number },
  seed: number,
): RewardDesign & { archiveSize(): number } {
  const ae = new LinearAutoencoder(o.inputs, o.latent ?? 2, seed);
  const archive: Float64Array[] = [];
  const k = o.k ?? 15;
  const beta = o.beta ?? 0.5;
  return {
    id: "novelty",
    archiveSize: () => archive.length,
    beginEpisode() {},
    reward(s: DesignStep) {
      if (!s.terminated && !s.truncated) return s.reward;
      const x = s.next.vec;
      ae.train(x);
      const z = ae.encode(x);
      const nov = knnNovelty(
        z,
        archive.map((a) => ae.encode(a)),
        k,
      );
      archive.push(x);
      return s.reward + beta * nov;
    },
  };
}
