import { readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import type { Command } from "commander";
import { registryBackends } from "../../graders/backends.ts";
import { GraderInvalid, validateGrader } from "../../graders/compile.ts";
import { runGrader } from "../../graders/run.ts";
import { readJsonl } from "../../io/jsonl.ts";
import { flagError } from "../flags.ts";

/** One input row of `grade`: OpenAI form `{item, model_sample}` or rollout form `{completion, reference}`. */
function rowSample(row: Record<string, unknown>): { sample: string; item: unknown } | string {
  if (typeof row.model_sample === "string") return { sample: row.model_sample, item: row.item ?? {} };
  const s = row.sample as { output_text?: unknown } | string | undefined;
  if (typeof s === "string") return { sample: s, item: row.item ?? {} };
  if (s && typeof s.output_text === "string") return { sample: s.output_text, item: row.item ?? {} };
  if (typeof row.completion === "string")
    return { sample: row.completion, item: row.reference ?? row.item ?? {} };
  return "expected model_sample, sample, sample.output_text or completion (a string)";
}

/** Rows of a JSON array file, or streamed rows of a JSONL file. */
async function* readRows(path: string): AsyncGenerator<unknown> {
  const head = await readHead(path);
  if (head.trimStart().startsWith("[")) {
    yield* JSON.parse(readFileSync(path, "utf8")) as unknown[];
    return;
  }
  for await (const batch of readJsonl(path)) {
    for (const l of batch) {
      if (l.error !== undefined) throw new Error(`${path}:${l.line}: ${l.error}`);
      yield l.value;
    }
  }
}

/** The first bytes of a file (enough to tell a JSON array from JSONL). */
async function readHead(path: string): Promise<string> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString("utf8");
  } finally {
    await fh.close();
  }
}

/**
 * Registers `rewardkit grade --grader G --in F`: runs an OpenAI grader JSON over a JSONL file and prints one
 * run response per line (`reward`, `sub_rewards`, `metadata.errors`), like the grader run endpoint.
 * @example rewardkit grade --grader grader.json --in samples.jsonl > graded.jsonl
 */
export function register(program: Command): void {
  program
    .command("grade")
    .description("run an OpenAI grader (string_check, text_similarity, multi, ...) over rows of a JSONL file")
    .requiredOption("--grader <file>", "grader JSON (the object itself, or {grader: ...})")
    .requiredOption("--in <file>", "JSONL rows: {item, model_sample} or {completion, reference}")
    .option("--validate-only", "only validate the grader and print it normalised")
    .action(async (o) => {
      let raw: Record<string, unknown>;
      try {
        raw = JSON.parse(readFileSync(o.grader, "utf8")) as Record<string, unknown>;
      } catch (e) {
        throw flagError("--grader", `cannot read a grader JSON from ${o.grader}: ${(e as Error).message}`);
      }
      let grader: ReturnType<typeof validateGrader>;
      try {
        grader = validateGrader(raw && typeof raw === "object" && "grader" in raw ? raw.grader : raw);
      } catch (e) {
        if (e instanceof GraderInvalid) throw flagError("--grader", `invalid grader: ${e.message}`);
        throw e;
      }
      if (o.validateOnly) {
        process.stdout.write(`${JSON.stringify({ grader })}\n`);
        return;
      }
      const backends = registryBackends();
      let failed = 0;
      let i = -1;
      for await (const row of readRows(o.in)) {
        i++;
        const s =
          row && typeof row === "object" ? rowSample(row as Record<string, unknown>) : "expected an object";
        if (typeof s === "string") {
          process.stderr.write(`${o.in}: row ${i + 1}: ${s}\n`);
          process.exitCode = 2;
          return;
        }
        const out = await runGrader(grader, s.sample, s.item, { backends });
        if (out.result.error) failed++;
        const { result: _r, ...response } = out;
        process.stdout.write(`${JSON.stringify(response)}\n`);
      }
      if (failed) process.stderr.write(`${failed} rows failed to grade (see metadata.errors)\n`);
    });
}
