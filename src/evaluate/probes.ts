import { sigmoid, softmax } from "../models/math.ts";
import { SparseOptimizer } from "../models/optimizer.ts";
import { Rng } from "../models/rng.ts";
import { dotDense, type SparseVec } from "../models/sparse.ts";

/** A probe example: a representation, a class label, and its split. */
export interface ProbeExample {
  x: SparseVec;
  label: number;
  split?: "train" | "test";
}

/** Settings of the linear probes. */
export interface ProbeOptions {
  epochs?: number;
  lr?: number;
  l2?: number;
  batchSize?: number;
  seed?: number;
  /** Fraction held out as test when examples carry no split. */
  testFraction?: number;
}

/** Per-dimension probe accuracy and the average. */
export interface ProbeReport {
  dimensions: Record<string, { accuracy: number; classes: number; train: number; test: number }>;
  average: number;
}

/**
 * Trains one linear probe without bias per dimension on frozen representations and reports test accuracy
 * (MRMBench, arXiv 2511.12464; wangclnlp/MRMBench task scripts; formula sheet §4c): two classes use one logit
 * with BCE and accuracy at σ > 0.5; more classes use softmax cross-entropy and argmax. Deterministic
 * (seeded split and order, Adam). The reference trains 1 epoch at lr 5e-5 on LLM hidden states; these
 * defaults suit hashed features and are parameters.
 * @example probeDimensions({ helpfulness: [{ x, label: 1 }, ...] }, { seed: 0 }).average
 */
export function probeDimensions(data: Record<string, ProbeExample[]>, o: ProbeOptions = {}): ProbeReport {
  const dims: ProbeReport["dimensions"] = {};
  for (const name of Object.keys(data).sort()) {
    const items = data[name]!;
    const rng = new Rng(o.seed ?? 0);
    let train = items.filter((e) => e.split === "train");
    let test = items.filter((e) => e.split === "test");
    if (!train.length || !test.length) {
      const order = rng.shuffle(items.map((_, i) => i)) as number[];
      const nTest = Math.max(1, Math.round(items.length * (o.testFraction ?? 0.2)));
      test = order.slice(0, nTest).map((i) => items[i]!);
      train = order.slice(nTest).map((i) => items[i]!);
    }
    const classes = Math.max(2, ...items.map((e) => e.label + 1));
    const dim = Math.max(1, ...items.map((e) => (e.x.idx.length ? e.x.idx[e.x.idx.length - 1]! + 1 : 1)));
    const heads = classes === 2 ? 1 : classes;
    const opt = new SparseOptimizer(heads * dim, { kind: "adam", lr: o.lr ?? 0.05, l2: o.l2 ?? 1e-4 });
    const W = opt.params;
    const p = new Float64Array(heads);
    const batch = o.batchSize ?? 32;
    const order = Int32Array.from(train.map((_, i) => i));
    for (let ep = 0; ep < (o.epochs ?? 30); ep++) {
      rng.shuffle(order);
      for (let s = 0; s < order.length; s += batch) {
        const end = Math.min(order.length, s + batch);
        for (let b = s; b < end; b++) {
          const e = train[order[b]!]!;
          for (let h = 0; h < heads; h++) p[h] = dotDense(e.x, W, h * dim);
          if (heads === 1) {
            const g = sigmoid(p[0]!) - (e.label === 1 ? 1 : 0);
            for (let k = 0; k < e.x.idx.length; k++) opt.add(e.x.idx[k]!, g * e.x.val[k]!);
          } else {
            softmax(p, p);
            for (let h = 0; h < heads; h++) {
              const g = p[h]! - (e.label === h ? 1 : 0);
              for (let k = 0; k < e.x.idx.length; k++) opt.add(h * dim + e.x.idx[k]!, g * e.x.val[k]!);
            }
          }
        }
        opt.step(1 / (end - s));
      }
    }
    let correct = 0;
    for (const e of test) {
      let pred: number;
      if (heads === 1) pred = dotDense(e.x, W, 0) > 0 ? 1 : 0;
      else {
        pred = 0;
        for (let h = 0; h < heads; h++) {
          p[h] = dotDense(e.x, W, h * dim);
          if (p[h]! > p[pred]!) pred = h;
        }
      }
      if (pred === e.label) correct++;
    }
    dims[name] = {
      accuracy: test.length ? correct / test.length : Number.NaN,
      classes,
      train: train.length,
      test: test.length,
    };
  }
  const accs = Object.values(dims)
    .map((d) => d.accuracy)
    .filter((a) => !Number.isNaN(a));
  return {
    dimensions: dims,
    average: accs.length ? accs.reduce((a, b) => a + b, 0) / accs.length : Number.NaN,
  };
}
