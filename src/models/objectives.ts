import { btLoss, centerTerm } from "./losses/bradley-terry.ts";
import { davidsonLoss, davidsonProbs } from "./losses/davidson.ts";
import { raoKupperLoss, raoKupperProbs } from "./losses/rao-kupper.ts";
import { soliRewardLoss } from "./losses/soli-reward.ts";
import { sigmoid, softmax, softplus } from "./math.ts";
import type { ModelType } from "./model.ts";
import type { Rng } from "./rng.ts";
import type { SparseVec } from "./sparse.ts";

/** A training pair after featurisation. */
export interface EncodedPair {
  w: SparseVec;
  l: SparseVec;
  tie: boolean;
  /** Per-dimension labels (+1, −1, 0 tie, NaN missing), in the objective's head order. */
  labels?: Float64Array;
  /** Index of the user, or −1. */
  user: number;
  margin?: number;
  qw: number;
  ql: number;
}

/** Loss settings shared by the objectives. */
export interface ObjectiveOptions {
  margin: number;
  /** Add each pair's own `margin` field to the margin (VideoAlign's score-gap margin). */
  dataMargin: boolean;
  labelSmoothing: number;
  /** TRL centre-rewards coefficient. */
  center: number;
  /** Rao-Kupper θ (initial value when learned). */
  theta: number;
  /** Davidson ν (initial value when learned). */
  nu: number;
  /** Learn θ / ν by maximum likelihood instead of keeping them fixed. */
  learnTie: boolean;
  soli: { margin: number; cBt: number; cBtt: number; cBce: number };
  /** Multi-dimensional heads: Rao-Kupper with ties ("btt", VideoAlign) or plain BT that skips ties. */
  multiLoss: "btt" | "bt";
  prototypes: number;
}

/**
 * How a model type turns head scores into a loss: `loss` returns the pair's loss and writes dL/d(head score)
 * for the chosen (gw) and rejected (gl) response, and accumulates gradients of its extra parameters.
 */
export interface Objective {
  heads: number;
  headNames: string[];
  extraSize: number;
  initExtra(extra: Float64Array, rng: Rng): void;
  loss(
    ex: EncodedPair,
    sw: Float64Array,
    sl: Float64Array,
    gw: Float64Array,
    gl: Float64Array,
    extra: Float64Array,
    gExtra: Float64Array | null,
  ): number;
  /** Held-out accuracy counts of one pair: [correct, counted] (strict: a zero gap is wrong). */
  accuracy?(ex: EncodedPair, sw: Float64Array, sl: Float64Array, extra: Float64Array): [number, number];
  /** Probability that the pair is a tie, for models that have one. */
  tieProb?(d: number, extra: Float64Array): number;
  /** Learned or fixed loss parameters to save with the model. */
  params(extra: Float64Array): Record<string, number>;
  /** Per-user parameters to save (PAL logits). */
  users?(extra: Float64Array, names: string[]): Map<string, Float64Array>;
}

function inverseSoftplus(y: number): number {
  return y > 20 ? y : Math.log(Math.expm1(y));
}

/**
 * Builds the objective of a model type (not VPL, which has its own trainer).
 * @example makeObjective("bt", options, [], 0).heads // 1
 */
export function makeObjective(
  type: Exclude<ModelType, "vpl">,
  o: ObjectiveOptions,
  dimensions: string[],
  nUsers: number,
): Objective {
  const single = (
    core: (
      d: number,
      ex: EncodedPair,
      extra: Float64Array,
      gExtra: Float64Array | null,
    ) => { loss: number; g: number },
  ): Pick<Objective, "loss"> => ({
    loss(ex, sw, sl, gw, gl, extra, gExtra) {
      const { loss, g } = core(sw[0]! - sl[0]!, ex, extra, gExtra);
      gw[0] = g;
      gl[0] = -g;
      if (o.center > 0) {
        const c = centerTerm(sw[0]!, sl[0]!, o.center);
        gw[0]! += c.grad;
        gl[0]! += c.grad;
        return loss + c.loss;
      }
      return loss;
    },
  });
  const marginOf = (ex: EncodedPair) => o.margin + (o.dataMargin ? (ex.margin ?? 0) : 0);
  switch (type) {
    case "bt":
      return {
        heads: 1,
        headNames: ["score"],
        extraSize: 0,
        initExtra() {},
        ...single((d, ex) => {
          // A tie carries no direction for plain BT; it is skipped (zero loss and gradient).
          if (ex.tie) return { loss: 0, g: 0 };
          const r = btLoss(d, { margin: marginOf(ex), labelSmoothing: o.labelSmoothing });
          return { loss: r.loss, g: r.grad };
        }),
        params: () => ({ margin: o.margin, label_smoothing: o.labelSmoothing, center: o.center }),
      };
    case "rao-kupper": {
      // ν = log θ > 0, parameterised as softplus(ρ) when learned so it stays positive.
      const nuOf = (extra: Float64Array) => (o.learnTie ? softplus(extra[0]!) : Math.log(o.theta));
      return {
        heads: 1,
        headNames: ["score"],
        extraSize: 1,
        initExtra(extra) {
          extra[0] = inverseSoftplus(Math.log(o.theta));
        },
        ...single((d, ex, extra, gExtra) => {
          const r = raoKupperLoss(d, nuOf(extra), ex.tie);
          if (gExtra && o.learnTie) gExtra[0]! += r.gradNu * sigmoid(extra[0]!);
          return { loss: r.loss, g: r.gradD };
        }),
        tieProb: (d, extra) => raoKupperProbs(d, nuOf(extra)).tie,
        params: (extra) => ({ theta: Math.exp(nuOf(extra)), center: o.center }),
      };
    }
    case "davidson": {
      const rhoOf = (extra: Float64Array) => (o.learnTie ? extra[0]! : Math.log(o.nu));
      return {
        heads: 1,
        headNames: ["score"],
        extraSize: 1,
        initExtra(extra) {
          extra[0] = Math.log(o.nu);
        },
        ...single((d, ex, extra, gExtra) => {
          const r = davidsonLoss(d, rhoOf(extra), ex.tie);
          if (gExtra && o.learnTie) gExtra[0]! += r.gradRho;
          return { loss: r.loss, g: r.gradD };
        }),
        tieProb: (d, extra) => davidsonProbs(d, Math.exp(rhoOf(extra))).tie,
        params: (extra) => ({ nu: Math.exp(rhoOf(extra)), center: o.center }),
      };
    }
    case "soli":
      return {
        heads: 1,
        headNames: ["score"],
        extraSize: 0,
        initExtra() {},
        loss(ex, sw, sl, gw, gl) {
          const r = soliRewardLoss(sw[0]!, sl[0]!, ex.qw, ex.ql, o.soli);
          gw[0] = r.gradW;
          gl[0] = r.gradL;
          if (o.center > 0) {
            const c = centerTerm(sw[0]!, sl[0]!, o.center);
            gw[0]! += c.grad;
            gl[0]! += c.grad;
            return r.loss + c.loss;
          }
          return r.loss;
        },
        params: () => ({ ...o.soli, center: o.center }),
      };
    case "multi": {
      const nu = Math.log(o.theta);
      return {
        heads: dimensions.length,
        headNames: dimensions,
        extraSize: 0,
        initExtra() {},
        loss(ex, sw, sl, gw, gl) {
          let loss = 0;
          for (let h = 0; h < dimensions.length; h++) {
            gw[h] = 0;
            gl[h] = 0;
            const y = ex.labels?.[h] ?? Number.NaN;
            if (Number.isNaN(y)) continue;
            const d = sw[h]! - sl[h]!;
            let g: number;
            if (o.multiLoss === "bt") {
              if (y === 0) continue;
              const r = btLoss(y * d, { margin: o.margin, labelSmoothing: o.labelSmoothing });
              loss += r.loss;
              g = y * r.grad;
            } else {
              // A label −1 is the same pair seen from the other side (the loss is symmetric).
              const r = raoKupperLoss(y === 0 ? d : y * d, nu, y === 0);
              loss += r.loss;
              g = (y === 0 ? 1 : y) * r.gradD;
            }
            gw[h] = g;
            gl[h] = -g;
          }
          return loss;
        },
        accuracy(ex, sw, sl) {
          let c = 0;
          let n = 0;
          for (let h = 0; h < dimensions.length; h++) {
            const y = ex.labels?.[h] ?? Number.NaN;
            if (Number.isNaN(y) || y === 0) continue;
            n++;
            if (y * (sw[h]! - sl[h]!) > 0) c++;
          }
          return [c, n];
        },
        params: () => ({ theta: o.theta, btt: o.multiLoss === "btt" ? 1 : 0 }),
      };
    }
    case "pal": {
      const K = o.prototypes;
      const a = new Float64Array(K);
      const names = Array.from({ length: K }, (_, k) => `proto_${k}`);
      return {
        heads: K,
        headNames: names,
        extraSize: nUsers * K,
        initExtra(extra, rng) {
          // Random user logits break the symmetry between prototypes.
          for (let i = 0; i < extra.length; i++) extra[i] = rng.normal();
        },
        loss(ex, sw, sl, gw, gl, extra, gExtra) {
          if (ex.tie) {
            gw.fill(0);
            gl.fill(0);
            return 0;
          }
          if (ex.user >= 0) softmax(extra.subarray(ex.user * K, ex.user * K + K), a);
          else a.fill(1 / K);
          let d = 0;
          for (let k = 0; k < K; k++) d += a[k]! * (sw[k]! - sl[k]!);
          const r = btLoss(d, { margin: marginOf(ex), labelSmoothing: o.labelSmoothing });
          for (let k = 0; k < K; k++) {
            gw[k] = r.grad * a[k]!;
            gl[k] = -r.grad * a[k]!;
          }
          if (gExtra && ex.user >= 0) {
            // ∂d/∂logit_j = a_j (D_j − d), D_j the prototype-j gap.
            for (let j = 0; j < K; j++) gExtra[ex.user * K + j]! += r.grad * a[j]! * (sw[j]! - sl[j]! - d);
          }
          return r.loss;
        },
        accuracy(ex, sw, sl, extra) {
          if (ex.tie) return [0, 0];
          if (ex.user >= 0) softmax(extra.subarray(ex.user * K, ex.user * K + K), a);
          else a.fill(1 / K);
          let d = 0;
          for (let k = 0; k < K; k++) d += a[k]! * (sw[k]! - sl[k]!);
          return [d > 0 ? 1 : 0, 1];
        },
        params: () => ({ prototypes: K, margin: o.margin }),
        users(extra, userNames) {
          const m = new Map<string, Float64Array>();
          userNames.forEach((u, i) => {
            m.set(u, Float64Array.from(extra.subarray(i * K, i * K + K)));
          });
          return m;
        },
      };
    }
  }
}
