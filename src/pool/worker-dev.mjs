// Starts the TypeScript worker when running from source: Node 20 does not apply `--import tsx` to workers.
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.entry, import.meta.url);
