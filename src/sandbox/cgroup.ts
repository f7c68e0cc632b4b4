import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SandboxLimits } from "./types.ts";

/** The cgroups of one run: files the init process writes "0" into to join, and readers of what they measured. */
export interface RunCgroup {
  /** `cgroup.procs` files to join, one per hierarchy. */
  procsFiles: string[];
  /** CPU time of every process that ran in the group (ms), or null when not accounted. */
  cpuMs(): number | null;
  /** Whether the kernel's OOM killer fired inside the group. */
  oomKilled(): boolean;
  /** Removes the group's directories (after its processes are gone). */
  remove(): Promise<void>;
}

type Layout =
  | { kind: "v1"; dirs: Record<"pids" | "memory" | "cpuacct", string> }
  | { kind: "v2"; dir: string };

let layout: Layout | null | undefined;
let counter = 0;

/** This process's own cgroup path in each hierarchy, from /proc/self/cgroup. */
function ownPaths(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync("/proc/self/cgroup", "utf8").split("\n")) {
    const m = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!m) continue;
    for (const c of m[1]!.split(",")) out.set(c, m[2]!);
    if (m[1] === "") out.set("", m[2]!);
  }
  return out;
}

function detect(): Layout | null {
  try {
    const own = ownPaths();
    const root = "/sys/fs/cgroup";
    if (existsSync(join(root, "cgroup.controllers"))) {
      const dir = join(root, own.get("") ?? "/");
      const ctrl = readFileSync(join(dir, "cgroup.controllers"), "utf8");
      if (!/\bpids\b/.test(ctrl) || !/\bmemory\b/.test(ctrl)) return null;
      // Children need the controllers turned on for them; fails where processes sit in `dir` itself.
      writeFileSync(join(dir, "cgroup.subtree_control"), "+pids +memory +cpu");
      return { kind: "v2", dir };
    }
    const dirs: Record<string, string> = {};
    for (const c of ["pids", "memory", "cpuacct"]) {
      const mount = [c, "cpu,cpuacct", "cpuacct,cpu"]
        .map((n) => join(root, n))
        .find((d) => existsSync(join(d, "cgroup.procs")));
      if (!mount) return null;
      dirs[c] = join(mount, own.get(c) ?? "/");
    }
    return { kind: "v1", dirs: dirs as Record<"pids" | "memory" | "cpuacct", string> };
  } catch {
    return null;
  }
}

function readNumber(file: string): number | null {
  try {
    const n = Number(readFileSync(file, "utf8").trim());
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

function readKey(file: string, key: string): number | null {
  try {
    const m = new RegExp(`^${key} (\\d+)$`, "m").exec(readFileSync(file, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Creates the cgroups of one run (pids, memory, CPU accounting) below this process's own cgroup, or
 * returns null when this machine does not let us (no write access, no controllers); rlimits still apply then.
 * @example const cg = createRunCgroup(limits); // cg?.procsFiles go to the init process
 */
export function createRunCgroup(limits: SandboxLimits): RunCgroup | null {
  if (layout === undefined) {
    layout = detect();
    if (layout) removeStale(layout);
  }
  if (!layout) return null;
  const name = `rewardkit-${process.pid}-${++counter}`;
  const mem = String(limits.memoryMb * 1024 * 1024);
  const made: string[] = [];
  try {
    if (layout.kind === "v2") {
      const dir = join(layout.dir, name);
      mkdirSync(dir);
      made.push(dir);
      writeFileSync(join(dir, "pids.max"), String(limits.maxProcs));
      writeFileSync(join(dir, "memory.max"), mem);
      try {
        writeFileSync(join(dir, "memory.swap.max"), "0");
      } catch {}
      return {
        procsFiles: [join(dir, "cgroup.procs")],
        cpuMs: () => {
          const us = readKey(join(dir, "cpu.stat"), "usage_usec");
          return us === null ? null : us / 1000;
        },
        oomKilled: () => (readKey(join(dir, "memory.events"), "oom_kill") ?? 0) > 0,
        remove: () => removeDirs(made),
      };
    }
    const d = layout.dirs;
    const pids = join(d.pids, name);
    const memory = join(d.memory, name);
    const cpu = join(d.cpuacct, name);
    for (const dir of [pids, memory, cpu]) {
      if (made.includes(dir)) continue;
      mkdirSync(dir);
      made.push(dir);
    }
    writeFileSync(join(pids, "pids.max"), String(limits.maxProcs));
    writeFileSync(join(memory, "memory.limit_in_bytes"), mem);
    try {
      writeFileSync(join(memory, "memory.memsw.limit_in_bytes"), mem);
    } catch {}
    return {
      procsFiles: [...new Set([pids, memory, cpu])].map((x) => join(x, "cgroup.procs")),
      cpuMs: () => {
        const ns = readNumber(join(cpu, "cpuacct.usage"));
        return ns === null ? null : ns / 1e6;
      },
      oomKilled: () =>
        (readKey(join(memory, "memory.oom_control"), "oom_kill") ??
          readNumber(join(memory, "memory.failcnt")) ??
          0) > 0,
      remove: () => removeDirs(made),
    };
  } catch {
    void removeDirs(made);
    layout = null;
    return null;
  }
}

/** Removes groups left by a rewardkit process that died mid-run (its pid is gone; the groups are empty). */
function removeStale(l: Layout): void {
  const parents = l.kind === "v2" ? [l.dir] : [...new Set(Object.values(l.dirs))];
  for (const parent of parents) {
    let names: string[] = [];
    try {
      names = readdirSync(parent);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = /^rewardkit-(\d+)-\d+$/.exec(name);
      if (!m || existsSync(`/proc/${m[1]}`)) continue;
      try {
        rmdirSync(join(parent, name));
      } catch {}
    }
  }
}

/** rmdir each group; a group is busy for a moment after its last process exits, so retry briefly. */
async function removeDirs(dirs: string[]): Promise<void> {
  for (const dir of dirs.reverse()) {
    for (let i = 0; i < 50; i++) {
      try {
        rmdirSync(dir);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") break;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }
}
