import type { RewardResult } from "../core/types.ts";

/**
 * A result that is safe to put in JSON: a non-finite score, component or step value (which `JSON.stringify`
 * would silently turn into `null`, i.e. "does not apply") becomes a typed `internal` error instead.
 * @example finiteResult({ score: Number.NaN }) // { score: null, error: { kind: "internal", message: "non-finite score (NaN)" } }
 */
export function finiteResult(r: RewardResult): RewardResult {
  if (r === null || typeof r !== "object") {
    return { score: null, error: { kind: "internal", message: "reward returned no result" } };
  }
  let bad: string | undefined;
  if (r.score !== null && (typeof r.score !== "number" || !Number.isFinite(r.score)))
    bad = `score (${String(r.score)})`;
  if (!bad && r.components) {
    for (const k in r.components) {
      const v = r.components[k];
      if (v !== null && (typeof v !== "number" || !Number.isFinite(v))) {
        bad = `component "${k}" (${String(v)})`;
        break;
      }
    }
  }
  if (!bad && r.steps) {
    for (let i = 0; i < r.steps.length; i++) {
      const v = r.steps[i];
      if (v !== null && (typeof v !== "number" || !Number.isFinite(v))) {
        bad = `step ${i} (${String(v)})`;
        break;
      }
    }
  }
  if (!bad) return r;
  const out: RewardResult = { score: null, error: { kind: "internal", message: `non-finite ${bad}` } };
  if (r.info) out.info = r.info;
  return out;
}

/**
 * The `/v1/score` body `{spec, results}`. Every result passes `finiteResult` (skipped when the caller already
 * did: `finite`); a result whose `info` cannot be serialised (a BigInt, a cycle) keeps its score and says so in
 * `info` rather than failing the whole batch.
 * @example serializeResults("demo", [{ score: 1 }]) // '{"spec":"demo","results":[{"score":1}]}'
 */
export function serializeResults(spec: string, results: readonly RewardResult[], finite = false): string {
  const safe = finite ? results : results.map(finiteResult);
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
