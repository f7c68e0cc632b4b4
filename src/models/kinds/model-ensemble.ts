import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText, promptText } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { RewardEnsemble } from "../ensemble.ts";
import { embeddingOf } from "./model-bt.ts";
import { modelSource, resolveModel } from "./model-source.ts";

const params = z.strictObject({
  models: z.array(modelSource).min(1),
  combine: z.enum(["mean", "min", "median"]).default("mean"),
  /** z-normalise each member by its training score statistics before combining. */
  normalize: z.boolean().default(true),
  user_field: z.string().default("user"),
});

/**
 * An ensemble of trained preference models, each z-normalised, combined by mean, min or median
 * (BaseReward, arXiv 2509.16127, recommends RM ensembling; its rule is unconfirmed, so `combine` is a parameter).
 * @example { kind: model.ensemble, models: [rm1.json, rm2.json], combine: mean }
 */
export const modelEnsemble = leafKind({
  kind: "model.ensemble",
  summary: "Combine several trained preference models (z-normalised mean, min or median).",
  params,
  prepare: (p, ctx) =>
    new RewardEnsemble(
      p.models.map((m) => resolveModel(m, ctx)),
      p.combine,
      p.normalize,
    ),
  score(r, p, _ctx, ens: RewardEnsemble) {
    const embeddings: Record<string, number[]> = {};
    for (const m of ens.members) {
      const e = embeddingOf(r, m);
      if (typeof e === "string") return fail("invalid_input", e);
      if (e && m.features.embedding) embeddings[m.features.embedding.field] = e;
    }
    const userRaw = r.meta?.[p.user_field];
    const s = ens.score(
      { text: completionText(r), prompt: promptText(r), embeddings },
      userRaw === undefined || userRaw === null ? {} : { user: String(userRaw) },
    );
    return ok(s.score, {
      components: s.components,
      info: { members: ens.members.length, combine: p.combine },
    });
  },
});
