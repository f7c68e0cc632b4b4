import { z } from "zod";

const name = z.string().min(1);
const finite = z.number().refine(Number.isFinite, "expected a finite number");

/** `string_check`: 1 when `input` compares to `reference` under `operation`, else 0. */
export const stringCheckShape = z.strictObject({
  type: z.literal("string_check"),
  name,
  input: z.string(),
  reference: z.string(),
  // The guide's prose says "neq"; the schema says "ne". Both are accepted, "neq" is read as "ne".
  operation: z.enum(["eq", "ne", "neq", "like", "ilike"]),
});

/** The metrics of `text_similarity`. */
export const similarityMetrics = [
  "fuzzy_match",
  "bleu",
  "gleu",
  "meteor",
  "cosine",
  "rouge_1",
  "rouge_2",
  "rouge_3",
  "rouge_4",
  "rouge_5",
  "rouge_l",
] as const;

/** `text_similarity`: a similarity in [0, 1] between `input` and `reference`. */
export const textSimilarityShape = z.strictObject({
  type: z.literal("text_similarity"),
  name,
  input: z.string(),
  reference: z.string(),
  evaluation_metric: z.enum(similarityMetrics),
  pass_threshold: finite.optional(),
});

/** `python`: `def grade(sample, item) -> float` run in the code sandbox. */
export const pythonShape = z.strictObject({
  type: z.literal("python"),
  name,
  source: z.string().max(256 * 1024, "python grader source must be under 256 kB"),
  image_tag: z.string().optional(),
  pass_threshold: finite.optional(),
});

const messageShape = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant"]),
  content: z.unknown(),
});

/** `score_model`: a judge model returns a number clamped to `range`. */
export const scoreModelShape = z.strictObject({
  type: z.literal("score_model"),
  name,
  model: z.string().min(1),
  input: z.array(messageShape).min(1),
  range: z.tuple([finite, finite]).optional(),
  pass_threshold: finite.optional(),
  sampling_params: z.looseObject({}).optional(),
});

/** `label_model`: a judge model picks a label; 1 when it is among `passing_labels`. */
export const labelModelShape = z.strictObject({
  type: z.literal("label_model"),
  name,
  model: z.string().min(1),
  input: z.array(messageShape).min(1),
  labels: z.array(z.string()).min(1),
  passing_labels: z.array(z.string()).min(1),
});

/** Every grader that is not `multi`. */
export const singleGraderShape = z.discriminatedUnion("type", [
  stringCheckShape,
  textSimilarityShape,
  pythonShape,
  scoreModelShape,
  labelModelShape,
]);

/** `multi`: named sub-graders combined by the `calculate_output` formula (multis do not nest). */
export const multiShape = z.strictObject({
  type: z.literal("multi"),
  name,
  graders: z.union([
    z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), singleGraderShape),
    singleGraderShape,
  ]),
  calculate_output: z.string().min(1),
});

/** Any OpenAI grader. */
export const graderShape = z.discriminatedUnion("type", [
  stringCheckShape,
  textSimilarityShape,
  pythonShape,
  scoreModelShape,
  labelModelShape,
  multiShape,
]);

export type SingleGrader = z.infer<typeof singleGraderShape>;
export type MultiGrader = z.infer<typeof multiShape>;
export type Grader = z.infer<typeof graderShape>;
