import { randomBytes } from "node:crypto";
import type { CodeExecutor, Language, RunOutcome, SandboxLimits } from "../../sandbox/types.ts";
import { type CompareMode, outputMatches } from "./compare.ts";
import { JS_HARNESS } from "./harness-js.ts";
import { PYTHON_HARNESS } from "./harness-python.ts";
import { JS_REFEREE } from "./js-referee.ts";
import { JS_SERVER } from "./js-server.ts";
import { type HarnessEvent, readMarkers } from "./markers.ts";
import { PYTHON_REFEREE } from "./python-referee.ts";
import { PYTHON_SERVER } from "./python-server.ts";
import { readRefereeReport } from "./referee-report.ts";
import type { TestCase, TestSuite } from "./test-cases.ts";

/** How one test ended. */
export type TestStatus =
  | "pass"
  | "wrong_answer"
  | "compile"
  | "runtime"
  | "timeout"
  | "memory"
  | "output_limit";

/** One test's result, as reported in `info.tests`. */
export interface TestOutcome {
  i: number;
  type: TestCase["type"];
  status: TestStatus;
  message?: string;
  wall_ms?: number;
  cpu_ms?: number | null;
}

/** All tests' results, or why the suite could not be run at all. */
export interface SuiteOutcome {
  tests: TestOutcome[];
  /** Set when the executor could not run or isolate the program (never the program's fault). */
  sandbox?: string;
  /** Set when the caller's signal cancelled the run. */
  cancelled?: boolean;
  /** Set when the test data itself could not be compiled. */
  invalid?: string;
  runs: number;
}

/** What `runSuite` needs besides the executor. */
export interface SuiteOptions {
  language: Language;
  code: string;
  suite: TestSuite;
  limits: Partial<SandboxLimits>;
  compare: CompareMode;
  seed: number;
  /** Total time for all runs of the suite (ms); tests not started by then are timeouts. */
  totalMs: number;
  signal?: AbortSignal;
}

const FILES: Record<
  Language,
  { solution: string; harness: string; source: string; server: string; referee: string }
> = {
  python: {
    solution: "solution.py",
    harness: "harness.py",
    source: PYTHON_HARNESS,
    server: PYTHON_SERVER,
    referee: PYTHON_REFEREE,
  },
  javascript: {
    solution: "solution.js",
    harness: "harness.js",
    source: JS_HARNESS,
    server: JS_SERVER,
    referee: JS_REFEREE,
  },
};

function clip(s: string, n = 500): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** A run that ended on a limit or a signal, as a test status (null when the program exited by itself). */
function limitFailure(o: RunOutcome): { status: TestStatus; message: string } | null {
  switch (o.status) {
    case "timeout":
    case "cpu_timeout":
      return { status: "timeout", message: o.message ?? o.status };
    case "memory":
      return { status: "memory", message: o.message ?? "memory limit" };
    case "output_limit":
      return { status: "output_limit", message: o.message ?? "output limit" };
    case "signaled":
      return { status: "runtime", message: `killed by ${o.signal}` };
    default:
      return null;
  }
}

function find(events: HarnessEvent[], name: HarnessEvent["event"]): HarnessEvent | undefined {
  return events.find((e) => e.event === name);
}

/**
 * Runs a solution against its tests in an executor: one run per stdin/stdout test (the program's stdout is
 * compared here, outside the sandbox) and one run for all assertion tests. With an executor that runs
 * referees (the local sandbox) the assertions run in a referee process out of the program's reach, which
 * only asks the program for the solution's answers; otherwise (SandboxFusion) the harness runs them inside
 * the program's interpreter and reports them with a per-run nonce.
 * A compile error stops after the first run; a sandbox failure or cancellation stops the suite.
 * @example await runSuite(new LocalSandbox(), { language: "python", code, suite, limits: {}, compare: "trim", seed: 0, totalMs: 60000 })
 */
export async function runSuite(executor: CodeExecutor, o: SuiteOptions): Promise<SuiteOutcome> {
  const names = FILES[o.language];
  const nonce = randomBytes(12).toString("hex");
  const deadline = Date.now() + o.totalMs;
  const tests: TestOutcome[] = [];
  let runs = 0;
  const io = o.suite.cases.map((c, i) => ({ c, i })).filter((x) => x.c.type === "io");
  const asserts = o.suite.cases.map((c, i) => ({ c, i })).filter((x) => x.c.type === "assert");

  const run = async (
    mode: "io" | "assert",
    stdin: string,
    assertCodes: string[],
  ): Promise<RunOutcome | string> => {
    const left = deadline - Date.now();
    if (left <= 0) return "the suite's total time limit passed";
    const limits = { ...o.limits, wallMs: Math.min(o.limits.wallMs ?? Number.POSITIVE_INFINITY, left) };
    const config = {
      nonce,
      mode,
      solution: names.solution,
      tests: assertCodes,
      seed: o.seed,
      ...(mode === "assert" && o.suite.setup ? { setup: o.suite.setup } : {}),
    };
    runs++;
    const refereed = mode === "assert" && executor.referees === true;
    return executor.run({
      language: o.language,
      files: {
        [names.solution]: o.code,
        [names.harness]: refereed ? names.server : names.source,
        "rk_config.json": JSON.stringify(
          refereed
            ? {
                solution: names.solution,
                seed: o.seed,
                // Python's setup also runs beside the solution (MBPP's imports); JavaScript's only in the referee.
                setup: o.language === "python" ? (config.setup ?? null) : null,
              }
            : config,
        ),
      },
      ...(refereed
        ? {
            referee: {
              language: o.language,
              source: names.referee,
              input: JSON.stringify({ tests: assertCodes, setup: config.setup ?? null, seed: o.seed }),
            },
          }
        : {}),
      entry: names.harness,
      stdin,
      limits,
      seed: o.seed,
      ...(o.signal ? { signal: o.signal } : {}),
    });
  };
  const stop = (out: RunOutcome): SuiteOutcome | null => {
    if (out.status === "sandbox_error") return { tests, sandbox: out.message ?? "sandbox error", runs };
    if (out.status === "cancelled") return { tests, cancelled: true, runs };
    return null;
  };

  let compileError: string | null = null;
  for (const { c, i } of io) {
    if (c.type !== "io") continue;
    if (compileError !== null) {
      tests.push({ i, type: "io", status: "compile", message: compileError });
      continue;
    }
    const out = await run("io", c.input, []);
    if (typeof out === "string") {
      tests.push({ i, type: "io", status: "timeout", message: out });
      continue;
    }
    const stopped = stop(out);
    if (stopped) return stopped;
    const timing = {
      wall_ms: Math.round(out.wallMs),
      cpu_ms: out.cpuMs === null ? null : Math.round(out.cpuMs),
    };
    const { events, rest } = readMarkers(out.stderr, nonce);
    const compile = find(events, "compile");
    if (compile) {
      compileError = String(compile.data.message ?? "compile error");
      tests.push({ i, type: "io", status: "compile", message: compileError });
      continue;
    }
    const limit = limitFailure(out);
    const error = find(events, "error");
    if (limit) tests.push({ i, type: "io", status: limit.status, message: limit.message, ...timing });
    else if (error)
      tests.push({ i, type: "io", status: "runtime", message: String(error.data.message), ...timing });
    else if (!find(events, "start") || out.exitCode !== 0) {
      const why = find(events, "start") ? `exit code ${out.exitCode}` : "the program did not start";
      tests.push({
        i,
        type: "io",
        status: "runtime",
        message: clip(`${why}${rest ? `: ${rest}` : ""}`),
        ...timing,
      });
    } else if (outputMatches(out.stdout, c.output, o.compare)) {
      tests.push({ i, type: "io", status: "pass", ...timing });
    } else {
      tests.push({
        i,
        type: "io",
        status: "wrong_answer",
        message: `expected ${JSON.stringify(clip(c.output, 200))}, got ${JSON.stringify(clip(out.stdout, 200))}`,
        ...timing,
      });
    }
  }

  if (asserts.length && compileError !== null) {
    for (const { i } of asserts) tests.push({ i, type: "assert", status: "compile", message: compileError });
  } else if (asserts.length) {
    const out = await run(
      "assert",
      "",
      asserts.map((x) => (x.c.type === "assert" ? x.c.code : "")),
    );
    if (typeof out === "string") {
      for (const { i } of asserts) tests.push({ i, type: "assert", status: "timeout", message: out });
    } else {
      const stopped = stop(out);
      if (stopped) return stopped;
      if (out.report !== undefined) {
        const judged = judgeReport(
          out,
          asserts.map((x) => x.i),
        );
        if (typeof judged === "string") return { tests, invalid: judged, runs };
        tests.push(...judged);
        tests.sort((a, b) => a.i - b.i);
        return { tests, runs };
      }
      const { events, rest } = readMarkers(out.stderr, nonce);
      const invalid = events.find((e) => e.event === "error" && e.data.kind === "invalid_tests");
      if (invalid)
        return { tests, invalid: `the tests do not compile: ${String(invalid.data.message)}`, runs };
      const reported = new Map<number, HarnessEvent["data"]>();
      for (const e of events)
        if (e.event === "test" && typeof e.data.i === "number") reported.set(e.data.i, e.data);
      const compile = find(events, "compile");
      const error = find(events, "error");
      const limit = limitFailure(out);
      const exited = find(events, "start")
        ? `the program exited (code ${out.exitCode}) before this test ran`
        : `the program did not start${rest ? `: ${clip(rest)}` : ""}`;
      asserts.forEach(({ i }, k) => {
        const r = reported.get(k);
        if (r && !compile) {
          tests.push(
            r.ok === true
              ? { i, type: "assert", status: "pass" }
              : {
                  i,
                  type: "assert",
                  status: r.kind === "wrong_answer" ? "wrong_answer" : "runtime",
                  message: clip(String(r.message ?? "")),
                },
          );
        } else if (compile)
          tests.push({ i, type: "assert", status: "compile", message: String(compile.data.message) });
        else if (limit) tests.push({ i, type: "assert", status: limit.status, message: limit.message });
        else if (error)
          tests.push({ i, type: "assert", status: "runtime", message: clip(String(error.data.message)) });
        else tests.push({ i, type: "assert", status: "runtime", message: exited });
      });
    }
  }
  tests.sort((a, b) => a.i - b.i);
  return { tests, runs };
}

/**
 * The assertion tests' outcomes from a refereed run: each test the referee reported stands (a test that
 * failed because the program ended takes the run's limit status when a limit ended it); each test it did not
 * report fails with why the run ended. Returns a message when the tests themselves do not compile.
 */
function judgeReport(out: RunOutcome, indices: number[]): TestOutcome[] | string {
  const r = readRefereeReport(out.report ?? "");
  if (r.invalid !== undefined) return `the tests do not compile: ${r.invalid}`;
  const limit = limitFailure(out);
  const stderr = out.stderr.trim();
  const ended =
    r.gone !== undefined
      ? `${r.gone} before the tests ran${out.exitCode !== null ? ` (exit code ${out.exitCode})` : ""}${stderr ? `: ${clip(stderr)}` : ""}`
      : "the referee did not report this test";
  return indices.map((i, k): TestOutcome => {
    const t = r.tests[k];
    if (t?.ok) return { i, type: "assert", status: "pass" };
    if (t && !(t.gone && limit))
      return { i, type: "assert", status: t.kind ?? "runtime", message: clip(t.message ?? "") };
    if (r.compile !== undefined) return { i, type: "assert", status: "compile", message: r.compile };
    if (r.error !== undefined) return { i, type: "assert", status: "runtime", message: clip(r.error) };
    if (limit) return { i, type: "assert", status: limit.status, message: limit.message };
    return { i, type: "assert", status: "runtime", message: t?.message ? clip(t.message) : ended };
  });
}
