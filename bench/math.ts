import type { Rollout } from "../src/core/types.ts";
import { normalizeAnswer } from "../src/verifiers/extract/normalize.ts";
import { devCaseOptions, loadDevCases } from "../test/math/dev-cases.ts";

const args = new Set(process.argv.slice(2));
const poolN = Number([...args].find((a) => a.startsWith("--pool-size="))?.split("=")[1] ?? 10_000);

const rows = loadDevCases().filter((r) => !r.flags?.includes("quirk"));

// Math-Verify reference timings on the same 105 cases, measured on this kind of machine (ms).
const MV = { median: 10.9, p99: 200, total: 3600, warmMedian: 0.44 };

const t0 = performance.now();
const { verifyMath } = await import("../src/verifiers/math/verify.ts");
const importMs = performance.now() - t0;
const { casLoaded } = await import("../src/verifiers/math/cas.ts");

const opts = devCaseOptions;

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// Warm the code paths on inputs that are not in the measured set (traps), so "first-seen" means the
// answer strings are new to the process, as every completion is in RL training.
for (const [g, p] of [
  ["$\\frac{1}{2^{99}}$", "$\\frac{1}{2^{98}}$"],
  ["3x-y+13=0", "3x+4y+14=0"],
  ["$90^\\circ$", "$\\frac{\\pi}{2}$"],
  ["$[1,2)$", "x \\in \\boxed{[1,2)}"],
  ["$x^2+1$", "The final answer is $1+x^2$. I hope it is correct."],
]) {
  verifyMath(g!, p!);
}

// Baseline in the same run: normalised string equality of the same pairs (the cheapest possible check).
const baseTimes: number[] = [];
for (const r of rows) {
  const s = performance.now();
  void (normalizeAnswer(r.gold) === normalizeAnswer(r.pred));
  baseTimes.push(performance.now() - s);
}

let agree = 0;
const first: number[] = [];
for (const r of rows) {
  const s = performance.now();
  const v = verifyMath(r.gold, r.pred, opts(r));
  first.push(performance.now() - s);
  if (v.correct === r.expected) agree++;
}
const warm: number[] = [];
for (const r of rows) {
  const ts: number[] = [];
  for (let k = 0; k < 20; k++) {
    const s = performance.now();
    verifyMath(r.gold, r.pred, opts(r));
    ts.push(performance.now() - s);
  }
  warm.push(q(ts, 0.5));
}

const fmt = (x: number) => (x < 10 ? x.toFixed(3) : x.toFixed(1));
const baseMedian = q(baseTimes, 0.5);
console.log(
  `math.equivalent on ${rows.length} non-quirk dev cases; agreement with expected: ${agree}/${rows.length}`,
);
console.log(
  `module import: ${importMs.toFixed(0)} ms (once per process/worker); CAS loaded: ${JSON.stringify(casLoaded())}`,
);
console.log(
  `baseline (normalised string equality) median ${fmt(baseMedian)} ms, total ${fmt(sum(baseTimes))} ms`,
);
console.log("                first-seen          vs Math-Verify   vs baseline");
for (const [name, v, mv] of [
  ["total ms", sum(first), MV.total],
  ["median ms", q(first, 0.5), MV.median],
  ["p99 ms", q(first, 0.99), MV.p99],
] as const) {
  console.log(
    `${name.padEnd(12)}${fmt(v).padStart(12)}   ${`${(mv / v).toFixed(1)}× faster`.padStart(16)}   ${`${(v / (name === "total ms" ? sum(baseTimes) : baseMedian)).toFixed(0)}×`.padStart(10)}`,
  );
}
console.log(
  `warm median ms ${fmt(q(warm, 0.5))} (Math-Verify ${MV.warmMedian}: ${(MV.warmMedian / q(warm, 0.5)).toFixed(1)}× faster), warm p99 ${fmt(q(warm, 0.99))} ms, warm total ${fmt(sum(warm))} ms`,
);
const slowest = rows
  .map((r, i) => [r.id, first[i]!] as const)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 3);
console.log(`slowest first-seen: ${slowest.map(([id, ms]) => `${id} ${fmt(ms)} ms`).join(", ")}`);
console.log(
  `targets: total ≤ 180 ms ${sum(first) <= 180 ? "met" : "MISSED"}, median ≤ 0.5 ms ${q(first, 0.5) <= 0.5 ? "met" : "MISSED"}, p99 ≤ 10 ms ${q(first, 0.99) <= 10 ? "met" : "MISSED"}`,
);

// ---------- the generated conformance corpus, timed beside Math-Verify in the same run ----------
// MATH_VERIFY_DIR and LATEX2SYMPY2_DIR: source checkouts of huggingface/Math-Verify and
// huggingface/latex2sympy2_extended (parser generated as in docs/conformance/math.md); unset: ours only.
{
  const { readFileSync } = await import("node:fs");
  const { spawnSync } = await import("node:child_process");
  const here = new URL("../test/conformance/math/", import.meta.url);
  const corpus = readFileSync(new URL("verdicts.jsonl", here), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { gold: string; pred: string; label: boolean; math_verify: boolean });
  const times: number[] = [];
  let right = 0;
  const cpu0 = process.cpuUsage();
  for (const r of corpus) {
    const s = performance.now();
    const v = verifyMath(r.gold, r.pred);
    times.push(performance.now() - s);
    if (v.correct === r.label) right++;
  }
  const cpu1 = process.cpuUsage(cpu0);
  const cpu = (cpu1.user + cpu1.system) / 1000;
  const mvRight = corpus.filter((r) => r.math_verify === r.label).length;
  const total = sum(times);
  console.log(
    `\ngenerated corpus: ${corpus.length} pairs; right verdicts: math.equivalent ${right}/${corpus.length}, Math-Verify (recorded) ${mvRight}/${corpus.length}`,
  );
  console.log(
    `math.equivalent first-seen total ${fmt(total)} ms wall (${fmt(cpu)} ms CPU), median ${fmt(q(times, 0.5))} ms, p99 ${fmt(q(times, 0.99))} ms`,
  );
  const mvDir = process.env.MATH_VERIFY_DIR;
  const l2sDir = process.env.LATEX2SYMPY2_DIR;
  if (mvDir && l2sDir) {
    const input = corpus.map((r) => JSON.stringify({ gold: r.gold, pred: r.pred })).join("\n");
    const res = spawnSync("python3", [new URL("label.py", here).pathname, "--time"], {
      input,
      env: { ...process.env, PYTHONPATH: `${l2sDir}/src:${mvDir}/src` },
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    if (res.status !== 0) throw new Error(`Math-Verify timing failed: ${res.stderr}`);
    const mv = JSON.parse(res.stdout.trim().split("\n").pop()!) as {
      total_ms: number;
      cpu_ms: number;
      median_ms: number;
    };
    console.log(
      `Math-Verify (same run) first-seen total ${fmt(mv.total_ms)} ms wall (${fmt(mv.cpu_ms)} ms CPU), median ${fmt(mv.median_ms)} ms`,
    );
    console.log(
      `math.equivalent is ${(mv.total_ms / total).toFixed(1)}× faster in wall total, ${(mv.cpu_ms / cpu).toFixed(1)}× in CPU total (target ≥ 40×), ${(mv.median_ms / q(times, 0.5)).toFixed(1)}× at the median`,
    );
  } else {
    console.log(
      "set MATH_VERIFY_DIR and LATEX2SYMPY2_DIR to time Math-Verify on the same corpus in this run",
    );
  }
}

if (!args.has("--no-pool")) {
  const { createPool } = await import("../src/pool/index.ts");
  const { pathologicalBatch } = await import("../test/math/pathological.ts");
  const W = 2;
  const DEADLINE = 1000;
  const s0 = performance.now();
  const pool = createPool({ size: W, deadlineMs: DEADLINE, heapMb: 256 });
  await pool.ready();
  const spawnMs = performance.now() - s0;
  const run = async (rs: Rollout[]) => {
    const s = performance.now();
    const out = await Promise.all(
      rs.map((r) => pool.run({ kind: "math.equivalent" }, r, { deadlineMs: DEADLINE })),
    );
    return { out, ms: performance.now() - s };
  };
  const { normal, mixed, slowAt, bombAt } = pathologicalBatch(rows, poolN, 0.01);
  await run(normal.slice(0, 200));
  const base = await run(normal);
  const mix = await run(mixed);
  await pool.ready();
  const st = pool.stats();
  const p = slowAt.length + bombAt.length;
  const bound = base.ms + Math.ceil(p / W) * DEADLINE;
  const timeouts = slowAt.filter((i) => mix.out[i]!.error?.kind === "timeout").length;
  const resources = bombAt.filter((i) => mix.out[i]!.error?.kind === "resource").length;
  console.log(
    `pool: ${poolN} checks, ${W} workers, deadline ${DEADLINE} ms, ${p} pathological (${slowAt.length} slow → ${timeouts} timeouts, ${bombAt.length} bombs → ${resources} resource)`,
  );
  console.log(
    `  clean batch ${base.ms.toFixed(0)} ms; mixed batch ${mix.ms.toFixed(0)} ms = ${(mix.ms / base.ms).toFixed(2)}× clean; bound normal + ceil(P/W)×deadline = ${bound.toFixed(0)} ms (${mix.ms <= bound ? "met" : "MISSED"}); worker spawn ${spawnMs.toFixed(0)} ms`,
  );
  console.log(
    `  workers alive after: ${st.alive}/${st.size}, restarts ${st.restarts}, timeouts ${st.timeouts}`,
  );
  await pool.close();
}
