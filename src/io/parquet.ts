import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";

/**
 * Streams a Parquet file one row group at a time (memory bounded by a row group); JSON columns are decoded.
 * @example for await (const rows of readParquet("in.parquet")) for (const row of rows) use(row);
 */
export async function* readParquet(path: string): AsyncGenerator<Record<string, unknown>[]> {
  const file = await asyncBufferFromFile(path);
  const md = await parquetMetadataAsync(file);
  const jsonCols = new Set(md.schema.filter((s) => s.converted_type === "JSON").map((s) => s.name));
  let start = 0;
  for (const rg of md.row_groups) {
    const end = start + Number(rg.num_rows);
    const rows = (await parquetReadObjects({ file, metadata: md, rowStart: start, rowEnd: end })) as Record<
      string,
      unknown
    >[];
    if (jsonCols.size) {
      for (const row of rows) {
        for (const c of jsonCols) {
          const v = row[c];
          if (typeof v === "string") row[c] = JSON.parse(v);
        }
      }
    }
    yield rows;
    start = end;
  }
}

type ColumnType = "STRING" | "DOUBLE" | "BOOLEAN" | "JSON";

function columnType(values: unknown[]): ColumnType {
  let t: ColumnType | undefined;
  for (const v of values) {
    if (v == null) continue;
    const vt: ColumnType =
      typeof v === "string"
        ? "STRING"
        : typeof v === "number"
          ? "DOUBLE"
          : typeof v === "boolean"
            ? "BOOLEAN"
            : "JSON";
    if (t === undefined) t = vt;
    else if (t !== vt) return "JSON";
  }
  return t ?? "JSON";
}

/**
 * Encodes rows as a Parquet file: strings, doubles and booleans as such, anything nested as JSON columns.
 * @example const bytes = encodeParquet([{ prompt: "p", reward: { score: 1 } }]);
 */
export function encodeParquet(rows: readonly Record<string, unknown>[]): Uint8Array {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      if (seen.has(k)) continue;
      seen.add(k);
      names.push(k);
    }
  }
  const columnData = names.map((name) => {
    const values = rows.map((r) => r[name] ?? null);
    const type = columnType(values);
    const data = type === "JSON" ? values.map((v) => (v == null ? null : JSON.stringify(v))) : values;
    return { name, data, type };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData: columnData as never }));
}

/** Reads a whole Parquet file into rows (small files and tests). */
export async function readParquetAll(path: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const rows of readParquet(path)) out.push(...rows);
  return out;
}
