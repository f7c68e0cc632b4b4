import { type FeatureConfig, featureConfig, featureDim, featurize } from "./features.ts";
import { RewardModel } from "./model.ts";
import { type EncodedPair, makeObjective, type Objective, type ObjectiveOptions } from "./objectives.ts";
import { addScaled, SparseOptimizer } from "./optimizer.ts";
import type { PreferencePair } from "./preference-data.ts";
import { Rng } from "./rng.ts";
import { dotDense, type SparseVec } from "./sparse.ts";
import { type EpochMetrics, type TrainOptions, type TrainResult, withScoreStats } from "./training.ts";
import { trainVpl } from "./vpl.ts";

export type { EpochMetrics, TrainOptions, TrainResult } from "./training.ts";
export { withScoreStats } from "./training.ts";

const DEFAULTS: ObjectiveOptions = {
  margin: 0,
  dataMargin: false,
  labelSmoothing: 0,
  center: 0,
  theta: 5,
  nu: 1,
  learnTie: true,
  soli: { margin: 3, cBt: 1, cBtt: 1, cBce: 0 },
  multiLoss: "btt",
  prototypes: 2,
};

/** Featurises pairs once (texts cached), expanding list-valued chosen/rejected into every combination. */
export function encodePairs(
  pairs: PreferencePair[],
  fc: FeatureConfig,
  users: Map<string, number>,
  dimensions: string[],
): { encoded: EncodedPair[]; sources: number[] } {
  const cache = new Map<string, SparseVec>();
  const feat = (text: string, prompt: string, emb?: number[]): SparseVec => {
    if (emb) return featurize({ text, prompt, embedding: emb }, fc);
    const key = fc.stats ? `${prompt}\u0000${text}` : text;
    let v = cache.get(key);
    if (!v) cache.set(key, (v = featurize({ text, prompt }, fc)));
    return v;
  };
  const encoded: EncodedPair[] = [];
  const sources: number[] = [];
  pairs.forEach((p, pi) => {
    for (let i = 0; i < p.chosen.length; i++) {
      for (let j = 0; j < p.rejected.length; j++) {
        const e: EncodedPair = {
          w: feat(p.chosen[i]!, p.prompt, p.chosenEmbedding?.[i]),
          l: feat(p.rejected[j]!, p.prompt, p.rejectedEmbedding?.[j]),
          tie: p.tie,
          user: p.user !== undefined ? (users.get(p.user) ?? -1) : -1,
          qw: p.qualityChosen ?? 1,
          ql: p.qualityRejected ?? (p.tie ? 1 : 0),
        };
        if (p.margin !== undefined) e.margin = p.margin;
        if (dimensions.length) {
          const lab = new Float64Array(dimensions.length).fill(Number.NaN);
          dimensions.forEach((d, k) => {
            const v = p.labels?.[d];
            if (v !== undefined) lab[k] = v;
          });
          e.labels = lab;
        }
        encoded.push(e);
        sources.push(pi);
      }
    }
  });
  return { encoded, sources };
}

/** Splits indices 0..n−1 into train and validation with a seeded shuffle. */
export function splitIndices(
  n: number,
  valFraction: number,
  rng: Rng,
): { train: Int32Array; val: Int32Array } {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  rng.shuffle(order);
  let nVal = Math.round(n * valFraction);
  if (nVal >= n) nVal = n - 1;
  if (nVal < 0) nVal = 0;
  return { val: order.slice(0, nVal), train: order.slice(nVal) };
}

/**
 * Trains a linear preference model (BT, Rao-Kupper, Davidson, SoliReward, multi-dimensional, PAL or VPL) on
 * hashed-feature pairs with a seeded mini-batch optimiser; the same data, options and seed give the same model.
 * @example const { model } = trainPreferenceModel(pairs, { type: "bt", epochs: 3, seed: 1 });
 */
export function trainPreferenceModel(pairs: PreferencePair[], opts: TrainOptions = {}): TrainResult {
  if (!pairs.length) throw new Error("no training pairs");
  const type = opts.type ?? "bt";
  const fc = featureConfig(opts.features ?? {});
  const userNames = [...new Set(pairs.map((p) => p.user).filter((u): u is string => u !== undefined))].sort();
  const users = new Map(userNames.map((u, i) => [u, i]));
  const dimensions =
    type === "multi"
      ? (opts.dimensions ?? [...new Set(pairs.flatMap((p) => Object.keys(p.labels ?? {})))].sort())
      : [];
  if (type === "multi" && !dimensions.length) {
    throw new Error('multi-dimensional training needs per-dimension "labels" (or "dimension") in the data');
  }
  const { encoded } = encodePairs(pairs, fc, users, dimensions);
  const seed = opts.seed ?? 0;
  const rng = new Rng(seed);
  const { train, val } = splitIndices(encoded.length, opts.valFraction ?? 0.1, rng);
  if (type === "vpl") {
    return trainVpl(encoded, train, val, fc, userNames, { ...opts, rng });
  }
  const o: ObjectiveOptions = { ...DEFAULTS, ...stripUndefined(opts) } as ObjectiveOptions;
  o.soli = { ...DEFAULTS.soli, ...(opts.soli ?? {}) };
  const obj = makeObjective(type, o, dimensions, userNames.length);
  const D = featureDim(fc);
  const H = obj.heads;
  const lr = opts.lr ?? 0.05;
  const l2 = opts.l2 ?? 1e-6;
  const opt = new SparseOptimizer(D * H, { kind: opts.optimizer ?? "adam", lr, l2 });
  const extraOpt = new SparseOptimizer(Math.max(1, obj.extraSize), { kind: "adam", lr, l2: 0 });
  obj.initExtra(extraOpt.params, rng);
  const gExtra = new Float64Array(Math.max(1, obj.extraSize));
  const epochs = opts.epochs ?? 5;
  const batch = Math.max(1, opts.batchSize ?? 64);
  const sw = new Float64Array(H);
  const sl = new Float64Array(H);
  const gw = new Float64Array(H);
  const gl = new Float64Array(H);
  const W = opt.params;
  const history: EpochMetrics[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const t0 = performance.now();
    rng.shuffle(train);
    let lossSum = 0;
    for (let start = 0; start < train.length; start += batch) {
      const end = Math.min(train.length, start + batch);
      gExtra.fill(0);
      for (let b = start; b < end; b++) {
        const ex = encoded[train[b]!]!;
        for (let h = 0; h < H; h++) {
          sw[h] = dotDense(ex.w, W, h * D);
          sl[h] = dotDense(ex.l, W, h * D);
        }
        lossSum += obj.loss(ex, sw, sl, gw, gl, extraOpt.params, gExtra);
        for (let h = 0; h < H; h++) {
          addScaled(opt, ex.w, h * D, gw[h]!);
          addScaled(opt, ex.l, h * D, gl[h]!);
        }
      }
      const scale = 1 / (end - start);
      opt.step(scale);
      if (obj.extraSize) {
        for (let i = 0; i < obj.extraSize; i++) if (gExtra[i] !== 0) extraOpt.add(i, gExtra[i]!);
        extraOpt.step(scale);
      }
      opts.onProgress?.(epoch, end, train.length);
    }
    const seconds = (performance.now() - t0) / 1000;
    const m: EpochMetrics = {
      epoch,
      trainLoss: lossSum / Math.max(1, train.length),
      ...validate(obj, encoded, val, W, D, extraOpt.params),
      pairsPerSecond: train.length / Math.max(seconds, 1e-9),
    };
    history.push(m);
    opts.onEpoch?.(m);
  }
  const model = new RewardModel(
    type,
    fc,
    obj.headNames,
    Float64Array.from(W),
    obj.params(extraOpt.params),
    obj.users ? obj.users(extraOpt.params, userNames) : new Map(),
    undefined,
    { pairs: encoded.length, train: train.length, validation: val.length, epochs, seed, lr, l2, batch },
  );
  return { model: withScoreStats(model, encoded, train), history };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function validate(
  obj: Objective,
  encoded: EncodedPair[],
  val: Int32Array,
  W: Float64Array,
  D: number,
  extra: Float64Array,
): Pick<EpochMetrics, "valLoss" | "valAccuracy" | "valTieRate" | "predictedTieRate"> {
  if (!val.length) return { valLoss: null, valAccuracy: null };
  const H = obj.heads;
  const sw = new Float64Array(H);
  const sl = new Float64Array(H);
  const gw = new Float64Array(H);
  const gl = new Float64Array(H);
  let loss = 0;
  let correct = 0;
  let counted = 0;
  let ties = 0;
  let predTie = 0;
  for (const i of val) {
    const ex = encoded[i]!;
    for (let h = 0; h < H; h++) {
      sw[h] = dotDense(ex.w, W, h * D);
      sl[h] = dotDense(ex.l, W, h * D);
    }
    loss += obj.loss(ex, sw, sl, gw, gl, extra, null);
    if (ex.tie) ties++;
    if (obj.tieProb) predTie += obj.tieProb(sw[0]! - sl[0]!, extra);
    if (obj.accuracy) {
      const [c, n] = obj.accuracy(ex, sw, sl, extra);
      correct += c;
      counted += n;
    } else if (!ex.tie) {
      counted++;
      if (sw[0]! - sl[0]! > 0) correct++;
    }
  }
  const out: ReturnType<typeof validate> = {
    valLoss: loss / val.length,
    valAccuracy: counted ? correct / counted : null,
  };
  if (obj.tieProb) {
    out.valTieRate = ties / val.length;
    out.predictedTieRate = predTie / val.length;
  }
  return out;
}
