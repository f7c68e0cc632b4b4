import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import type { RunRecord } from "../record.ts";
import { type RunStore, writeRunAtomically } from "../store.ts";
import { readOpenRlhf } from "./openrlhf.ts";
import { readScored } from "./scored.ts";
import { readTrl } from "./trl.ts";
import { readVerl } from "./verl.ts";

/** The sources `rewardkit runs import` reads. */
export const IMPORT_FORMATS = ["trl", "verl", "openrlhf", "rewardkit"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Guesses the format of a dump from its file names: TRL parquet, verl `{step}.jsonl`, else OpenRLHF-style JSONL. */
export function detectFormat(path: string): ImportFormat {
  if (!existsSync(path)) throw new Error(`${path}: no such file or directory`);
  const names = statSync(path).isDirectory() ? readdirSync(path) : [path.split(/[\\/]/).pop()!];
  if (names.some((n) => /^completions_\d+\.parquet$/.test(n))) return "trl";
  if (names.some((n) => /^\d+\.jsonl$/.test(n))) return "verl";
  if (statSync(path).isFile() && /\.parquet$/i.test(path)) return "rewardkit";
  if (statSync(path).isFile()) {
    const fd = openSync(path, "r");
    const buf = Buffer.alloc(65536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    const head = buf.subarray(0, n).toString("utf8").split("\n", 1)[0] ?? "";
    if (/"reward"\s*:\s*\{/.test(head)) return "rewardkit";
  }
  return "openrlhf";
}

/** Options of `importRun`. */
export interface ImportOptions {
  format?: ImportFormat;
  name?: string;
  /** Components that come from a reward model or judge (for the disagreement alarm). */
  modelComponents?: string[];
  weights?: Record<string, number>;
}

function reader(format: ImportFormat, from: string, o: ImportOptions): AsyncGenerator<RunRecord[]> {
  switch (format) {
    case "trl":
      return readTrl(from, o.weights ? { weights: o.weights } : {});
    case "verl":
      return readVerl(from);
    case "openrlhf":
      return readOpenRlhf(from);
    case "rewardkit":
      return readScored(from);
  }
}

/**
 * Imports a trainer's rollout dump into a new run directory (built aside, renamed into place when complete).
 * @example await importRun("out/completions", "runs/trl-1", { format: "trl" })
 */
export async function importRun(
  from: string,
  dir: string,
  o: ImportOptions = {},
): Promise<{ rows: number; format: ImportFormat }> {
  const format = o.format ?? detectFormat(from);
  return writeRunAtomically(
    dir,
    { source: `import:${format}`, name: o.name ?? dir.split(/[\\/]/).pop()! },
    async (run: RunStore) => {
      run.db.pragma("synchronous = OFF");
      let rows = 0;
      for await (const batch of reader(format, from, o)) {
        run.append(batch);
        rows += batch.length;
      }
      for (const c of o.modelComponents ?? []) run.setRole(c, "model");
      for (const [c, w] of Object.entries(o.weights ?? {})) {
        const comp = run.components().find((x) => x.name === c);
        run.setRole(c, comp?.role ?? "verifier", w);
      }
      return { rows, format };
    },
  );
}
