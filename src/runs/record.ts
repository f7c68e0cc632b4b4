import type { RewardResult } from "../core/types.ts";

/**
 * One scored rollout as a run keeps it: identity, text, total and per-component rewards, error, advantage,
 * per-step rewards and advantages, length/truncation, and the judge accounting that view 7 needs.
 * @example const r: RunRecord = { id: "7", step: 3, group: "q1", prompt: "2+2?", completion: "4", score: 1, components: { correct: 1 }, length: 1 };
 */
export interface RunRecord {
  id: string;
  step: number;
  group: string | null;
  prompt: string;
  completion: string;
  reference?: unknown;
  score: number | null;
  components: Record<string, number | null>;
  error?: { kind: string; message: string } | null;
  advantage?: number | null;
  /** Per-step (or per-turn) rewards of a dense reward. */
  steps?: (number | null)[] | null;
  step_advantages?: (number | null)[] | null;
  /** Completion length (characters unless the source gives tokens). */
  length: number;
  truncated?: boolean;
  /** Time spent scoring this rollout (or its judge call), ms. */
  latency_ms?: number | null;
  /** Judge tokens (prompt + completion) spent on this rollout. */
  tokens?: number | null;
  /** Judge calls answered from the cache (true when every call was). */
  cache_hit?: boolean | null;
  /** Anything else worth keeping (source metadata, reward info). */
  extra?: Record<string, unknown>;
}

const num = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);

/** Plain text of a prompt or completion given as a string or as chat messages. */
export function textOf(x: unknown): string {
  if (typeof x === "string") return x;
  if (Array.isArray(x))
    return x
      .map((m) => {
        if (!m || typeof m !== "object") return String(m ?? "");
        const c = (m as { content?: unknown }).content;
        const body =
          typeof c === "string"
            ? c
            : Array.isArray(c)
              ? c
                  .map((p) =>
                    p && typeof p === "object" ? String((p as { text?: unknown }).text ?? "") : "",
                  )
                  .join("")
              : "";
        const role = (m as { role?: unknown }).role;
        return typeof role === "string" ? `${role}: ${body}` : body;
      })
      .join("\n");
  if (x === undefined || x === null) return "";
  return JSON.stringify(x);
}

/** Sums judge accounting (`usage` objects anywhere in a result's `info`): tokens, calls and cached calls. */
export function judgeAccounting(info: unknown): {
  tokens: number;
  calls: number;
  cached: number;
  latency: number | null;
} {
  const acc = { tokens: 0, calls: 0, cached: 0, latency: null as number | null };
  const walk = (v: unknown, depth: number) => {
    if (!v || typeof v !== "object" || depth > 6) return;
    const o = v as Record<string, unknown>;
    const u = o.usage;
    if (u && typeof u === "object") {
      const uu = u as Record<string, unknown>;
      acc.tokens += (num(uu.prompt_tokens) ?? 0) + (num(uu.completion_tokens) ?? 0);
      acc.calls += num(uu.calls) ?? 0;
      acc.cached += num(uu.cached_calls) ?? 0;
    }
    const l = num(o.latency_ms);
    if (l !== null) acc.latency = (acc.latency ?? 0) + l;
    for (const [k, x] of Object.entries(o)) if (k !== "usage") walk(x, depth + 1);
  };
  walk(info, 0);
  return acc;
}

/** Options for reading a scored row. */
export interface FromScoredOptions {
  /** Step to use when the row has none. */
  step?: number;
  /** Position of the row in its file, for an id when the row has none. */
  index: number;
  /** Scoring time per row when only the batch time is known. */
  latencyMs?: number;
}

function truncatedOf(row: Record<string, unknown>): boolean {
  const meta = (row.meta && typeof row.meta === "object" ? row.meta : {}) as Record<string, unknown>;
  for (const o of [row, meta]) {
    if (typeof o.truncated === "boolean") return o.truncated;
    if (o.finish_reason === "length" || o.stop_reason === "length") return true;
  }
  return false;
}

/**
 * Turns a row written by `rewardkit score` (the rollout plus `reward`, and optionally `advantage` and
 * `step_advantages` from `rewardkit advantages`) into a run record.
 * @example fromScoredRow({ id: 1, completion: "4", reward: { score: 1 } }, { index: 0 }).score === 1
 */
export function fromScoredRow(row: Record<string, unknown>, o: FromScoredOptions): RunRecord {
  const reward = (row.reward && typeof row.reward === "object" ? row.reward : {}) as RewardResult;
  const meta = (row.meta && typeof row.meta === "object" ? row.meta : {}) as Record<string, unknown>;
  const completion = textOf(row.completion);
  const acc = judgeAccounting(reward.info);
  const stepRaw = num(row.step) ?? num(meta.step) ?? o.step ?? 0;
  const g = row.group;
  const rec: RunRecord = {
    id: row.id === undefined || row.id === null ? `${stepRaw}:${o.index}` : String(row.id),
    step: Math.trunc(stepRaw),
    group: typeof g === "string" || typeof g === "number" ? String(g) : null,
    prompt: textOf(row.prompt),
    completion,
    reference: row.reference,
    score: num(reward.score),
    components: { ...(reward.components ?? {}) },
    error: reward.error
      ? { kind: String(reward.error.kind), message: String(reward.error.message ?? "") }
      : null,
    advantage: num(row.advantage),
    steps: Array.isArray(reward.steps) ? reward.steps.map(num) : null,
    step_advantages: Array.isArray(row.step_advantages) ? (row.step_advantages as unknown[]).map(num) : null,
    length: num(row.length) ?? num(meta.length) ?? completion.length,
    truncated: truncatedOf(row),
    latency_ms: acc.latency ?? o.latencyMs ?? null,
    tokens: acc.calls > 0 ? acc.tokens : null,
    cache_hit: acc.calls > 0 ? acc.cached >= acc.calls : null,
  };
  const extra: Record<string, unknown> = {};
  if (Object.keys(meta).length) extra.meta = meta;
  if (reward.info) extra.info = reward.info;
  // What re-scoring needs that the text columns flatten: chat messages, input steps, the rollout's own id.
  const rollout: Record<string, unknown> = {};
  if (typeof row.prompt !== "string" && row.prompt !== undefined) rollout.prompt = row.prompt;
  if (typeof row.completion !== "string") rollout.completion = row.completion;
  if (Array.isArray(row.steps)) rollout.steps = row.steps;
  if (Object.keys(rollout).length) extra.rollout = rollout;
  if (Object.keys(extra).length) rec.extra = extra;
  return rec;
}
