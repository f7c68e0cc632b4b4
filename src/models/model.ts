import { z } from "zod";
import {
  type FeatureConfig,
  type FeatureInput,
  featureConfigSchema,
  featureDim,
  featurize,
} from "./features.ts";
import { softmax } from "./math.ts";
import { dotDense, type SparseVec } from "./sparse.ts";

/** The preference models rewardkit trains; all are linear in the features, per head. */
export const MODEL_TYPES = ["bt", "rao-kupper", "davidson", "soli", "multi", "pal", "vpl"] as const;
/** One of `MODEL_TYPES`. */
export type ModelType = (typeof MODEL_TYPES)[number];

const weightsSchema = z.strictObject({ indices: z.array(z.int().min(0)), values: z.array(z.number()) });

/** The JSON file a trained model is saved as (and the shape accepted inline in a spec). */
export const modelFileSchema = z.strictObject({
  format: z.literal("rewardkit.reward-model"),
  version: z.literal(1),
  type: z.enum(MODEL_TYPES),
  features: featureConfigSchema,
  /** One name per head: "score" for single-score models, dimension names, "proto_k", VPL rows. */
  head_names: z.array(z.string()).min(1),
  /** Sparse weights per head (same order as head_names). */
  weights: z.array(weightsSchema).min(1),
  /** Loss parameters, learned or fixed (theta, nu, margin, latent, ...). */
  params: z.record(z.string(), z.number()).default({}),
  /** Per-user parameters: PAL mixture logits, or VPL latent means. */
  users: z.record(z.string(), z.array(z.number())).optional(),
  /** Mean and standard deviation of scores over the training responses (ensembles normalise with them). */
  score_stats: z.strictObject({ mean: z.number(), std: z.number() }).optional(),
  training: z.record(z.string(), z.unknown()).optional(),
});

/** A saved model file. */
export type RewardModelFile = z.output<typeof modelFileSchema>;

/** A model's score for one response, with per-head components where a model has several. */
export interface ModelScore {
  score: number;
  components?: Record<string, number>;
}

/**
 * A trained linear preference model: features → per-head scores → one reward, user-aware for PAL and VPL.
 * @example const m = RewardModel.fromJSON(JSON.parse(text)); m.scoreText({ text: "answer" }).score
 */
export class RewardModel {
  readonly dim: number;
  readonly heads: number;
  private readonly buf: Float64Array;

  constructor(
    readonly type: ModelType,
    readonly features: FeatureConfig,
    readonly headNames: string[],
    /** Dense weights, head-major: head h occupies [h·dim, (h+1)·dim). */
    readonly weights: Float64Array,
    readonly params: Record<string, number> = {},
    readonly users: Map<string, Float64Array> = new Map(),
    readonly scoreStats?: { mean: number; std: number },
    readonly training?: Record<string, unknown>,
  ) {
    this.dim = featureDim(features);
    this.heads = headNames.length;
    if (weights.length !== this.dim * this.heads) {
      throw new Error(`model weights have length ${weights.length}, expected ${this.dim * this.heads}`);
    }
    this.buf = new Float64Array(this.heads);
  }

  /** Number of heads that score (VPL keeps its encoder rows after them). */
  get scoringHeads(): number {
    return this.type === "vpl" ? 1 + (this.params.latent ?? 0) : this.heads;
  }

  /** The features of one response under this model's feature configuration. */
  featurize(input: FeatureInput): SparseVec {
    return featurize(input, this.features);
  }

  /** Raw score of head `h` for a feature vector. */
  head(x: SparseVec, h: number): number {
    return dotDense(x, this.weights, h * this.dim);
  }

  /**
   * The reward of a featurised response: the single head; the mean (or one named head) of a multi-dimensional
   * model; the user's prototype mixture (PAL); base plus latent-weighted rows (VPL). Unknown users get
   * uniform prototype weights (PAL) or the prior latent z = 0 (VPL).
   */
  scoreVec(x: SparseVec, opts: { user?: string; head?: string } = {}): ModelScore {
    const n = this.scoringHeads;
    const s = this.buf;
    for (let h = 0; h < n; h++) s[h] = this.head(x, h);
    switch (this.type) {
      case "multi": {
        const components: Record<string, number> = {};
        let sum = 0;
        for (let h = 0; h < n; h++) {
          components[this.headNames[h]!] = s[h]!;
          sum += s[h]!;
        }
        if (opts.head !== undefined) {
          const k = this.headNames.indexOf(opts.head);
          if (k < 0)
            throw new Error(`model has no head "${opts.head}" (heads: ${this.headNames.join(", ")})`);
          return { score: s[k]!, components };
        }
        return { score: sum / n, components };
      }
      case "pal": {
        const logits = (opts.user !== undefined && this.users.get(opts.user)) || new Float64Array(n);
        const a = softmax(logits);
        let score = 0;
        const components: Record<string, number> = {};
        for (let h = 0; h < n; h++) {
          score += a[h]! * s[h]!;
          components[this.headNames[h]!] = s[h]!;
        }
        return { score, components };
      }
      case "vpl": {
        const zv = opts.user !== undefined ? this.users.get(opts.user) : undefined;
        let score = s[0]!;
        if (zv) for (let l = 0; l < n - 1; l++) score += zv[l]! * s[1 + l]!;
        return { score };
      }
      default:
        return { score: s[0]! };
    }
  }

  /** Featurises and scores one response. */
  scoreText(input: FeatureInput, opts: { user?: string; head?: string } = {}): ModelScore {
    return this.scoreVec(this.featurize(input), opts);
  }

  /** The saved form: sparse weights per head, exact doubles. */
  toJSON(): RewardModelFile {
    const weights: { indices: number[]; values: number[] }[] = [];
    for (let h = 0; h < this.heads; h++) {
      const indices: number[] = [];
      const values: number[] = [];
      const off = h * this.dim;
      for (let i = 0; i < this.dim; i++) {
        const v = this.weights[off + i]!;
        if (v !== 0) {
          indices.push(i);
          values.push(v);
        }
      }
      weights.push({ indices, values });
    }
    const out: RewardModelFile = {
      format: "rewardkit.reward-model",
      version: 1,
      type: this.type,
      features: this.features,
      head_names: this.headNames,
      weights,
      params: this.params,
    };
    if (this.users.size) {
      out.users = Object.fromEntries([...this.users].map(([k, v]) => [k, Array.from(v)]));
    }
    if (this.scoreStats) out.score_stats = this.scoreStats;
    if (this.training) out.training = this.training;
    return out;
  }

  /**
   * Rebuilds a model from its saved (or inline) form, validating the shape; throws with the problem.
   * @example RewardModel.fromJSON(model.toJSON())
   */
  static fromJSON(raw: unknown): RewardModel {
    const r = modelFileSchema.safeParse(raw);
    if (!r.success) {
      const first = r.error.issues[0];
      throw new Error(
        `invalid model file: ${first ? `${first.path.join(".")}: ${first.message}` : "bad shape"}`,
      );
    }
    const f = r.data;
    if (f.weights.length !== f.head_names.length) {
      throw new Error(`invalid model file: ${f.weights.length} weight rows for ${f.head_names.length} heads`);
    }
    const dim = featureDim(f.features);
    const w = new Float64Array(dim * f.head_names.length);
    f.weights.forEach((row, h) => {
      if (row.indices.length !== row.values.length) {
        throw new Error(
          `invalid model file: weights[${h}] has ${row.indices.length} indices and ${row.values.length} values`,
        );
      }
      for (let k = 0; k < row.indices.length; k++) {
        const i = row.indices[k]!;
        if (i >= dim) throw new Error(`invalid model file: weights[${h}] index ${i} ≥ dimension ${dim}`);
        w[h * dim + i] = row.values[k]!;
      }
    });
    const users = new Map<string, Float64Array>();
    for (const [k, v] of Object.entries(f.users ?? {})) users.set(k, Float64Array.from(v));
    return new RewardModel(f.type, f.features, f.head_names, w, f.params, users, f.score_stats, f.training);
  }
}
