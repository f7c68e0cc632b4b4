import type { RewardResult } from "./types.ts";

/**
 * A result every output can carry as-is: a non-finite score, component or step value (which `JSON.stringify`
 * would silently turn into `null`, i.e. "does not apply") becomes a typed `internal` error instead, and a
 * missing result becomes one too. `scoreOne` and `scoreBatch` apply it to every result they return.
 * @example finiteResult({ score: Number.NaN }) // { score: null, error: { kind: "internal", message: "non-finite score (NaN)" } }
 */
export function finiteResult(r: RewardResult): RewardResult {
  if (r === null || typeof r !== "object") {
    return { score: null, error: { kind: "internal", message: "reward returned no result" } };
  }
  let bad: string | undefined;
  const score = r.score;
  if (score !== null && (typeof score !== "number" || !Number.isFinite(score)))
    bad = `score (${String(score)})`;
  const components = r.components;
  if (!bad && components) {
    for (const k in components) {
      const v = components[k];
      if (v !== null && (typeof v !== "number" || !Number.isFinite(v))) {
        bad = `component "${k}" (${String(v)})`;
        break;
      }
    }
  }
  const steps = r.steps;
  if (!bad && steps) {
    for (let i = 0; i < steps.length; i++) {
      const v = steps[i];
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
