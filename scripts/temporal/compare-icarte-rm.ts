/**
 * Runs Toro Icarte et al.'s reference reward-machine code (github RodrigoToroIcarte/reward_machines, checked
 * out outside the project; it has no license, so nothing of it is copied here) and rewardkit's
 * `parseRewardMachine` on the same random traces of every constant-reward machine file, and compares the
 * rewards, the termination step and the value-iteration values. Run outside CI:
 *   npx tsx scripts/temporal/compare-icarte-rm.ts <checkout-of-reward_machines>
 * Needs python3 (the reference's reward-machine module uses only the standard library).
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "../../src/credit/rng.ts";
import { parseRewardMachine } from "../../src/temporal/reward-machine.ts";

const root = process.argv[2];
if (!root) throw new Error("usage: compare-icarte-rm.ts <checkout>");
const files: string[] = [];
const walk = (d: string) => {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (/reward_machines\/(.*\/)?t\d+\.txt$/.test(p) && p.includes("/envs/")) files.push(p);
  }
};
walk(join(root, "reward_machines", "envs"));

const DRIVER = `
import json, sys
sys.path.insert(0, sys.argv[1] + "/reward_machines")
from reward_machines.reward_machine import RewardMachine
from reward_machines.reward_machine_utils import value_iteration
jobs = json.load(sys.stdin)
out = []
for job in jobs:
    rm = RewardMachine(job["file"])
    V = value_iteration(rm.U, rm.delta_u, rm.delta_r, rm.terminal_u, 0.9)
    runs = []
    for trace in job["traces"]:
        u = rm.reset(); rewards = []; done = False
        for props in trace:
            u, r, done = rm.step(u, "".join(props), None)
            rewards.append(r)
            if done: break
        runs.append({"rewards": rewards, "done": done})
    out.append({"file": job["file"], "V": {str(k): v for k, v in V.items()}, "runs": runs})
print(json.dumps(out))
`;

const rand = seededRandom(26);
const jobs: { file: string; traces: string[][][]; props: string[] }[] = [];
let skipped = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  if (/RewardControl|RewardForward|RewardBackwards/.test(text)) {
    skipped++;
    continue;
  }
  const props = [
    ...new Set(
      text
        .split("\n")
        .slice(2)
        .flatMap((l) => (/'([^']*)'/.exec(l)?.[1] ?? "").match(/[a-z]/g) ?? []),
    ),
  ].sort();
  const traces = Array.from({ length: 200 }, () =>
    Array.from({ length: 1 + Math.floor(rand() * 12) }, () => props.filter(() => rand() < 0.3)),
  );
  jobs.push({ file, traces, props });
}
const py = spawnSync("python3", ["-c", DRIVER, root], {
  input: JSON.stringify(jobs),
  encoding: "utf8",
  maxBuffer: 1 << 28,
});
if (py.status !== 0) throw new Error(py.stderr);
const ref = JSON.parse(py.stdout) as {
  file: string;
  V: Record<string, number>;
  runs: { rewards: number[]; done: boolean }[];
}[];
let traces = 0;
let agree = 0;
let quirk = 0;
let vAgree = 0;
let vTotal = 0;
for (const [i, job] of jobs.entries()) {
  const rm = parseRewardMachine(readFileSync(job.file, "utf8"), job.file);
  const r = ref[i]!;
  for (const [k, trace] of job.traces.entries()) {
    traces++;
    let u = rm.initial;
    const rewards: number[] = [];
    let done = false;
    // What the reference code pays when a step matches no guard: the reward of the last edge from u into a
    // terminal state (its rewards are keyed by target, and every terminal state is one id), not 0.
    const quirkRewards: number[] = [];
    for (const props of trace) {
      const s = rm.step(u, new Set(props));
      const intoTerminal = rm.edges.filter((e) => e.from === u && rm.terminal.has(e.to)).at(-1);
      quirkRewards.push(s.state === -1 && intoTerminal ? intoTerminal.reward : s.reward);
      u = s.state;
      rewards.push(s.reward);
      if ((done = rm.isTerminal(u))) break;
    }
    const want = r.runs[k]!;
    if (JSON.stringify(rewards) === JSON.stringify(want.rewards) && done === want.done) agree++;
    else if (JSON.stringify(quirkRewards) === JSON.stringify(want.rewards) && done === want.done) quirk++;
    else console.log("differs", job.file, JSON.stringify(trace), rewards, want);
  }
  const V = rm.values(0.9);
  for (const [u, v] of Object.entries(r.V)) {
    if (u === "-1") continue;
    vTotal++;
    if (Math.abs((V.get(Number(u)) ?? Number.NaN) - v) < 1e-6) vAgree++;
    else console.log("value differs", job.file, u, V.get(Number(u)), v);
  }
}
console.log(
  `${jobs.length} machines (${skipped} with non-constant rewards skipped): ${agree}/${traces} traces agree on rewards and termination, ${quirk} differ only where the machine falls off (the reference pays u's edge into a terminal state, rewardkit 0); ${vAgree}/${vTotal} state values agree (γ = 0.9)`,
);
