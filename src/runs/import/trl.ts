import { readParquet } from "../../io/parquet.ts";
import { type RunRecord, textOf } from "../record.ts";
import { filesByStep, num, PromptGroups } from "./common.ts";

const FIXED = new Set(["step", "prompt", "completion", "advantage", "image", "images"]);

/**
 * Reads TRL's `completions/completions_{step:05d}.parquet` (GRPO/RLOO `log_completions`): `step, prompt,
 * completion`, one column per reward function (unweighted), `log_extra` columns and `advantage`. The total is
 * Σ wᵢ·rᵢ over the reward columns (weights default 1, as TRL's `reward_weights`); a NaN reward (TRL's "does not
 * apply") is a null component and leaves the sum. Completions of the same prompt in a step form a group.
 * @example for await (const batch of readTrl("out/completions", { rewardColumns: ["accuracy"] })) run.append(batch);
 */
export async function* readTrl(
  dir: string,
  o: { rewardColumns?: string[]; weights?: Record<string, number> } = {},
): AsyncGenerator<RunRecord[]> {
  const groups = new PromptGroups();
  let index = 0;
  for (const f of filesByStep(dir, /^completions_(\d+)\.parquet$/)) {
    for await (const rows of readParquet(f.path)) {
      const out: RunRecord[] = [];
      for (const row of rows) {
        const step = num(row.step) ?? f.step;
        const rewardCols =
          o.rewardColumns ?? Object.keys(row).filter((k) => !FIXED.has(k) && num(row[k]) !== null);
        const components: Record<string, number | null> = {};
        let total = 0;
        let any = false;
        for (const k of rewardCols) {
          const v = num(row[k]);
          components[k] = v;
          if (v !== null) {
            total += (o.weights?.[k] ?? 1) * v;
            any = true;
          }
        }
        const prompt = textOf(row.prompt);
        const completion = textOf(row.completion);
        const extra: Record<string, unknown> = {};
        for (const k of Object.keys(row)) if (!FIXED.has(k) && !rewardCols.includes(k)) extra[k] = row[k];
        out.push({
          id: `${step}:${index++}`,
          step,
          group: groups.of(step, prompt),
          prompt,
          completion,
          score: any ? total : null,
          components,
          advantage: num(row.advantage),
          length: completion.length,
          ...(Object.keys(extra).length ? { extra } : {}),
        });
      }
      yield out;
    }
  }
}
