import { defineReward } from "../core/reward.ts";
import { isPromise, RewardFailure } from "../core/result.ts";
import type { NodeSpec, Reward, RewardResult, Rollout } from "../core/types.ts";
import { compileNode } from "../spec/compile.ts";
import { Registry } from "../spec/registry.ts";
import {
  similarityBleu,
  similarityFuzzy,
  similarityGleu,
  similarityMeteor,
  similarityRouge,
} from "../verifiers/similarity/kinds.ts";
import type { SingleGrader } from "./schema.ts";

type TextSimilarity = Extract<SingleGrader, { type: "text_similarity" }>;
type Metric = TextSimilarity["evaluation_metric"];

// Only the similarity kinds: a grader never reaches any other kind through this path.
const kinds = new Registry().add(
  similarityFuzzy,
  similarityBleu,
  similarityGleu,
  similarityMeteor,
  similarityRouge,
);

/**
 * The `similarity.*` node an OpenAI `evaluation_metric` runs as (with the kinds' defaults: rapidfuzz `ratio`,
 * sacreBLEU 13a with exp smoothing, NLTK GLEU, NLTK METEOR with Porter stems, rouge-score), or null for
 * `cosine`, which needs an embeddings endpoint.
 * @example similarityNode("rouge_2") // { kind: "similarity.rouge", variant: "rouge_2" }
 */
export function similarityNode(metric: Metric): NodeSpec | null {
  switch (metric) {
    case "fuzzy_match":
      return { kind: "similarity.fuzzy_match" };
    case "bleu":
      return { kind: "similarity.bleu" };
    case "gleu":
      return { kind: "similarity.gleu" };
    case "meteor":
      return { kind: "similarity.meteor" };
    case "cosine":
      return null;
    default:
      return { kind: "similarity.rouge", variant: metric };
  }
}

/**
 * A `text_similarity` grader as a reward: renders `input` and `reference`, then scores them with the
 * `similarity.*` kind of its metric. The score is the raw similarity; `pass_threshold` only sets `info.passed`
 * (OpenAI's reward is the similarity, the threshold is a verdict beside it).
 * @example textSimilarityReward(g, "sim", render).score({ completion: "sitting", reference: {} }, {})
 */
export function textSimilarityReward(
  g: TextSimilarity,
  name: string,
  render: (r: Rollout, input: string, reference: string) => [string, string],
): Reward {
  const node = similarityNode(g.evaluation_metric);
  const inner = node ? compileNode(node, { registry: kinds }, ["grader", name]) : null;
  const threshold = g.pass_threshold;
  const verdict = (res: RewardResult): RewardResult =>
    res.score === null || threshold === undefined
      ? res
      : { ...res, info: { ...res.info, passed: res.score >= threshold } };
  return defineReward({
    kind: "openai.text_similarity",
    name,
    params: {
      input: g.input,
      reference: g.reference,
      evaluation_metric: g.evaluation_metric,
      ...(g.pass_threshold !== undefined ? { pass_threshold: g.pass_threshold } : {}),
    },
    score: (r, _p, ctx) => {
      if (!inner) {
        throw new RewardFailure(
          "upstream",
          "cosine similarity needs an embeddings endpoint (OpenAI evals only); not configured",
        );
      }
      const [input, reference] = render(r, g.input, g.reference);
      const res = inner.score({ completion: input, reference }, ctx);
      return isPromise(res) ? res.then(verdict) : verdict(res);
    },
  });
}
