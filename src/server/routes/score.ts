import type { Hono } from "hono";
import type { RewardResult } from "../../core/types.ts";
import { type ScoreOutcome, scoreRequest } from "../../runtime/score-request.ts";
import type { ServedSpec } from "../../runtime/spec-set.ts";
import { answer, readJson, route, type ServerContext, specNamed, storedJson } from "../context.ts";
import { serializeResults } from "../serialize-results.ts";

/** Counts a scored batch in the metrics: rollouts by spec, errors by spec and kind. */
export function countResults(s: ServerContext, spec: ServedSpec, results: readonly RewardResult[]): void {
  s.metrics.rollouts.inc({ spec: spec.name }, results.length);
  for (let i = 0; i < results.length; i++) {
    const e = results[i]!.error;
    if (e) s.metrics.errors.inc({ spec: spec.name, kind: e.kind });
  }
}

/** Hands a scored batch to the `onScored` hook (run recording), when one is set. */
export function recordScored(s: ServerContext, out: ScoreOutcome): void {
  if (!s.onScored || !out.rollouts?.length) return;
  s.onScored(out.spec, out.rollouts, out.results, out.step, (out.ms ?? 0) / out.rollouts.length);
}

/**
 * `POST /v1/score` `{spec?, rollouts, step?, seed?}` → `{spec, results}` through the scoring service.
 * @example scoreRoutes(app, ctx)
 */
export function scoreRoutes(app: Hono, s: ServerContext): void {
  app.post(
    "/v1/score",
    route(s, "/v1/score", async (c) => {
      s.runtime.admit(1);
      const { bytes, body } = await readJson(s, c);
      const spec = specNamed(s, body.spec, "spec");
      return answer(s, c, "/v1/score", spec.hash, bytes, async (signal) => {
        const out = await scoreRequest(s.runtime, {
          spec,
          rollouts: body.rollouts,
          step: body.step,
          seed: body.seed,
          signal,
        });
        countResults(s, spec, out.results);
        recordScored(s, out);
        return storedJson(serializeResults(spec.name, out.results), !out.transient);
      });
    }),
  );
}
