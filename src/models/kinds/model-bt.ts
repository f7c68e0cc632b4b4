import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText, promptText } from "../../core/text.ts";
import type { Rollout } from "../../core/types.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { sigmoid } from "../math.ts";
import type { RewardModel } from "../model.ts";
import { modelSource, resolveModel } from "./model-source.ts";

const params = z.strictObject({
  /** The model: a file path (read by the CLI/server loader) or the saved JSON object inline. */
  model: modelSource,
  /** For a multi-dimensional model: score one head by name (default: the mean of all heads). */
  head: z.string().optional(),
  /** Where the user id is in `meta` (PAL and VPL score per user). */
  user_field: z.string().default("user"),
  /** What a user the model does not know gets: the population default (uniform / prior) or an error. */
  unknown_user: z.enum(["default", "error"]).default("default"),
  /** raw score, σ(score), or a z-score under the training score statistics. */
  output: z.enum(["raw", "sigmoid", "zscore"]).default("raw"),
});

/** Reads the embedding a model needs from `meta[field]`; a missing or bad one is reported, not zero-filled. */
export function embeddingOf(r: Rollout, m: RewardModel): number[] | string | undefined {
  const e = m.features.embedding;
  if (!e) return undefined;
  const v = r.meta?.[e.field];
  if (!Array.isArray(v)) return `meta.${e.field} must hold the response embedding (${e.dim} numbers)`;
  if (v.length !== e.dim || !v.every((x) => typeof x === "number" && Number.isFinite(x))) {
    return `meta.${e.field} must be ${e.dim} finite numbers (got ${v.length} values)`;
  }
  return v as number[];
}

/**
 * A trained preference model (BT, ties, SoliReward, multi-dimensional, PAL, VPL) as a reward: r(x) = w·φ(x)
 * on hashed n-gram, statistic and embedding features (Bradley-Terry reward model, formula sheet §3a).
 * @example { kind: model.bt, model: rm.json, output: sigmoid }
 */
export const modelBt = leafKind({
  kind: "model.bt",
  summary: "Score with a trained linear preference model (from `rewardkit rm train`).",
  params,
  prepare: (p, ctx) => {
    const m = resolveModel(p.model, ctx);
    if (p.head !== undefined && !m.headNames.includes(p.head)) {
      throw new Error(`model has no head "${p.head}" (heads: ${m.headNames.join(", ")})`);
    }
    return m;
  },
  score(r, p, _ctx, m: RewardModel) {
    const emb = embeddingOf(r, m);
    if (typeof emb === "string") return fail("invalid_input", emb);
    const userRaw = r.meta?.[p.user_field];
    const user = userRaw === undefined || userRaw === null ? undefined : String(userRaw);
    if (
      (m.type === "pal" || m.type === "vpl") &&
      p.unknown_user === "error" &&
      (user === undefined || !m.users.has(user))
    ) {
      return fail(
        "invalid_input",
        `unknown user ${user === undefined ? "(none)" : `"${user}"`} for a ${m.type} model`,
      );
    }
    const text = completionText(r);
    const s = m.scoreText(
      { text, prompt: promptText(r), ...(emb ? { embedding: emb } : {}) },
      { ...(user !== undefined ? { user } : {}), ...(p.head !== undefined ? { head: p.head } : {}) },
    );
    let score = s.score;
    if (p.output === "sigmoid") score = sigmoid(score);
    else if (p.output === "zscore") {
      if (!m.scoreStats) return fail("invalid_input", "model has no score statistics for output: zscore");
      score = (score - m.scoreStats.mean) / (m.scoreStats.std || 1);
    }
    return ok(score, {
      ...(s.components ? { components: s.components } : {}),
      info: { raw: s.score, type: m.type, ...(user !== undefined ? { user } : {}) },
    });
  },
});
