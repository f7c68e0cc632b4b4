import { z } from "zod";
import { fail, ok } from "../core/result.ts";
import { leafKind } from "../spec/define-kind.ts";
import { remoteCall, remoteParams, renderOrThrow } from "./remote-common.ts";

function entries(json: unknown): { index: number; score: number }[] | undefined {
  const list = Array.isArray(json) ? json : (json as { results?: unknown } | null)?.results;
  if (!Array.isArray(list)) return undefined;
  const out: { index: number; score: number }[] = [];
  for (const e of list) {
    const o = e as { index?: unknown; score?: unknown; relevance_score?: unknown } | null;
    const s = o?.score ?? o?.relevance_score;
    if (typeof o?.index !== "number" || typeof s !== "number" || !Number.isFinite(s)) return undefined;
    out.push({ index: o.index, score: s });
  }
  return out;
}

/**
 * A cross-encoder relevance reward behind TEI's `POST /rerank` (`{query, texts: [response], raw_scores}` →
 * `[{index, score}]`; a `{results: [{index, relevance_score}]}` answer is read too). (text-embeddings-inference.)
 * @example { kind: remote.rerank, base_url: "http://127.0.0.1:8080", query: "{{item.prompt}}" }
 */
export const remoteRerank = leafKind({
  kind: "remote.rerank",
  summary: "TEI /rerank relevance of the response to the query (a cross-encoder reward).",
  params: z.strictObject({
    ...remoteParams,
    query: z.string().min(1).default("{{item.prompt}}"),
    text: z.string().min(1).default("{{sample.output_text}}"),
    /** Ask for raw logits instead of sigmoid scores. */
    raw_scores: z.boolean().default(false),
  }),
  needs: { network: true },
  async score(r, p, ctx) {
    const body: Record<string, unknown> = {
      query: renderOrThrow(p.query, r),
      texts: [renderOrThrow(p.text, r)],
      raw_scores: p.raw_scores,
      ...(p.model ? { model: p.model } : {}),
    };
    const { json, info } = await remoteCall(
      p,
      "remote.rerank@1",
      "/rerank",
      body,
      (j) => (entries(j) ? undefined : "not a list of {index, score}"),
      ctx,
    );
    const hit = entries(json)!.find((e) => e.index === 0);
    if (!hit) return fail("upstream", "the rerank answer has no entry for index 0", { info });
    return ok(hit.score, { info });
  },
});
