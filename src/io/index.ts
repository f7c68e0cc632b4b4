export { AtomicFile, writeFileAtomic } from "./atomic.ts";
export { type FieldMap, isRowProblem, parseFieldMap, type RowProblem, toRollout } from "./field-map.ts";
export { type JsonlLine, readJsonl } from "./jsonl.ts";
export { encodeParquet, readParquet, readParquetAll } from "./parquet.ts";
