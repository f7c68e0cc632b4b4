import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { constants as osConstants, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { CappedCapture } from "./capture.ts";
import { createRunCgroup, type RunCgroup } from "./cgroup.ts";
import { INIT_SCRIPT } from "./init-script.ts";
import { findInterpreter } from "./interpreters.ts";
import { resolveLimits } from "./limits.ts";
import { namespaceFlags, type SandboxSupport, sandboxSupport } from "./probe.ts";
import {
  type CodeExecutor,
  failedOutcome,
  type RunOutcome,
  type RunRequest,
  type RunStatus,
} from "./types.ts";

/** Options of the local process sandbox. */
export interface LocalSandboxOptions {
  /**
   * Directories hidden under an empty read-only tmpfs inside the sandbox (besides /run and /tmp, always
   * replaced). Defaults to home directories, /mnt, /media, /srv and the current working directory, so a
   * program cannot read a dataset's expected outputs from disk.
   */
  hidePaths?: string[];
  /** How long namespace and mount setup may take before the run is a sandbox error (ms). */
  setupTimeoutMs?: number;
  /** What this machine supports; defaults to the cached probe (tests inject a refusal here). */
  support?: () => Promise<SandboxSupport>;
}

const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;
/** Unprivileged uids for runs: far above real accounts; one per concurrent run, so runs cannot signal each other. */
const UID_BASE = 1_000_000_000;
const UID_SPAN = 1_000_000;
const usedUids = new Set<number>();

function allocUid(): number {
  for (;;) {
    const u = UID_BASE + Math.floor(Math.random() * UID_SPAN);
    if (!usedUids.has(u)) {
      usedUids.add(u);
      return u;
    }
  }
}

/** The environment the program sees: fixed, nothing inherited from this process. */
const PROGRAM_ENV = [
  "PATH=/usr/local/bin:/usr/bin:/bin",
  "HOME=/tmp",
  "TMPDIR=/tmp",
  "LANG=C.UTF-8",
  "PYTHONHASHSEED=0",
  "PYTHONIOENCODING=utf-8",
  "PYTHONDONTWRITEBYTECODE=1",
];

function sandboxError(message: string, extra: Partial<RunOutcome> = {}): RunOutcome {
  return failedOutcome("sandbox_error", message, "local", extra);
}

/** How one process of a run is started: interpreter, flags, address-space limit, uid (root mode). */
interface Command {
  path: string;
  args: string[];
  addressMb: number;
  uid: number;
}

/** Memory (MiB) allowed in the run's cgroup for the referee's own data, beside the program's memory_mb. */
const REFEREE_DATA_MB = 64;

/** Cap of the referee's report (it is trusted and writes one short line per test). */
const REPORT_BYTES = 16 << 20;

const signalNames = new Map<number, string>(
  Object.entries(osConstants.signals).map(([name, n]) => [n as number, name]),
);

/**
 * Runs programs in a fresh Linux sandbox per run: new network (no interface up), pid and mount namespaces;
 * every mount read-only; a size-capped tmpfs work directory that vanishes with the run; an unprivileged
 * per-run uid without capabilities; rlimits and, where writable, cgroups for memory, processes and CPU;
 * wall-clock and CPU limits timed from this process. Refuses (status `sandbox_error`) where the machine
 * cannot isolate the network.
 * @example const out = await new LocalSandbox().run({ language: "python", files: { "m.py": "print(2)" }, entry: "m.py" });
 */
export class LocalSandbox implements CodeExecutor {
  readonly name = "local";
  readonly referees = true;
  private readonly hidePaths: string[] | undefined;
  private readonly setupTimeoutMs: number;
  private readonly support: () => Promise<SandboxSupport>;

  constructor(opts: LocalSandboxOptions = {}) {
    this.hidePaths = opts.hidePaths;
    this.setupTimeoutMs = opts.setupTimeoutMs ?? 10_000;
    this.support = opts.support ?? sandboxSupport;
  }

  async run(req: RunRequest): Promise<RunOutcome> {
    const support = await this.support();
    if (!support.mode || !support.tools) return sandboxError(support.reason ?? "no sandbox on this machine");
    for (const name of Object.keys(req.files)) {
      if (!FILE_NAME.test(name))
        return sandboxError(`file name not allowed in the sandbox: ${JSON.stringify(name)}`);
    }
    if (!(req.entry in req.files))
      return sandboxError(`entry ${JSON.stringify(req.entry)} is not among the files`);
    const interp = findInterpreter(req.language, support.mode === "root");
    if (!interp) return sandboxError(`no ${req.language} interpreter that an unprivileged user can run`);
    const refInterp = req.referee ? findInterpreter(req.referee.language, support.mode === "root") : null;
    if (req.referee && !refInterp)
      return sandboxError(`no ${req.referee.language} interpreter for the referee`);
    if (req.signal?.aborted) return { ...sandboxError("cancelled before start"), status: "cancelled" };

    const limits = resolveLimits(req.limits);
    const stage = mkdtempSync(join(tmpdir(), "rewardkit-sbx-"));
    const uid = support.mode === "root" ? allocUid() : 0;
    const refUid = support.mode === "root" && refInterp ? allocUid() : 0;
    let cgroup: RunCgroup | null = null;
    try {
      for (const [name, content] of Object.entries(req.files)) writeFileSync(join(stage, name), content);
      // The runtimes' own start-up memory is allowed on top of memory_mb (the program's limit).
      const resident =
        interp.startupResidentMb + (refInterp ? refInterp.startupResidentMb + REFEREE_DATA_MB : 0);
      cgroup =
        support.mode === "root" ? createRunCgroup({ ...limits, memoryMb: limits.memoryMb + resident }) : null;
      const program = {
        path: interp.path,
        args: interp.args(req.entry, {
          memoryMb: limits.memoryMb,
          ...(req.seed !== undefined ? { seed: req.seed } : {}),
        }),
        addressMb: limits.memoryMb + interp.startupAddressMb,
        uid,
      };
      const referee = refInterp
        ? {
            path: refInterp.path,
            args: refInterp.stdinArgs({ memoryMb: limits.memoryMb }),
            addressMb: limits.memoryMb + refInterp.startupAddressMb,
            uid: refUid,
          }
        : null;
      return await this.spawnRun(support, program, referee, req, limits, stage, cgroup);
    } catch (e) {
      return sandboxError(`sandbox failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      rmSync(stage, { recursive: true, force: true });
      if (cgroup) await cgroup.remove();
      usedUids.delete(uid);
      usedUids.delete(refUid);
    }
  }

  private defaultHidden(needed: string[]): string[] {
    const wanted = this.hidePaths ?? defaultHiddenPaths();
    // Never hide a directory that holds an interpreter or a tool the sandbox itself runs.
    return wanted.filter(
      (p) =>
        p.startsWith("/") &&
        p !== "/" &&
        !p.includes("\n") &&
        !needed.some((n) => n === p || n.startsWith(`${p}/`)),
    );
  }

  private spawnRun(
    support: SandboxSupport,
    program: Command,
    referee: Command | null,
    req: RunRequest,
    limits: ReturnType<typeof resolveLimits>,
    stage: string,
    cgroup: RunCgroup | null,
  ): Promise<RunOutcome> {
    const t = support.tools!;
    const mode = support.mode!;
    const cpuSoft = Math.ceil(limits.cpuMs / 1000);
    const uid = program.uid;
    const command = (c: Command, trusted: boolean): string[] => {
      const drop =
        mode === "root"
          ? [
              t.setpriv,
              `--reuid=${c.uid}`,
              `--regid=${c.uid}`,
              "--clear-groups",
              "--inh-caps=-all",
              "--bounding-set=-all",
              "--no-new-privs",
              "--",
            ]
          : // Without root the program goes into a nested user namespace; the referee stays outside it,
            // where the program holds no capability (so cannot ptrace it or read its memory or fds).
            [t.setpriv, "--no-new-privs", "--", ...(trusted ? [] : [t.unshare, "--user", "--"])];
      return [
        t.prlimit,
        `--as=${c.addressMb * 1024 * 1024}`,
        `--nproc=${limits.maxProcs}`,
        `--cpu=${cpuSoft}:${cpuSoft + 1}`,
        `--fsize=${limits.diskMb * 1024 * 1024}`,
        "--nofile=256",
        "--core=0",
        "--",
        ...drop,
        t.env,
        "-i",
        ...PROGRAM_ENV,
        c.path,
        ...c.args,
      ];
    };
    const inner = command(program, false);
    const backstop = Math.ceil((limits.wallMs + this.setupTimeoutMs) / 1000) + 5;
    const args = [
      ...namespaceFlags(mode),
      "--",
      t.perl,
      "-e",
      INIT_SCRIPT,
      stage,
      String(uid),
      String(uid),
      String(limits.diskMb * 1024 * 1024),
      (cgroup?.procsFiles ?? []).join("\n"),
      this.defaultHidden([program.path, ...(referee ? [referee.path] : []), ...Object.values(t)]).join("\n"),
      mode,
      String(backstop),
      referee ? command(referee, true).join("\n") : "",
      "--",
      ...inner,
    ];

    return new Promise<RunOutcome>((resolve) => {
      const out = new CappedCapture(limits.outputBytes);
      const err = new CappedCapture(limits.outputBytes);
      const report = new CappedCapture(REPORT_BYTES);
      let child: ChildProcess;
      try {
        child = spawn(t.unshare, args, {
          detached: true,
          stdio: req.referee
            ? ["pipe", "pipe", "pipe", "pipe", "pipe", "pipe"]
            : ["pipe", "pipe", "pipe", "pipe"],
          env: {},
          cwd: "/",
        });
      } catch (e) {
        resolve(sandboxError(`could not start the sandbox: ${(e as Error).message}`));
        return;
      }
      let started = -1;
      let ended = -1;
      let cpu0 = 0;
      let waitStatus: number | null = null;
      let killedAs: RunStatus | null = null;
      let killMessage = "";
      let fd3 = "";
      const timers: NodeJS.Timeout[] = [];
      const kill = (why: RunStatus, message: string) => {
        if (killedAs) return;
        killedAs = why;
        killMessage = message;
        if (ended < 0) ended = performance.now();
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {}
      };
      const onAbort = () => kill("cancelled", "cancelled by the caller");
      req.signal?.addEventListener("abort", onAbort, { once: true });
      timers.push(
        setTimeout(() => {
          if (started < 0) kill("sandbox_error", `sandbox setup took longer than ${this.setupTimeoutMs} ms`);
        }, this.setupTimeoutMs),
      );
      const onStart = () => {
        started = performance.now();
        cpu0 = cgroup?.cpuMs() ?? 0;
        timers.push(
          setTimeout(() => kill("timeout", `wall-clock limit of ${limits.wallMs} ms`), limits.wallMs),
        );
        if (cgroup && cgroup.cpuMs() !== null) {
          const every = Math.max(10, Math.min(100, Math.floor(limits.cpuMs / 10)));
          const poll = setInterval(() => {
            const used = (cgroup.cpuMs() ?? 0) - cpu0;
            if (used > limits.cpuMs) kill("cpu_timeout", `CPU-time limit of ${limits.cpuMs} ms`);
          }, every);
          timers.push(poll as unknown as NodeJS.Timeout);
        }
      };
      const extra = child.stdio[3] as NodeJS.ReadableStream;
      extra.on("data", (d: Buffer) => {
        fd3 += d.toString("latin1");
        if (started < 0 && fd3.includes("R")) onStart();
        const m = /X(\d+)\n/.exec(fd3);
        if (m && waitStatus === null) {
          waitStatus = Number(m[1]);
          if (ended < 0) ended = performance.now();
        }
      });
      extra.on("error", () => {});
      child.stdout!.on("data", (d: Buffer) => {
        if (!out.push(d)) kill("output_limit", `stdout passed ${limits.outputBytes} bytes`);
      });
      child.stderr!.on("data", (d: Buffer) => {
        if (!err.push(d)) kill("output_limit", `stderr passed ${limits.outputBytes} bytes`);
      });
      if (req.referee) {
        const reportPipe = child.stdio[4] as NodeJS.ReadableStream;
        reportPipe.on("data", (d: Buffer) => {
          if (!report.push(d)) kill("sandbox_error", `the referee's report passed ${REPORT_BYTES} bytes`);
        });
        reportPipe.on("error", () => {});
        const input = (child.stdio as unknown[])[5] as NodeJS.WritableStream;
        input.on("error", () => {});
        input.end(`${req.referee.source}\0${req.referee.input}`);
      }
      child.stdin!.on("error", () => {});
      child.stdin!.end(req.stdin ?? "");
      child.on("error", (e) => kill("sandbox_error", `could not start the sandbox: ${e.message}`));
      child.on("close", (code, sig) => {
        for (const tm of timers) clearTimeout(tm);
        req.signal?.removeEventListener("abort", onAbort);
        if (ended < 0) ended = performance.now();
        const wallMs = started < 0 ? 0 : Math.max(0, ended - started);
        const used = cgroup?.cpuMs();
        const cpuMs = used === null || used === undefined ? null : Math.max(0, used - cpu0);
        const base = {
          stdout: out.text(),
          stderr: err.text(),
          wallMs,
          cpuMs,
          executor: "local",
          ...(mode === "root" ? { uid } : {}),
          ...(req.referee ? { report: report.text() } : {}),
        };
        const decoded = decodeWait(waitStatus);
        if (killedAs) {
          resolve({ ...base, status: killedAs, exitCode: null, signal: "SIGKILL", message: killMessage });
          return;
        }
        if (started < 0 || waitStatus === null) {
          const why =
            setupMessage(base.stderr) ??
            `sandbox ended before the program ${started < 0 ? "started" : "reported"} (exit ${code ?? sig})`;
          resolve(sandboxError(why, { stdout: base.stdout, stderr: base.stderr, wallMs, cpuMs }));
          return;
        }
        if (cgroup?.oomKilled()) {
          resolve({
            ...base,
            status: "memory",
            ...decoded,
            message: `memory limit of ${limits.memoryMb} MiB`,
          });
          return;
        }
        // V8 aborts when its heap limit (from memory_mb) is reached.
        if (((waitStatus ?? 0) & 127) === 6 && /heap out of memory|Reached heap limit/.test(base.stderr)) {
          resolve({
            ...base,
            status: "memory",
            ...decoded,
            message: `memory limit of ${limits.memoryMb} MiB (JavaScript heap)`,
          });
          return;
        }
        if (
          decoded.signal === "SIGXCPU" ||
          (decoded.signal === "SIGKILL" && cpuMs !== null && cpuMs >= cpuSoft * 1000)
        ) {
          resolve({
            ...base,
            status: "cpu_timeout",
            ...decoded,
            message: `CPU-time limit of ${limits.cpuMs} ms`,
          });
          return;
        }
        resolve({ ...base, status: decoded.signal ? "signaled" : "exited", ...decoded });
      });
    });
  }
}

function decodeWait(st: number | null): { exitCode: number | null; signal: string | null } {
  if (st === null) return { exitCode: null, signal: null };
  const sig = st & 127;
  if (sig) return { exitCode: null, signal: signalNames.get(sig) ?? `signal ${sig}` };
  return { exitCode: (st >> 8) & 255, signal: null };
}

/** The init process's own complaint, if it wrote one. */
function setupMessage(stderr: string): string | null {
  const m = /^(sandbox setup: .*|unshare: .*)$/m.exec(stderr);
  return m ? m[1]! : null;
}

/**
 * Directories hidden by default: home directories, /mnt, /media, /srv and the current working directory
 * (where a dataset with the expected outputs usually sits).
 * @example new LocalSandbox({ hidePaths: [...defaultHiddenPaths(), "/data"] })
 */
export function defaultHiddenPaths(): string[] {
  return ["/home", "/root", "/mnt", "/media", "/srv", process.cwd()];
}

let shared: LocalSandbox | undefined;

/**
 * Runs one program in the default local sandbox; never rejects.
 * @example const out = await runSandboxed({ language: "javascript", files: { "m.js": "console.log(1)" }, entry: "m.js" });
 */
export function runSandboxed(req: RunRequest): Promise<RunOutcome> {
  shared ??= new LocalSandbox();
  return shared.run(req);
}
