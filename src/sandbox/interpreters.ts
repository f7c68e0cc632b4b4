import { accessSync, constants } from "node:fs";
import { join } from "node:path";
import { worldExecutable } from "./probe.ts";
import type { Language } from "./types.ts";

/** How to start one language: interpreter path and the flags placed before the entry file. */
export interface Interpreter {
  path: string;
  args: (entry: string, o: { memoryMb: number; seed?: number }) => string[];
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
    if (path) found = { path, args: (entry) => ["-s", "-B", "-u", entry] };
  } else {
    const paths = [process.execPath, ...candidates(["node", "nodejs"])];
    const path = paths.find((p) => (needWorld ? worldExecutable(p) : exists(p)));
    if (path) {
      found = {
        path,
        args: (entry, o) => [
          // V8's heap below the address-space limit so a heap bomb fails as an OOM, not a crash elsewhere.
          `--max-old-space-size=${Math.max(16, Math.floor(o.memoryMb * 0.75))}`,
          ...(o.seed !== undefined
            ? [`--random-seed=${(Math.abs(Math.trunc(o.seed)) % 2147483646) + 1}`]
            : []),
          entry,
        ],
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
