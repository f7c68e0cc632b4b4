import { btLoss } from "./losses/bradley-terry.ts";
import { softmax } from "./math.ts";
import type { RewardModel } from "./model.ts";
import type { EncodedPair } from "./objectives.ts";

/**
 * Fits only a new user's mixture logits W_u over a trained PAL model's frozen prototypes from a few labelled
 * pairs (PAL, arXiv 2406.08469: "new users: only W_i is fit"; formula sheet §3d). Full-batch gradient descent
 * on the BT loss of d_u = Σ_k softmax(W_u)_k (s_k(y_w) − s_k(y_l)); deterministic, starts at uniform weights.
 * @example model.users.set("newcomer", fitPalUser(model, fewPairs));
 */
export function fitPalUser(
  model: RewardModel,
  pairs: readonly Pick<EncodedPair, "w" | "l" | "tie">[],
  opts: { steps?: number; lr?: number; l2?: number } = {},
): Float64Array {
  if (model.type !== "pal") throw new Error(`fitPalUser needs a pal model, got ${model.type}`);
  const K = model.heads;
  const gaps = pairs
    .filter((p) => !p.tie)
    .map((p) => Float64Array.from({ length: K }, (_, k) => model.head(p.w, k) - model.head(p.l, k)));
  const logits = new Float64Array(K);
  const a = new Float64Array(K);
  const g = new Float64Array(K);
  const steps = opts.steps ?? 300;
  const lr = opts.lr ?? 0.5;
  const l2 = opts.l2 ?? 1e-3;
  for (let t = 0; t < steps && gaps.length; t++) {
    softmax(logits, a);
    g.fill(0);
    for (const D of gaps) {
      let d = 0;
      for (let k = 0; k < K; k++) d += a[k]! * D[k]!;
      const r = btLoss(d);
      for (let j = 0; j < K; j++) g[j]! += r.grad * a[j]! * (D[j]! - d);
    }
    for (let j = 0; j < K; j++) logits[j]! -= lr * (g[j]! / gaps.length + l2 * logits[j]!);
  }
  return logits;
}
