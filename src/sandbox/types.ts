/**
 * What a sandboxed run is asked to do and what it reports, shared by the local process sandbox and the
 * SandboxFusion HTTP backend.
 * @example
 * const req: RunRequest = { language: "python", files: { "main.py": "print(1)" }, entry: "main.py" };
 */

/** Interpreted languages the executors know how to start. */
export type Language = "python" | "javascript";

/** Resource limits of one run; every limit is enforced or measured from outside the sandboxed process. */
export interface SandboxLimits {
  /** Wall-clock limit (ms), timed by the parent from the moment the program starts. */
  wallMs: number;
  /** CPU-time limit (ms) of all the run's processes together (cgroup accounting; per-process rlimit backup). */
  cpuMs: number;
  /** Memory limit (MiB): address space per process, and the run's cgroup when cgroups are writable. */
  memoryMb: number;
  /** Most processes and threads the run may hold at once (fork bombs). */
  maxProcs: number;
  /** Bytes kept of each of stdout and stderr; more ends the run with `output_limit`. */
  outputBytes: number;
  /** Size (MiB) of the fresh in-memory work directory, which is also the largest file the run may write. */
  diskMb: number;
}

/** One program run: files written into a fresh work directory, `entry` started with the interpreter. */
export interface RunRequest {
  language: Language;
  /** File name → UTF-8 content, written into the work directory (flat names only). */
  files: Record<string, string>;
  /** Which file the interpreter starts. */
  entry: string;
  stdin?: string;
  limits?: Partial<SandboxLimits>;
  /** Seed for the interpreter's own randomness where it can be set (V8 `--random-seed`). */
  seed?: number;
  signal?: AbortSignal;
  /** A trusted process started beside the program, out of its reach (see `RefereeRequest`). */
  referee?: RefereeRequest;
}

/**
 * A trusted process that runs beside the program in the same sandbox but out of its reach: another uid (or,
 * without root, a user namespace the program has no capability in), its input given on a private pipe,
 * never on disk. It talks to the program over two pipes — the referee's fd 3 writes to the program's fd 3,
 * the program's fd 4 writes to the referee's fd 4 — and what it writes on its fd 5 comes back as
 * `RunOutcome.report`, on a pipe the program never holds (its stdout goes to stderr). When the referee
 * exits, the program is killed.
 * `source` is started with the language's interpreter from its stdin as `source + "\0" + input`.
 * @example { language: "python", source: "import os\nos.write(1, INPUT.encode())", input: "{}" }
 */
export interface RefereeRequest {
  language: Language;
  /** Code of the referee; Python sees `INPUT` (a str) as a global, JavaScript `INPUT` and `require`. */
  source: string;
  /** Private input of the referee (the program cannot read it). */
  input: string;
}

/**
 * How a run ended. `exited` is a normal exit (any code); `sandbox_error` means the run could not be set up
 * or isolated (never the program's fault); `cancelled` means the caller's signal aborted it.
 */
export type RunStatus =
  | "exited"
  | "signaled"
  | "timeout"
  | "cpu_timeout"
  | "memory"
  | "output_limit"
  | "cancelled"
  | "sandbox_error";

/** What a run reports. Times are measured by the parent, never read from inside the sandbox. */
export interface RunOutcome {
  status: RunStatus;
  exitCode: number | null;
  /** The signal that ended the program, when one did. */
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time from program start to exit (ms). */
  wallMs: number;
  /** CPU time of all the run's processes (ms), or null when this machine gives no way to measure it. */
  cpuMs: number | null;
  /** Why the run ended, for sandbox errors and limits. */
  message?: string;
  /** Which executor ran it (`local`, `sandboxfusion`). */
  executor: string;
  /** What the referee wrote on its fd 5 (only with `RunRequest.referee`; capped at 16 MiB). */
  report?: string;
  /** The unprivileged uid the program ran as (local sandbox as root), so a caller can check nothing outlived it. */
  uid?: number;
}

/** Something that runs one program under limits and never rejects. */
export interface CodeExecutor {
  readonly name: string;
  /** Whether `run` can start a `RunRequest.referee` out of the program's reach. */
  readonly referees?: boolean;
  run(req: RunRequest): Promise<RunOutcome>;
}

/**
 * An outcome in which the program never ran (or ran no further): nothing captured, no exit, no time.
 * @example failedOutcome("sandbox_error", "unshare not found", "local")
 */
export function failedOutcome(
  status: RunStatus,
  message: string,
  executor: string,
  extra: Partial<RunOutcome> = {},
): RunOutcome {
  return {
    status,
    exitCode: null,
    signal: null,
    stdout: "",
    stderr: "",
    wallMs: 0,
    cpuMs: null,
    message,
    executor,
    ...extra,
  };
}
