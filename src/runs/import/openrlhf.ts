import { readJsonl } from "../../io/jsonl.ts";
import type { RunRecord } from "../record.ts";
import { filesByStep, invalidRecord, num, PromptGroups } from "./common.ts";

/**
 * Reads OpenRLHF-style JSONL dumps of reward traffic. A line is either one sample
 * `{global_step, prompt, response | query, label, reward, score?, extra_logs?: {k: v}}` or one `/get_reward`
 * exchange `{global_step, query: [...], prompts: [...], labels: [...], rewards: [...], scores?, extra_logs?: {k: [...]}}`
 * (the request and response of OpenRLHF's remote reward protocol). A `query` is prompt + response, so the
 * response is what follows the prompt. A null reward (OpenRLHF's failed fetch) is an `upstream` error.
 * @example for await (const batch of readOpenRlhf("dumps/")) run.append(batch);
 */
export async function* readOpenRlhf(dir: string): AsyncGenerator<RunRecord[]> {
  const groups = new PromptGroups();
  for (const f of filesByStep(dir, /^(?:\D*?)(\d+)?[^/]*\.jsonl$/)) {
    for await (const lines of readJsonl(f.path)) {
      const out: RunRecord[] = [];
      for (const l of lines) {
        const id = `${f.path.split(/[\\/]/).pop()}:${l.line}`;
        const row = l.value as Record<string, unknown>;
        if (l.error !== undefined || !row || typeof row !== "object" || Array.isArray(row)) {
          out.push(invalidRecord(id, f.step || 0, `${f.path}:${l.line}: ${l.error ?? "not a JSON object"}`));
          continue;
        }
        const step = num(row.global_step) ?? num(row.step) ?? (f.step || 0);
        if (Array.isArray(row.query) || Array.isArray(row.rewards)) {
          const q = (row.query ?? []) as unknown[];
          const n = Math.max(q.length, Array.isArray(row.rewards) ? row.rewards.length : 0);
          for (let i = 0; i < n; i++) {
            const extra: Record<string, unknown> = {};
            const logs = (row.extra_logs ?? {}) as Record<string, unknown>;
            for (const [k, v] of Object.entries(logs)) if (Array.isArray(v)) extra[k] = v[i];
            out.push(
              sample(`${id}:${i}`, step, groups, {
                query: q[i],
                prompt: (row.prompts as unknown[] | undefined)?.[i],
                label: (row.labels as unknown[] | undefined)?.[i],
                reward: (row.rewards as unknown[] | undefined)?.[i],
                score: (row.scores as unknown[] | undefined)?.[i],
                extra_logs: extra,
              }),
            );
          }
        } else out.push(sample(id, step, groups, row));
      }
      yield out;
    }
  }
}

function sample(id: string, step: number, groups: PromptGroups, row: Record<string, unknown>): RunRecord {
  const prompt = typeof row.prompt === "string" ? row.prompt : "";
  let completion = typeof row.response === "string" ? row.response : "";
  if (!completion && typeof row.query === "string")
    completion = prompt && row.query.startsWith(prompt) ? row.query.slice(prompt.length) : row.query;
  const reward = num(row.reward);
  const components: Record<string, number | null> = {};
  const logs =
    row.extra_logs && typeof row.extra_logs === "object" ? (row.extra_logs as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(logs)) if (num(v) !== null || v === null) components[k] = num(v);
  const score = num(row.score);
  if (score !== null && !("score" in components)) components.score = score;
  return {
    id: row.id !== undefined ? String(row.id) : id,
    step,
    group: groups.of(step, prompt),
    prompt,
    completion,
    reference: row.label,
    score: reward,
    components,
    error: reward === null ? { kind: "upstream", message: "no reward (the reward fetch failed)" } : null,
    length: completion.length,
  };
}
