import type { Hono } from "hono";
import { brief, RewardkitError } from "../../core/errors.ts";
import { scoreRequest } from "../../runtime/score-request.ts";
import { answer, readJson, route, type ServerContext, specNamed, storedJson } from "../context.ts";
import { componentKeys, openrlhfJson, openrlhfRollouts, toOpenRLHF } from "../openrlhf.ts";
import { countResults } from "./score.ts";

/**
 * `POST /get_reward` and `/get_reward/:spec` (OpenRLHF's remote reward-model contract): `{query, prompts?,
 * labels?}` → `{rewards, scores, extra_logs}`, scored through the scoring service.
 * @example getRewardRoutes(app, ctx)
 */
export function getRewardRoutes(app: Hono, s: ServerContext): void {
  const handler = route(s, "/get_reward", async (c) => {
    s.runtime.admit(1);
    const { bytes, body } = await readJson(s, c);
    const spec = specNamed(s, c.req.param("spec") ?? c.req.query("spec"), "spec");
    const query = stringList(body.query, "query", true)!;
    const prompts = stringList(body.prompts, "prompts", false);
    const labels = body.labels;
    if (labels !== undefined && labels !== null && !Array.isArray(labels)) {
      throw new RewardkitError("E_BAD_REQUEST", [
        { path: "labels", message: `expected an array, got ${brief(labels)}` },
      ]);
    }
    for (const [name, list] of [
      ["prompts", prompts],
      ["labels", labels],
    ] as const) {
      if (Array.isArray(list) && list.length !== query.length) {
        throw new RewardkitError("E_BAD_REQUEST", [
          { path: name, message: `has ${list.length} entries but query has ${query.length}` },
        ]);
      }
    }
    const fill = s.openrlhf.fill;
    let keys = s.openrlhfKeys.get(spec.name);
    if (!keys) s.openrlhfKeys.set(spec.name, (keys = new Set(componentKeys(spec.reward))));
    const known = keys;
    return answer(s, c, "/get_reward", spec.hash, bytes, async (signal) => {
      // The limit is checked on `query` before any rollout is built from it.
      const { rollouts } =
        query.length > s.runtime.limits.max_rollouts
          ? { rollouts: query }
          : openrlhfRollouts(
              query,
              prompts ?? [],
              Array.isArray(labels) ? labels : [],
              s.openrlhf.trailingTokens,
            );
      const out = await scoreRequest(s.runtime, {
        spec,
        rollouts,
        at: "query",
        step: body.step,
        seed: body.seed,
        signal,
      });
      countResults(s, spec, out.results);
      for (const r of out.results) if (r.components) for (const k in r.components) known.add(k);
      // Float-typed JSON and every known component key; an empty answer is not replayed (keys may grow).
      const json = openrlhfJson(toOpenRLHF(out.results, fill, known));
      return storedJson(json, !out.transient && out.results.length > 0);
    });
  });
  app.post("/get_reward", handler);
  app.post("/get_reward/:spec", handler);
}

function stringList(v: unknown, at: string, required: boolean): string[] | undefined {
  if (v === undefined || v === null) {
    if (required) throw new RewardkitError("E_BAD_REQUEST", [{ path: at, message: "required" }]);
    return undefined;
  }
  if (!Array.isArray(v))
    throw new RewardkitError("E_BAD_REQUEST", [
      { path: at, message: `expected an array of strings, got ${brief(v)}` },
    ]);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== "string")
      throw new RewardkitError("E_BAD_REQUEST", [
        { path: `${at}[${i}]`, message: `expected a string, got ${brief(v[i])}` },
      ]);
  }
  return v as string[];
}
