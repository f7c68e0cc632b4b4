import type { SparseVec } from "./sparse.ts";

/** Settings of the optimiser. */
export interface OptimizerConfig {
  kind: "adam" | "sgd";
  lr: number;
  /** L2 penalty λ: adds λ·w to the gradient of every coordinate the batch touches. */
  l2: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/**
 * A deterministic optimiser over one flat parameter vector with sparse gradients: only coordinates a batch
 * touched are updated (lazy Adam as in PyTorch's SparseAdam, with a global step for bias correction;
 * L2 applied lazily on touched coordinates), so a 2^18-wide model costs what the batch's features cost.
 * @example const opt = new SparseOptimizer(1024, { kind: "adam", lr: 0.05, l2: 0 }); opt.add(3, 0.5); opt.step(1);
 */
export class SparseOptimizer {
  readonly params: Float64Array;
  private readonly grad: Float64Array;
  private readonly mark: Uint8Array;
  private touched: Int32Array;
  private nTouched = 0;
  private readonly m?: Float64Array;
  private readonly v?: Float64Array;
  private t = 0;

  constructor(
    size: number,
    private readonly cfg: OptimizerConfig,
    init?: Float64Array,
  ) {
    this.params = init ?? new Float64Array(size);
    this.grad = new Float64Array(size);
    this.mark = new Uint8Array(size);
    this.touched = new Int32Array(Math.min(size, 1024));
    if (cfg.kind === "adam") {
      this.m = new Float64Array(size);
      this.v = new Float64Array(size);
    }
  }

  /** Accumulates gradient g on coordinate i. */
  add(i: number, g: number): void {
    if (!this.mark[i]) {
      this.mark[i] = 1;
      if (this.nTouched === this.touched.length) {
        const next = new Int32Array(Math.min(this.params.length, this.touched.length * 2));
        next.set(this.touched);
        this.touched = next;
      }
      this.touched[this.nTouched++] = i;
    }
    this.grad[i]! += g;
  }

  /** Applies the accumulated gradient times `scale` (1/batch size for a mean) and clears it. */
  step(scale: number): void {
    const { lr, l2 } = this.cfg;
    const p = this.params;
    const g = this.grad;
    // Sorted coordinates make the floating-point update order independent of feature order.
    const list = this.touched.subarray(0, this.nTouched).sort();
    if (this.cfg.kind === "sgd") {
      for (let k = 0; k < list.length; k++) {
        const i = list[k]!;
        p[i]! -= lr * (g[i]! * scale + l2 * p[i]!);
        g[i] = 0;
        this.mark[i] = 0;
      }
    } else {
      const b1 = this.cfg.beta1 ?? 0.9;
      const b2 = this.cfg.beta2 ?? 0.999;
      const eps = this.cfg.eps ?? 1e-8;
      this.t++;
      const c1 = 1 - b1 ** this.t;
      const c2 = 1 - b2 ** this.t;
      const m = this.m!;
      const v = this.v!;
      for (let k = 0; k < list.length; k++) {
        const i = list[k]!;
        const gi = g[i]! * scale + l2 * p[i]!;
        m[i] = b1 * m[i]! + (1 - b1) * gi;
        v[i] = b2 * v[i]! + (1 - b2) * gi * gi;
        p[i]! -= (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + eps);
        g[i] = 0;
        this.mark[i] = 0;
      }
    }
    this.nTouched = 0;
  }
}

/**
 * Adds `g·x` to the gradient of the weights `off … off + dim(x)` (one head of a flat weight vector); skips g = 0.
 * @example addScaled(opt, phiChosen, head * dim, grad)
 */
export function addScaled(opt: SparseOptimizer, x: SparseVec, off: number, g: number): void {
  if (g === 0) return;
  for (let k = 0; k < x.idx.length; k++) opt.add(off + x.idx[k]!, g * x.val[k]!);
}
