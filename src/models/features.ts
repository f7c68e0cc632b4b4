import { z } from "zod";
import { hashedIndex } from "./hash.ts";
import { type SparseVec, sparseFrom } from "./sparse.ts";
import { TEXT_STAT_NAMES, textStats } from "./text-stats.ts";

/** How texts become feature vectors; saved with a model so scoring uses exactly the training features. */
export const featureConfigSchema = z.strictObject({
  /** Hashed region size is 2^bits. */
  bits: z.int().min(4).max(28).default(18),
  /** Word n-gram orders (1 = unigrams, 2 = bigrams, ...). */
  word_ngrams: z.array(z.int().min(1).max(5)).default([1, 2]),
  /** Character n-gram orders (none by default). */
  char_ngrams: z.array(z.int().min(1).max(8)).default([]),
  lowercase: z.boolean().default(true),
  /** Append the text statistics of `TEXT_STAT_NAMES`. */
  stats: z.boolean().default(true),
  /** L2-normalise the hashed region, so long texts do not score high by count alone. */
  normalize: z.boolean().default(true),
  /** Seed of the feature hash. */
  hash_seed: z.int().min(0).default(0),
  /** Texts are cut to this many characters first, so hostile input stays linear and bounded. */
  max_chars: z.int().min(1).default(100_000),
  /** An embedding supplied in a column: `field` names it, `dim` is its length. */
  embedding: z.strictObject({ field: z.string().min(1), dim: z.int().min(1) }).optional(),
});

/** Parsed feature configuration. */
export type FeatureConfig = z.output<typeof featureConfigSchema>;

/**
 * The full feature configuration with defaults filled in.
 * @example featureConfig({ bits: 12 }).word_ngrams // [1, 2]
 */
export function featureConfig(input: z.input<typeof featureConfigSchema> = {}): FeatureConfig {
  return featureConfigSchema.parse(input);
}

/**
 * Length of the feature vector: hashed region, then statistics, then the embedding.
 * @example featureDim(featureConfig({ bits: 4 })) // 16 + 9
 */
export function featureDim(c: FeatureConfig): number {
  return 2 ** c.bits + (c.stats ? TEXT_STAT_NAMES.length : 0) + (c.embedding?.dim ?? 0);
}

/** What one text is featurised from. */
export interface FeatureInput {
  text: string;
  prompt?: string;
  embedding?: ArrayLike<number>;
}

const TOKEN = /[\p{L}\p{N}_']+|[^\s\p{L}\p{N}_']/gu;

/**
 * Turns a response (and optionally its prompt and embedding) into a sparse feature vector:
 * signed hashed word/char n-gram counts, text statistics and embedding values.
 * An embedding of the wrong length is an error (throws), not a silent truncation.
 * @example featurize({ text: "the cat" }, featureConfig({ bits: 10 }))
 */
export function featurize(input: FeatureInput, c: FeatureConfig): SparseVec {
  let text = input.text.length > c.max_chars ? input.text.slice(0, c.max_chars) : input.text;
  const raw = text;
  if (c.lowercase) text = text.toLowerCase();
  const idx: number[] = [];
  const val: number[] = [];
  if (c.word_ngrams.length) {
    const tokens = text.match(TOKEN) ?? [];
    for (const n of c.word_ngrams) {
      for (let i = 0; i + n <= tokens.length; i++) {
        const key = n === 1 ? `w1:${tokens[i]}` : `w${n}:${tokens.slice(i, i + n).join(" ")}`;
        const h = hashedIndex(key, c.bits, c.hash_seed);
        idx.push(h.index);
        val.push(h.sign);
      }
    }
  }
  for (const n of c.char_ngrams) {
    for (let i = 0; i + n <= text.length; i++) {
      const h = hashedIndex(`c${n}:${text.slice(i, i + n)}`, c.bits, c.hash_seed);
      idx.push(h.index);
      val.push(h.sign);
    }
  }
  const hashed = sparseFrom(idx, val);
  if (c.normalize) {
    let s = 0;
    for (let k = 0; k < hashed.val.length; k++) s += hashed.val[k]! * hashed.val[k]!;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let k = 0; k < hashed.val.length; k++) hashed.val[k]! *= inv;
  }
  const base = 2 ** c.bits;
  const extraI: number[] = [];
  const extraV: number[] = [];
  if (c.stats) {
    const s = textStats(raw, input.prompt);
    for (let k = 0; k < s.length; k++) {
      if (s[k] !== 0) {
        extraI.push(base + k);
        extraV.push(s[k]!);
      }
    }
  }
  if (c.embedding) {
    const e = input.embedding;
    if (!e || e.length !== c.embedding.dim) {
      throw new Error(
        `embedding "${c.embedding.field}" must be an array of ${c.embedding.dim} numbers (got ${e ? `length ${e.length}` : "none"})`,
      );
    }
    const off = base + (c.stats ? TEXT_STAT_NAMES.length : 0);
    for (let k = 0; k < e.length; k++) {
      const v = Number(e[k]);
      if (!Number.isFinite(v))
        throw new Error(`embedding "${c.embedding.field}"[${k}] is not a finite number`);
      if (v !== 0) {
        extraI.push(off + k);
        extraV.push(v);
      }
    }
  }
  if (!extraI.length) return hashed;
  const outI = new Int32Array(hashed.idx.length + extraI.length);
  const outV = new Float64Array(outI.length);
  outI.set(hashed.idx);
  outV.set(hashed.val);
  outI.set(extraI, hashed.idx.length);
  outV.set(extraV, hashed.idx.length);
  return { idx: outI, val: outV };
}
