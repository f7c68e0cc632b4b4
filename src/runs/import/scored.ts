import { readJsonl } from "../../io/jsonl.ts";
import { readParquet } from "../../io/parquet.ts";
import { fromScoredRow, type RunRecord } from "../record.ts";
import { invalidRecord } from "./common.ts";

/**
 * Reads rows written by `rewardkit score` / `rewardkit advantages` (JSONL or Parquet) as run records.
 * @example for await (const batch of readScored("scored.jsonl", { step: 3 })) run.append(batch);
 */
export async function* readScored(
  path: string,
  o: { step?: number; latencyMs?: number } = {},
): AsyncGenerator<RunRecord[]> {
  let index = 0;
  if (/\.(parquet|pq)$/i.test(path)) {
    for await (const rows of readParquet(path))
      yield rows.map((row) => fromScoredRow(row, { ...o, index: index++ }));
    return;
  }
  for await (const lines of readJsonl(path, 4096)) {
    yield lines.map((l) => {
      const i = index++;
      const v = l.value;
      if (l.error !== undefined || !v || typeof v !== "object" || Array.isArray(v))
        return invalidRecord(
          `${o.step ?? 0}:${i}`,
          o.step ?? 0,
          `${path}:${l.line}: ${l.error ?? "not a JSON object"}`,
        );
      return fromScoredRow(v as Record<string, unknown>, { ...o, index: i });
    });
  }
}
