import { readdirSync, readFileSync } from "node:fs";

/** Host pids running as `uid` (a run's own uid): none may outlive its run. */
export function processesOf(uid: number | undefined): number[] {
  if (uid === undefined) return [];
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const m = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, "utf8"));
      if (m && Number(m[1]) === uid) out.push(Number(name));
    } catch {}
  }
  return out;
}
