import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText, referenceAt } from "../../core/text.ts";
import type { ErrorKind, RewardResult } from "../../core/types.ts";
import { DEFAULT_LIMITS } from "../../sandbox/limits.ts";
import { defaultHiddenPaths, LocalSandbox } from "../../sandbox/local.ts";
import { SandboxFusionExecutor } from "../../sandbox/sandboxfusion.ts";
import { leafKind } from "../../spec/define-kind.ts";
import type { CodeExecutor, Language } from "../../sandbox/types.ts";
import { extractCode } from "./extract-code.ts";
import { runSuite, type TestStatus } from "./run-suite.ts";
import { parseTests } from "./test-cases.ts";

const params = z
  .strictObject({
    /** Language of the solution; `auto` takes the fence's language, then the reference's, then Python. */
    language: z.enum(["auto", "python", "javascript"]).default("auto"),
    /** Dotted path of the tests inside `reference` (the whole reference when absent). */
    reference_field: z.string().optional(),
    executor: z.enum(["local", "sandboxfusion"]).default("local"),
    /** SandboxFusion server URL (required with `executor: sandboxfusion`). */
    url: z.string().url().optional(),
    /** Wall-clock limit of one run (ms), timed outside the sandbox. */
    timeout_ms: z.number().int().min(1).max(600_000).default(DEFAULT_LIMITS.wallMs),
    /** CPU-time limit of one run (ms); defaults to `timeout_ms`. */
    cpu_ms: z.number().int().min(1).max(600_000).optional(),
    memory_mb: z.number().int().min(16).max(16_384).default(DEFAULT_LIMITS.memoryMb),
    max_procs: z.number().int().min(4).max(1024).default(DEFAULT_LIMITS.maxProcs),
    output_bytes: z
      .number()
      .int()
      .min(1024)
      .max(64 << 20)
      .default(DEFAULT_LIMITS.outputBytes),
    disk_mb: z.number().int().min(1).max(4096).default(DEFAULT_LIMITS.diskMb),
    /** Time for all runs of one rollout together (ms). */
    total_timeout_ms: z.number().int().min(1).max(3_600_000).default(60_000),
    max_tests: z.number().int().min(1).max(10_000).default(200),
    /** Largest solution accepted (characters); the OpenAI grader's limit is 256 kB. */
    max_code_chars: z.number().int().min(1).max(4_000_000).default(256_000),
    compare: z.enum(["trim", "exact", "tokens"]).default("trim"),
    /**
     * When no test passes and every test failed with an error of the program (compile, runtime, timeout):
     * `error` returns `score: null` with that typed error; `score` returns 0 with the kind in `info`.
     */
    program_errors: z.enum(["error", "score"]).default("error"),
    /** More host directories to hide from the program (local executor), e.g. where the dataset lives. */
    hide_paths: z
      .array(z.string().regex(/^\/[^\n]*$/, "an absolute path"))
      .max(64)
      .default([]),
    /** Retries of an HTTP 504 from SandboxFusion. */
    retries: z.number().int().min(0).max(10).default(3),
  })
  .refine((p) => p.executor !== "sandboxfusion" || p.url !== undefined, {
    message: "executor sandboxfusion needs a url",
    path: ["url"],
  });

type Params = z.output<typeof params>;

let localShared: LocalSandbox | undefined;

/** The error kind a test status stands for, when the program failed rather than answered wrong. */
const ERROR_KIND: Partial<Record<TestStatus, ErrorKind>> = {
  compile: "compile",
  runtime: "runtime",
  timeout: "timeout",
  memory: "runtime",
  output_limit: "runtime",
};

/**
 * Runs the completion's code (the last ```python / ```js fence, or the whole text) against the reference's
 * tests (stdin/stdout or assertions) in a sandbox; score = passed / total. Typed errors: `sandbox` when the
 * code could not be run in isolation, `compile`, `runtime` or `timeout` when every test failed that way.
 * @example { kind: code.tests, language: python, timeout_ms: 5000 }  # reference: { tests: [{ input: "1 2", output: "3" }] }
 */
export const codeTests = leafKind({
  kind: "code.tests",
  summary:
    "Fraction of the reference's tests (stdin/stdout or assertions) that the completion's Python or JavaScript code passes in a sandbox.",
  params: params as unknown as z.ZodType<Params>,
  needs: (p: Params) => (p.executor === "sandboxfusion" ? { network: true } : {}),
  prepare: (p: Params): CodeExecutor => {
    if (p.executor === "sandboxfusion") return new SandboxFusionExecutor({ url: p.url!, retries: p.retries });
    if (p.hide_paths.length)
      return new LocalSandbox({ hidePaths: [...defaultHiddenPaths(), ...p.hide_paths] });
    localShared ??= new LocalSandbox();
    return localShared;
  },
  async score(r, p: Params, ctx, executor: CodeExecutor): Promise<RewardResult> {
    const ref = referenceAt(r, p.reference_field);
    const suite = parseTests(ref, p.max_tests);
    if (typeof suite === "string") return fail("invalid_input", suite);
    const text = completionText(r);
    const want: Language | null = p.language === "auto" ? null : p.language;
    const found = extractCode(text, want);
    const language: Language = want ?? found.language ?? suite.language ?? "python";
    if (!found.code.trim()) return fail("parse", "no code in the completion");
    if (found.code.length > p.max_code_chars) {
      return fail(
        "invalid_input",
        `code is ${found.code.length} characters, more than max_code_chars (${p.max_code_chars})`,
      );
    }
    const outcome = await runSuite(executor, {
      language,
      code: found.code,
      suite,
      limits: {
        wallMs: p.timeout_ms,
        cpuMs: p.cpu_ms ?? p.timeout_ms,
        memoryMb: p.memory_mb,
        maxProcs: p.max_procs,
        outputBytes: p.output_bytes,
        diskMb: p.disk_mb,
      },
      compare: p.compare,
      seed: ctx.seed ?? 0,
      totalMs: p.total_timeout_ms,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    const info: Record<string, unknown> = {
      language,
      code_source: found.source,
      ...(found.unclosed ? { unclosed_fence: true } : {}),
      executor: executor.name,
      // Where assertion tests were judged: a referee out of the program's reach, or inside its interpreter
      // (SandboxFusion), where a solution that attacks the harness can forge results.
      ...(suite.cases.some((c) => c.type === "assert")
        ? { assertions: executor.referees === true ? "referee" : "in_process" }
        : {}),
      runs: outcome.runs,
      tests: outcome.tests,
    };
    if (outcome.sandbox !== undefined) return fail("sandbox", outcome.sandbox, { info });
    if (outcome.cancelled) return fail("timeout", "cancelled by the caller", { info });
    if (outcome.invalid !== undefined) return fail("invalid_input", outcome.invalid, { info });
    const total = outcome.tests.length;
    const passed = outcome.tests.filter((t) => t.status === "pass").length;
    const counts: Record<string, number> = {};
    for (const t of outcome.tests) counts[t.status] = (counts[t.status] ?? 0) + 1;
    info.counts = counts;
    const components = { passed, total };
    const kinds = outcome.tests.map((t) => ERROR_KIND[t.status]);
    if (passed === 0 && kinds.every((k) => k !== undefined)) {
      const first = outcome.tests[0]!;
      const message = `${first.status}: ${first.message ?? ""}`.trim();
      info.error_kind = kinds[0];
      if (p.program_errors === "error") return fail(kinds[0]!, message, { components, info });
    }
    return ok(passed / total, { components, info });
  },
});
