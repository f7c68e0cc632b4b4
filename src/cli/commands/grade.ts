import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { registryBackends } from "../../graders/backends.ts";
import { GraderInvalid, validateGrader } from "../../graders/compile.ts";
import { runGrader } from "../../graders/run.ts";

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

/** Reads JSONL (one object a line) or a JSON array. */
function readRows(path: string): unknown[] {
  const text = readFileSync(path, "utf8");
  const t = text.trimStart();
  if (t.startsWith("[")) return JSON.parse(t) as unknown[];
  return text
    .split("\n")
    .map((l, i) => [l.trim(), i + 1] as const)
    .filter(([l]) => l)
    .map(([l, n]) => {
      try {
        return JSON.parse(l) as unknown;
      } catch (e) {
        throw new Error(`${path}:${n}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
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
      const raw = JSON.parse(readFileSync(o.grader, "utf8")) as Record<string, unknown>;
      let grader: ReturnType<typeof validateGrader>;
      try {
        grader = validateGrader(raw && typeof raw === "object" && "grader" in raw ? raw.grader : raw);
      } catch (e) {
        if (e instanceof GraderInvalid) {
          process.stderr.write(`invalid grader: ${e.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw e;
      }
      if (o.validateOnly) {
        process.stdout.write(`${JSON.stringify({ grader })}\n`);
        return;
      }
      const backends = registryBackends();
      let failed = 0;
      for (const [i, row] of readRows(o.in).entries()) {
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
