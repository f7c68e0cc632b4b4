import { readJsonl } from "../../io/jsonl.ts";
import type { RunRecord } from "../record.ts";
import { filesByStep, invalidRecord, num, PromptGroups } from "./common.ts";

const FIXED = new Set(["input", "output", "gts", "score", "step", "request_id", "uid", "timeout", "error"]);

/**
 * Reads verl's `trainer.rollout_data_dir` dumps (`{step}.jsonl`, one object per sample with `input, output, gts,
 * score, step`, every `reward_extra_info` key and `request_id`). Numeric extra keys become components. verl's
 * rate-limited manager writes `timeout: true` or `error: "..."` with a 0.0 score; they are kept as typed errors
 * with a null score, not as a 0. Samples with the same input in a step form a group.
 * @example for await (const batch of readVerl("rollouts/")) run.append(batch);
 */
export async function* readVerl(dir: string): AsyncGenerator<RunRecord[]> {
  const groups = new PromptGroups();
  for (const f of filesByStep(dir, /^(\d+)\.jsonl$/)) {
    for await (const lines of readJsonl(f.path)) {
      const out: RunRecord[] = [];
      for (const l of lines) {
        const id = `${f.step}:${l.line}`;
        const row = l.value as Record<string, unknown>;
        if (l.error !== undefined || !row || typeof row !== "object" || Array.isArray(row)) {
          out.push(invalidRecord(id, f.step, `${f.path}:${l.line}: ${l.error ?? "not a JSON object"}`));
          continue;
        }
        const step = num(row.step) ?? f.step;
        const prompt = String(row.input ?? "");
        const completion = String(row.output ?? "");
        const components: Record<string, number | null> = {};
        for (const [k, v] of Object.entries(row))
          if (!FIXED.has(k) && typeof v === "number") components[k] = num(v);
        const timedOut = row.timeout === true;
        const failed = typeof row.error === "string" && row.error !== "";
        const error = timedOut
          ? { kind: "timeout", message: "reward timed out (verl rate_limited manager)" }
          : failed
            ? { kind: "upstream", message: String(row.error) }
            : null;
        out.push({
          id: row.request_id !== undefined ? String(row.request_id) : id,
          step,
          group: groups.of(step, prompt),
          prompt,
          completion,
          reference: row.gts,
          score: error ? null : num(row.score),
          components,
          error,
          length: completion.length,
        });
      }
      yield out;
    }
  }
}
