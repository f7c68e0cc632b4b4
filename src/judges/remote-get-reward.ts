import { z } from "zod";
import { ok } from "../core/result.ts";
import { promptText } from "../core/text.ts";
import { leafKind } from "../spec/define-kind.ts";
import { remoteCall, remoteParams, renderOrThrow } from "./remote-common.ts";

/**
 * A reward server speaking OpenRLHF's `serve_rm` contract: `POST /get_reward` with
 * `{query: [prompt + response], prompts: [prompt], labels: [label]}` → `{rewards, scores?, extra_logs?}`; the
 * score is `rewards[0]`, and each `extra_logs` entry becomes a component. (OpenRLHF openrlhf/cli/serve_rm.py.)
 * @example { kind: remote.get_reward, url: "http://127.0.0.1:5000/get_reward" }
 */
export const remoteGetReward = leafKind({
  kind: "remote.get_reward",
  summary:
    "OpenRLHF serve_rm /get_reward: rewards[0] for query = prompt + response; extra_logs become components.",
  params: z.strictObject({
    ...remoteParams,
    /** The `query` text (templated): prompt and response as the RM was trained to read them. */
    query: z.string().min(1).default("{{item.prompt}}{{sample.output_text}}"),
    /** The `prompts` text (templated). */
    prompt: z.string().min(1).default("{{item.prompt}}"),
    /** The `labels` value (templated); default: the reference when it is a string, else "". */
    label: z.string().optional(),
  }),
  needs: { network: true },
  async score(r, p, ctx) {
    const query = renderOrThrow(p.query, r);
    const prompt = p.prompt === "{{item.prompt}}" ? promptText(r) : renderOrThrow(p.prompt, r);
    const label =
      p.label !== undefined ? renderOrThrow(p.label, r) : typeof r.reference === "string" ? r.reference : "";
    const { json, info } = await remoteCall(
      p,
      "remote.get_reward@1",
      "/get_reward",
      { query: [query], prompts: [prompt], labels: [label] },
      (j) => {
        const rw = (j as { rewards?: unknown } | null)?.rewards;
        if (!Array.isArray(rw) || rw.length !== 1) return "rewards is not a one-element list";
        return typeof rw[0] === "number" && Number.isFinite(rw[0])
          ? undefined
          : "rewards[0] is not a finite number";
      },
      ctx,
    );
    const body = json as { rewards: number[]; scores?: unknown; extra_logs?: Record<string, unknown> };
    const components: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(body.extra_logs ?? {})) {
      const x = Array.isArray(v) ? v[0] : v;
      components[k] = typeof x === "number" && Number.isFinite(x) ? x : null;
    }
    const s = Array.isArray(body.scores) ? body.scores[0] : undefined;
    if (typeof s === "number") info.openrlhf_score = s;
    return ok(body.rewards[0]!, { ...(Object.keys(components).length ? { components } : {}), info });
  },
});
