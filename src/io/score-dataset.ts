import { extname } from "node:path";
import { scoreBatch } from "../core/score-batch.ts";
import { SummaryBuilder, type ScoreSummary } from "../core/summary.ts";
import type { IsolatedExecutor, Reward, RewardResult, Rollout } from "../core/types.ts";
import { AtomicFile } from "./atomic.ts";
import { type FieldMap, isRowProblem, toRollout } from "./field-map.ts";
import { type ByteRange, readJsonl } from "./jsonl.ts";
import { encodeParquet, readParquet } from "./parquet.ts";

/** Options of `scoreDataset`. */
export interface ScoreDatasetOptions {
  reward: Reward;
  input: string;
  /** Output path (JSONL, or Parquet by extension); none = summary only. */
  output?: string;
  map?: FieldMap;
  /** Where isolated rewards run, with the deadline and concurrency to use (explicit fields below win). */
  runtime?: { executor?: IsolatedExecutor | undefined; deadlineMs: number; concurrency: number };
  executor?: IsolatedExecutor;
  deadlineMs?: number;
  concurrency?: number;
  batchSize?: number;
  step?: number;
  /** Score only this slice of a JSONL input (a shard); line numbers in errors stay those of the whole file. */
  range?: ByteRange;
  /** Stops scoring: rows not yet started get a `timeout` ("cancelled") error. */
  signal?: AbortSignal;
  /** Called after each batch with the rows done so far. */
  onProgress?: (rows: number) => void;
}

/** Input rows as (raw text when JSONL, parsed value or parse error). */
interface InRow {
  text?: string;
  value?: unknown;
  error?: string;
  line?: number;
}

const isParquet = (p: string) => [".parquet", ".pq"].includes(extname(p).toLowerCase());

async function* rows(path: string, batchSize: number, range?: ByteRange): AsyncGenerator<InRow[]> {
  if (range) yield* readJsonl(path, batchSize, undefined, range);
  else if (isParquet(path)) {
    for await (const batch of readParquet(path)) yield batch.map((value) => ({ value }));
  } else {
    yield* readJsonl(path, batchSize);
  }
}

/** The output row: the input row plus `reward`; JSONL rows are extended in place, not re-serialised. */
function jsonlOut(row: InRow, result: RewardResult): string {
  const r = JSON.stringify(result);
  const v = row.value;
  if (
    row.text !== undefined &&
    v &&
    typeof v === "object" &&
    !Array.isArray(v) &&
    !Object.hasOwn(v, "reward")
  ) {
    const t = row.text.trimEnd();
    if (t.endsWith("}")) {
      const body = t.slice(0, -1).trimEnd();
      return `${body}${body.endsWith("{") ? "" : ","}"reward":${r}}\n`;
    }
  }
  return `${JSON.stringify(outObject(row, result))}\n`;
}

function outObject(row: InRow, result: RewardResult): Record<string, unknown> {
  const v = row.value;
  if (v && typeof v === "object" && !Array.isArray(v)) return { ...(v as object), reward: result };
  return { line: row.line ?? null, raw: row.text ?? v ?? null, reward: result };
}

/**
 * Scores a JSONL or Parquet dataset in streamed batches: every input row is written back with a `reward`
 * field (a malformed row gets an `invalid_input` error and its neighbours are scored), the output is written
 * atomically, and a summary (rows, per-component statistics, nulls, errors by kind) is returned.
 * @example const summary = await scoreDataset({ reward, input: "in.jsonl", output: "out.jsonl" });
 */
export async function scoreDataset(o: ScoreDatasetOptions): Promise<ScoreSummary> {
  const summary = new SummaryBuilder();
  const out = o.output ? await AtomicFile.open(o.output) : undefined;
  const parquetOut = o.output ? isParquet(o.output) : false;
  const parquetRows: Record<string, unknown>[] = [];
  let done = 0;
  try {
    for await (const batch of rows(o.input, o.batchSize ?? 1024, o.range)) {
      const rollouts: Rollout[] = [];
      const slots: (number | RewardResult)[] = [];
      for (const row of batch) {
        if (row.error !== undefined) {
          slots.push({
            score: null,
            error: { kind: "invalid_input", message: `line ${row.line}: not JSON (${row.error})` },
          });
          continue;
        }
        const r = toRollout(row.value, o.map);
        if (isRowProblem(r)) {
          const where = row.line !== undefined ? `line ${row.line}: ` : "";
          slots.push({
            score: null,
            error: { kind: "invalid_input", message: `${where}${r.path ? `${r.path}: ` : ""}${r.message}` },
          });
        } else {
          slots.push(rollouts.length);
          rollouts.push(r);
        }
      }
      const executor = o.executor ?? o.runtime?.executor;
      const deadlineMs = o.deadlineMs ?? o.runtime?.deadlineMs;
      const concurrency = o.concurrency ?? o.runtime?.concurrency;
      const ctx = {
        ...(executor ? { executor } : {}),
        ...(deadlineMs !== undefined ? { deadlineMs } : {}),
        ...(concurrency !== undefined ? { concurrency } : {}),
        ...(o.step !== undefined ? { step: o.step } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
      };
      const results = await scoreBatch(o.reward, rollouts, ctx);
      let text = "";
      for (let i = 0; i < batch.length; i++) {
        const s = slots[i]!;
        const res = typeof s === "number" ? results[s]! : s;
        summary.add(res);
        if (!out) continue;
        if (parquetOut) parquetRows.push(outObject(batch[i]!, res));
        else text += jsonlOut(batch[i]!, res);
      }
      if (out && text) await out.write(text);
      done += batch.length;
      o.onProgress?.(done);
    }
    if (out) {
      if (parquetOut) await out.writeBytes(encodeParquet(parquetRows));
      await out.commit();
    }
  } catch (e) {
    await out?.abort();
    throw e;
  }
  return summary.summary();
}
