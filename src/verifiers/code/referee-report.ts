/** One assertion test's result, as the referee reported it. */
export interface RefereeTest {
  ok: boolean;
  kind?: "wrong_answer" | "runtime";
  message?: string;
  /** The test failed because the program ended or broke the protocol (a limit may be the reason). */
  gone?: boolean;
}

/** What the referee reported over its private pipe. */
export interface RefereeReport {
  /** Results in test order; test k is only taken when tests 0..k-1 came before it. */
  tests: RefereeTest[];
  done: boolean;
  compile?: string;
  /** The solution raised, or the test setup failed, before the tests. */
  error?: string;
  /** The program ended or broke the protocol before the tests. */
  gone?: string;
  /** The tests themselves do not compile. */
  invalid?: string;
}

function text(x: unknown): string {
  return typeof x === "string" ? x : (JSON.stringify(x) ?? "");
}

/**
 * Reads the referee's report (one JSON object per line). Only the referee holds this pipe, but the reader
 * still fails closed: a test result counts only as the next test in order, nothing after `done` counts,
 * and a line that is not a JSON object is skipped.
 * @example readRefereeReport('{"test":0,"ok":true}\n{"done":true}\n').tests[0].ok // true
 */
export function readRefereeReport(report: string): RefereeReport {
  const out: RefereeReport = { tests: [], done: false };
  for (const line of report.split("\n")) {
    if (out.done) break;
    let m: Record<string, unknown>;
    try {
      const v: unknown = JSON.parse(line);
      if (v === null || typeof v !== "object" || Array.isArray(v)) continue;
      m = v as Record<string, unknown>;
    } catch {
      continue;
    }
    if (m.done === true) out.done = true;
    else if (typeof m.test === "number") {
      if (m.test !== out.tests.length) continue;
      const ok = m.ok === true;
      out.tests.push({
        ok,
        ...(ok ? {} : { kind: m.kind === "wrong_answer" ? "wrong_answer" : "runtime" }),
        ...(ok ? {} : { message: text(m.message) }),
        ...(m.gone === true ? { gone: true } : {}),
      });
    } else if ("compile" in m) out.compile ??= text(m.compile);
    else if ("invalid" in m) out.invalid ??= text(m.invalid);
    else if ("error" in m) out.error ??= text(m.error);
    else if ("gone" in m) out.gone ??= text(m.gone);
  }
  return out;
}
