import { accessSync, constants } from "node:fs";
import { join } from "node:path";
import { worldExecutable } from "./probe.ts";
import type { Language } from "./types.ts";

/** How to start one language: interpreter path and the flags placed before the entry file. */
export interface Interpreter {
  path: string;
  args: (entry: string, o: { memoryMb: number; seed?: number }) => string[];
  /**
   * Flags that start a trusted program read from stdin as `source + "\0" + input` (a referee): isolated from
   * the work directory (Python `-I`; the caller starts it in /), `INPUT` given to it as a global.
   */
  stdinArgs: (o: { memoryMb: number }) => string[];
  /** Address space (MiB) the runtime reserves at start-up, allowed on top of `memoryMb` (RLIMIT_AS). */
  startupAddressMb: number;
  /** Resident memory (MiB) of the bare runtime, allowed on top of `memoryMb` in the run's cgroup. */
  startupResidentMb: number;
}

/** Reads `source\0input` from stdin and runs source with `INPUT` (one line: it travels as an argument). */
const PY_FROM_STDIN =
  "import sys;d=sys.stdin.buffer.read().decode('utf-8','surrogatepass');k=d.index('\\0');" +
  "exec(compile(d[:k],'<referee>','exec'),{'__name__':'__main__','INPUT':d[k+1:]})";
const JS_FROM_STDIN =
  "const d=require('fs').readFileSync(0,'utf8');const k=d.indexOf('\\0');" +
  "new Function('INPUT','require',d.slice(0,k))(d.slice(k+1),require)";

/** V8's old-space limit for a memory limit: below it, so a heap bomb fails as an OOM, not a crash elsewhere. */
function heapMb(memoryMb: number): number {
  return Math.max(16, Math.floor(memoryMb * 0.75));
}

const cache = new Map<string, Interpreter | null>();

/** Candidate paths: the usual system places first, then the caller's PATH. */
function candidates(names: string[]): string[] {
  const dirs = ["/usr/bin", "/usr/local/bin", "/bin", ...(process.env.PATH ?? "").split(":").filter(Boolean)];
  const out: string[] = [];
  for (const n of names) for (const d of dirs) out.push(join(d, n));
  return out;
}

/**
 * Finds an interpreter an unprivileged user can run (a per-user install under a private home is skipped).
 * @example findInterpreter("python")?.path // "/usr/bin/python3"
 */
export function findInterpreter(language: Language, needWorld = true): Interpreter | null {
  const key = `${language}:${needWorld}`;
  if (cache.has(key)) return cache.get(key)!;
  let found: Interpreter | null = null;
  if (language === "python") {
    const path = candidates(["python3"]).find((p) => (needWorld ? worldExecutable(p) : exists(p)));
    // -s: no user site; -B: no .pyc writes; -u: unbuffered, so output written before a kill is not lost.
    // Not -I/-E: the environment is ours (fixed), and PYTHONHASHSEED=0 in it keeps str hashing deterministic.
    if (path)
      found = {
        path,
        args: (entry) => ["-s", "-B", "-u", entry],
        stdinArgs: () => ["-I", "-B", "-u", "-c", PY_FROM_STDIN],
        startupAddressMb: 0,
        startupResidentMb: 32,
      };
  } else {
    const paths = [process.execPath, ...candidates(["node", "nodejs"])];
    const path = paths.find((p) => (needWorld ? worldExecutable(p) : exists(p)));
    if (path) {
      found = {
        path,
        args: (entry, o) => [
          `--max-old-space-size=${heapMb(o.memoryMb)}`,
          ...(o.seed !== undefined
            ? [`--random-seed=${(Math.abs(Math.trunc(o.seed)) % 2147483646) + 1}`]
            : []),
          entry,
        ],
        stdinArgs: (o) => [`--max-old-space-size=${heapMb(o.memoryMb)}`, "-e", JS_FROM_STDIN],
        // V8 reserves ~750 MiB of address space before running any code (Node 20 on x86-64), so an
        // address-space limit below that stops Node from starting; the heap is bounded by the flag above.
        startupAddressMb: 1024,
        startupResidentMb: 64,
      };
    }
  }
  cache.set(key, found);
  return found;
}

function exists(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
