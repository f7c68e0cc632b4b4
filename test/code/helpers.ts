import { readdirSync, readFileSync } from "node:fs";

/** Host pids whose real uid is one of the sandbox's per-run uids (≥ 1e9): none may outlive its run. */
export function sandboxProcesses(): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const m = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, "utf8"));
      if (m && Number(m[1]) >= 1_000_000_000) out.push(Number(name));
    } catch {}
  }
  return out;
}
