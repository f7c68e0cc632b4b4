import { resolveLimits } from "./limits.ts";
import { type CodeExecutor, failedOutcome, type RunOutcome, type RunRequest } from "./types.ts";

/** Options of the SandboxFusion client. */
export interface SandboxFusionOptions {
  /** Server base URL (`http://host:8080`) or its full `/run_code` URL. */
  url: string;
  /** Retries after an HTTP 504 (the gateway timeout SandboxFusion deployments return under load). */
  retries?: number;
  /** Added to the run and compile timeouts for the HTTP deadline (verl uses 10 s). */
  apiTimeoutMs?: number;
  /** Compile timeout sent to the server (s); unused by interpreted languages but part of the request. */
  compileTimeoutS?: number;
  fetch?: typeof fetch;
}

/** SandboxFusion's `language` names for ours. */
const SF_LANGUAGE = { python: "python", javascript: "nodejs" } as const;

function failure(status: RunOutcome["status"], message: string): RunOutcome {
  return failedOutcome(status, message, "sandboxfusion");
}

/**
 * Runs programs on a SandboxFusion server (`POST /run_code` with `{code, language, stdin, run_timeout,
 * compile_timeout, memory_limit_MB, files, fetch_files}`; files base64), mapping its typed statuses
 * (`Success | Failed | SandboxError`; per command `Finished | Error | TimeLimitExceeded`) onto ours.
 * Retries only HTTP 504, with linear backoff, as verl's client does. Isolation is the server's: its shipped
 * local config runs with `isolation: none`.
 * @example const sf = new SandboxFusionExecutor({ url: "http://127.0.0.1:8080" }); await sf.run(req);
 */
export class SandboxFusionExecutor implements CodeExecutor {
  readonly name = "sandboxfusion";
  private readonly endpoint: string;
  private readonly retries: number;
  private readonly apiTimeoutMs: number;
  private readonly compileTimeoutS: number;
  private readonly fetchImpl: typeof fetch;

  constructor(o: SandboxFusionOptions) {
    const base = o.url.replace(/\/+$/, "");
    this.endpoint = base.endsWith("/run_code") ? base : `${base}/run_code`;
    this.retries = o.retries ?? 3;
    this.apiTimeoutMs = o.apiTimeoutMs ?? 10_000;
    this.compileTimeoutS = o.compileTimeoutS ?? 10;
    this.fetchImpl = o.fetch ?? fetch;
  }

  async run(req: RunRequest): Promise<RunOutcome> {
    const limits = resolveLimits(req.limits);
    const files: Record<string, string> = {};
    for (const [name, content] of Object.entries(req.files)) {
      if (name !== req.entry) files[name] = Buffer.from(content, "utf8").toString("base64");
    }
    const code = req.files[req.entry];
    if (code === undefined)
      return failure("sandbox_error", `entry ${JSON.stringify(req.entry)} is not among the files`);
    const body = JSON.stringify({
      code,
      language: SF_LANGUAGE[req.language],
      stdin: req.stdin ?? "",
      run_timeout: limits.wallMs / 1000,
      compile_timeout: this.compileTimeoutS,
      memory_limit_MB: limits.memoryMb,
      files,
      fetch_files: [],
    });
    const httpMs = limits.wallMs + this.compileTimeoutS * 1000 + this.apiTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      if (req.signal?.aborted) return failure("cancelled", "cancelled by the caller");
      const signals = [AbortSignal.timeout(httpMs), ...(req.signal ? [req.signal] : [])];
      let res: Response;
      try {
        res = await this.fetchImpl(this.endpoint, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
          signal: AbortSignal.any(signals),
        });
      } catch (e) {
        if (req.signal?.aborted) return failure("cancelled", "cancelled by the caller");
        return failure("sandbox_error", `SandboxFusion request failed: ${(e as Error).message}`);
      }
      if (res.status === 504 && attempt < this.retries) {
        await res.body?.cancel();
        await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
        continue;
      }
      if (!res.ok) {
        const text = await res.text().catch(() => "");
        return failure("sandbox_error", `SandboxFusion answered HTTP ${res.status}: ${text.slice(0, 300)}`);
      }
      let json: any;
      try {
        json = await res.json();
      } catch {
        return failure("sandbox_error", "SandboxFusion answered with a body that is not JSON");
      }
      return mapResponse(json, limits.outputBytes);
    }
  }
}

function capText(x: unknown, cap: number): { text: string; over: boolean } {
  const s = typeof x === "string" ? x : "";
  const b = Buffer.from(s, "utf8");
  return b.length > cap
    ? { text: b.subarray(0, cap).toString("utf8"), over: true }
    : { text: s, over: false };
}

/** Maps a `RunCodeResponse` onto a run outcome. */
function mapResponse(json: any, cap: number): RunOutcome {
  if (!json || typeof json !== "object")
    return failure("sandbox_error", "SandboxFusion response is not an object");
  if (json.status === "SandboxError") {
    return failure("sandbox_error", `SandboxFusion: ${String(json.message || "sandbox error")}`);
  }
  const compile = json.compile_result;
  if (compile?.status && compile.status !== "Finished") {
    return failure(
      compile.status === "TimeLimitExceeded" ? "timeout" : "sandbox_error",
      `compile step: ${compile.status}`,
    );
  }
  const r = json.run_result;
  if (!r || typeof r !== "object")
    return failure("sandbox_error", "SandboxFusion response has no run_result");
  const out = capText(r.stdout, cap);
  const err = capText(r.stderr, cap);
  const wallMs = typeof r.execution_time === "number" ? r.execution_time * 1000 : 0;
  const base = { stdout: out.text, stderr: err.text, wallMs, cpuMs: null, executor: "sandboxfusion" };
  if (r.status === "TimeLimitExceeded") {
    return {
      ...base,
      status: "timeout",
      exitCode: null,
      signal: null,
      message: "SandboxFusion: TimeLimitExceeded",
    };
  }
  if (r.status !== "Finished")
    return {
      ...failure("sandbox_error", `SandboxFusion run status ${String(r.status)}`),
      ...base,
      status: "sandbox_error",
    };
  if (out.over || err.over) {
    return {
      ...base,
      status: "output_limit",
      exitCode: null,
      signal: null,
      message: `output passed ${cap} bytes`,
    };
  }
  const code = typeof r.return_code === "number" ? r.return_code : null;
  // Python's subprocess reports death by signal N as return code -N.
  if (code !== null && code < 0)
    return { ...base, status: "signaled", exitCode: null, signal: `signal ${-code}` };
  return { ...base, status: "exited", exitCode: code, signal: null };
}
