import type { RewardSpec } from "../spec/spec.ts";
import { readScored } from "./import/scored.ts";
import { RunStore } from "./store.ts";

/**
 * Appends the rows of a scored file (written by `rewardkit score`) to the run in `dir` (created when absent),
 * with the spec, its hash and the scoring time.
 * @example await recordScoredFile("runs/a", "scored.jsonl", { spec, step: 3, ms: 1200 })
 */
export async function recordScoredFile(
  dir: string,
  scored: string,
  o: { spec?: RewardSpec; step?: number; ms?: number; source?: string },
): Promise<number> {
  const run = RunStore.create(dir, { source: o.source ?? "score" });
  try {
    if (o.spec) run.setSpec(o.spec);
    let rows = 0;
    for await (const batch of readScored(scored, o.step !== undefined ? { step: o.step } : {})) {
      run.append(batch);
      rows += batch.length;
    }
    if (o.ms !== undefined && rows > 0) {
      const prev = Number(run.getMeta("scoring_ms") ?? 0);
      run.setMeta("scoring_ms", String(prev + o.ms));
    }
    run.finish();
    return rows;
  } finally {
    run.close();
  }
}
