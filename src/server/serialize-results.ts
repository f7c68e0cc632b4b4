import type { RewardResult } from "../core/types.ts";

/**
 * The `/v1/score` body `{spec, results}` (results come finite from the scoring service); a result whose `info`
 * cannot be serialised (a BigInt, a cycle) keeps its score and says so in `info` rather than failing the batch.
 * @example serializeResults("demo", [{ score: 1 }]) // '{"spec":"demo","results":[{"score":1}]}'
 */
export function serializeResults(spec: string, results: readonly RewardResult[]): string {
  const safe = results;
  try {
    return JSON.stringify({ spec, results: safe });
  } catch {
    const parts = safe.map((r) => {
      try {
        return JSON.stringify(r);
      } catch {
        const { info: _drop, ...rest } = r;
        return JSON.stringify({ ...rest, info: { unserializable: "info held a value JSON cannot carry" } });
      }
    });
    return `{"spec":${JSON.stringify(spec)},"results":[${parts.join(",")}]}`;
  }
}
