import { btLoss } from "../../models/losses/bradley-terry.ts";
import { LabRandom } from "../random.ts";

/** A preference between two trajectories given as state-feature sequences: `a` preferred when `label` = 1. */
export interface TrajectoryPreference {
  a: readonly Float64Array[];
  b: readonly Float64Array[];
  /** 1 = a preferred, 0 = b preferred, 0.5 = tie. */
  label: number;
}

/**
 * A per-state reward r(s) = w·f(s) learned from trajectory preferences with the Bradley-Terry model on
 * summed rewards, P(a ≻ b) = σ(Σ_a r − Σ_b r), minimising rewardkit's `btLoss` by SGD with L2.
 * (Christiano et al., arXiv 1706.03741; Bradley & Terry 1952)
 * @example const w = learnPreferenceReward(prefs, { dim: 169 }); // reward of s = w·f(s)
 */
export function learnPreferenceReward(
  prefs: readonly TrajectoryPreference[],
  o: { dim: number; epochs?: number; lr?: number; l2?: number; seed?: number },
): Float64Array {
  const w = new Float64Array(o.dim);
  const lr = o.lr ?? 0.05;
  const l2 = o.l2 ?? 1e-3;
  const rand = new LabRandom(o.seed ?? 0);
  const sum = (traj: readonly Float64Array[]) => {
    const out = new Float64Array(o.dim);
    for (const f of traj) for (let k = 0; k < o.dim; k++) out[k]! += f[k]!;
    return out;
  };
  const pairs = prefs.map((p) => ({ fa: sum(p.a), fb: sum(p.b), label: p.label }));
  const order = pairs.map((_, i) => i);
  for (let e = 0; e < (o.epochs ?? 50); e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = rand.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const { fa, fb, label } = pairs[i]!;
      const [win, lose] = label >= 0.5 ? [fa, fb] : [fb, fa];
      let d = 0;
      for (let k = 0; k < o.dim; k++) d += w[k]! * (win[k]! - lose[k]!);
      // A tie (label 0.5) is half a win each way: label smoothing 0.5 on the BT loss.
      const { grad } = btLoss(d, { labelSmoothing: label === 0.5 ? 0.5 : 0 });
      for (let k = 0; k < o.dim; k++) w[k]! -= lr * (grad * (win[k]! - lose[k]!) + l2 * w[k]!);
    }
  }
  return w;
}
