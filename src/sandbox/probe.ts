import { spawn } from "node:child_process";
import { accessSync, constants, realpathSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

/** How this machine can isolate a run, or why it cannot. */
export interface SandboxSupport {
  /** `root`: real namespaces and a per-run unprivileged uid; `userns`: a user namespace; null: refuse. */
  mode: "root" | "userns" | null;
  /** Why the sandbox refuses to run (when `mode` is null). */
  reason?: string;
  tools: { unshare: string; prlimit: string; setpriv: string; perl: string; env: string } | null;
}

const SYSTEM_DIRS = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"];

/** Finds a system tool in the fixed system directories (never through PATH, which a caller controls). */
export function systemTool(name: string, dirs: readonly string[] = SYSTEM_DIRS): string | null {
  for (const d of dirs) {
    const p = join(d, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {}
  }
  return null;
}

let cached: Promise<SandboxSupport> | undefined;

/**
 * Probes once (per process) whether this machine can create the network, pid and mount namespaces a run
 * needs; the answer is cached. A machine that cannot gets `mode: null` and every run is refused.
 * @example const s = await sandboxSupport(); if (!s.mode) console.log(s.reason);
 */
export function sandboxSupport(): Promise<SandboxSupport> {
  cached ??= probeSandbox();
  return cached;
}

/** Where `probeSandbox` looks; tests point it elsewhere to see a refusal. */
export interface ProbeOptions {
  toolDirs?: readonly string[];
}

/**
 * Checks, without caching, whether runs can be isolated here: the tools exist and `unshare` can create
 * the namespaces (as root, or through a user namespace otherwise).
 * @example (await probeSandbox({ toolDirs: ["/nonexistent"] })).mode // null
 */
export async function probeSandbox(o: ProbeOptions = {}): Promise<SandboxSupport> {
  const dirs = o.toolDirs ?? SYSTEM_DIRS;
  if (process.platform !== "linux") {
    return {
      mode: null,
      reason: `no sandbox on ${process.platform}: Linux namespaces are required`,
      tools: null,
    };
  }
  const names = ["unshare", "prlimit", "setpriv", "perl", "env"] as const;
  const found: Record<string, string> = {};
  for (const n of names) {
    const p = systemTool(n, dirs);
    if (!p) {
      return {
        mode: null,
        reason: `no sandbox: ${n} not found in ${dirs.join(":")} (Debian packages util-linux, perl-base, coreutils)`,
        tools: null,
      };
    }
    found[n] = p;
  }
  const tools = found as NonNullable<SandboxSupport["tools"]>;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const tries: ("root" | "userns")[] = isRoot ? ["root"] : ["userns"];
  const errors: string[] = [];
  for (const mode of tries) {
    const r = await tryRun(tools.unshare, [...namespaceFlags(mode), "--", "/bin/true"]);
    if (r.code === 0) return { mode, tools };
    errors.push(`unshare ${namespaceFlags(mode).join(" ")}: ${r.stderr.trim() || `exit ${r.code}`}`);
  }
  return {
    mode: null,
    reason: `no sandbox: this machine cannot create network/pid/mount namespaces, so untrusted code is not run (${errors.join("; ")})`,
    tools,
  };
}

/** The unshare flags of a run: new network (loopback only, down), pid and mount namespaces. */
export function namespaceFlags(mode: "root" | "userns"): string[] {
  const base = [
    "--net",
    "--pid",
    "--mount",
    "--fork",
    "--kill-child",
    "--mount-proc",
    "--propagation",
    "private",
  ];
  return mode === "userns" ? ["--user", "--map-root-user", ...base] : base;
}

function tryRun(cmd: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    let stderr = "";
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"], env: {} });
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.stderr.on("data", (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString("utf8");
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ code: null, stderr: e.message });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/**
 * True when every directory on the real path of `file` is searchable by any user and the file is
 * executable by any user: the sandbox runs as an unprivileged uid that owns nothing.
 * @example worldExecutable("/usr/bin/python3") // true; a pyenv shim under /root is false
 */
export function worldExecutable(file: string): boolean {
  let real: string;
  try {
    real = realpathSync(file);
    if ((statSync(real).mode & 0o001) === 0) return false;
  } catch {
    return false;
  }
  for (let d = dirname(real); ; d = dirname(d)) {
    try {
      if ((statSync(d).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    if (d === "/") return true;
  }
}
