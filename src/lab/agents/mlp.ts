import type { LabRandom } from "../random.ts";

/**
 * A small multilayer perceptron on Float64Array kernels (tanh hidden layers, linear output) with
 * backpropagation and Adam. The lab's networks have tens of units, where a tensor library's per-call
 * dispatch costs more than the arithmetic (see docs/lab.md for the measurement).
 * (Adam: Kingma & Ba, arXiv 1412.6980)
 * @example const net = new Mlp([4, 32, 2], rand); const y = net.forward(x); net.backward(dy); net.step(1e-3);
 */
export class Mlp {
  readonly weights: Float64Array[] = [];
  readonly biases: Float64Array[] = [];
  private readonly gw: Float64Array[] = [];
  private readonly gb: Float64Array[] = [];
  private readonly mw: Float64Array[] = [];
  private readonly vw: Float64Array[] = [];
  private readonly mb: Float64Array[] = [];
  private readonly vb: Float64Array[] = [];
  private acts: Float64Array[] = [];
  private t = 0;

  constructor(
    readonly sizes: number[],
    rand: LabRandom,
    outScale = 1,
  ) {
    for (let l = 0; l + 1 < sizes.length; l++) {
      const n = sizes[l]!;
      const m = sizes[l + 1]!;
      const w = new Float64Array(n * m);
      const scale = (l + 2 === sizes.length ? outScale : 1) / Math.sqrt(n);
      for (let i = 0; i < w.length; i++) w[i] = rand.normal() * scale;
      this.weights.push(w);
      this.biases.push(new Float64Array(m));
      for (const arr of [this.gw, this.mw, this.vw]) arr.push(new Float64Array(n * m));
      for (const arr of [this.gb, this.mb, this.vb]) arr.push(new Float64Array(m));
    }
  }

  /** Output for input `x`; keeps the activations for the next `backward`. */
  forward(x: Float64Array): Float64Array {
    this.acts = [x];
    let a = x;
    const L = this.weights.length;
    for (let l = 0; l < L; l++) {
      const n = this.sizes[l]!;
      const m = this.sizes[l + 1]!;
      const w = this.weights[l]!;
      const out = new Float64Array(this.biases[l]!);
      for (let i = 0; i < n; i++) {
        const ai = a[i]!;
        if (ai === 0) continue;
        const row = i * m;
        for (let j = 0; j < m; j++) out[j]! += ai * w[row + j]!;
      }
      if (l + 1 < L) for (let j = 0; j < m; j++) out[j] = Math.tanh(out[j]!);
      this.acts.push(out);
      a = out;
    }
    return a;
  }

  /** Accumulates gradients of the last `forward` given dLoss/dOutput. */
  backward(dOut: Float64Array): void {
    let d = dOut;
    for (let l = this.weights.length - 1; l >= 0; l--) {
      const n = this.sizes[l]!;
      const m = this.sizes[l + 1]!;
      const a = this.acts[l]!;
      const w = this.weights[l]!;
      const gw = this.gw[l]!;
      const gb = this.gb[l]!;
      for (let j = 0; j < m; j++) gb[j]! += d[j]!;
      const prev = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const ai = a[i]!;
        const row = i * m;
        let s = 0;
        for (let j = 0; j < m; j++) {
          gw[row + j]! += ai * d[j]!;
          s += w[row + j]! * d[j]!;
        }
        prev[i] = l > 0 ? s * (1 - ai * ai) : s;
      }
      d = prev;
    }
  }

  /** One Adam step on the accumulated gradients (then cleared); `clip` bounds the global gradient norm. */
  step(lr: number, clip = 0.5): void {
    this.t++;
    let norm = 0;
    for (const g of [...this.gw, ...this.gb]) for (let i = 0; i < g.length; i++) norm += g[i]! * g[i]!;
    norm = Math.sqrt(norm);
    const k = clip > 0 && norm > clip ? clip / norm : 1;
    const b1 = 0.9;
    const b2 = 0.999;
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    const upd = (p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array) => {
      for (let i = 0; i < p.length; i++) {
        const gi = g[i]! * k;
        m[i] = b1 * m[i]! + (1 - b1) * gi;
        v[i] = b2 * v[i]! + (1 - b2) * gi * gi;
        p[i]! -= (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + 1e-8);
        g[i] = 0;
      }
    };
    for (let l = 0; l < this.weights.length; l++) {
      upd(this.weights[l]!, this.gw[l]!, this.mw[l]!, this.vw[l]!);
      upd(this.biases[l]!, this.gb[l]!, this.mb[l]!, this.vb[l]!);
    }
  }
}

/** Softmax of logits, numerically stable. */
export function softmax(z: ArrayLike<number>): Float64Array {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < z.length; i++) m = Math.max(m, z[i]!);
  const p = new Float64Array(z.length);
  let s = 0;
  for (let i = 0; i < z.length; i++) {
    p[i] = Math.exp(z[i]! - m);
    s += p[i]!;
  }
  for (let i = 0; i < z.length; i++) p[i]! /= s;
  return p;
}
