// End-to-end `rewardkit score` throughput with the demo spec on ~1 KB completions (JSONL in, JSONL out),
// as a ratio to merely reading, parsing, serialising and writing the same JSONL in the same run.
// Run: npx tsx bench/score.ts [rows]
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { defaultRegistry } from "../src/builtins.ts";
import { AtomicFile } from "../src/io/atomic.ts";
import { readJsonl } from "../src/io/jsonl.ts";
import { scoreDataset } from "../src/io/score-dataset.ts";
import { parseSpecText } from "../src/spec/parse.ts";
import { compileSpec } from "../src/spec/spec.ts";

const N = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), "rk-bench-"));
const input = join(dir, "in.jsonl");

// ~1 KB completions: a think block of reasoning words, then an answer; a quarter wrong, a few malformed.
const words = "so we add the numbers then carry the one and check the total again before answering".split(
  " ",
);
const lines: string[] = [];
for (let i = 0; i < N; i++) {
  let think = "";
  for (let j = 0; think.length < 940; j++) think += `${words[(i * 7 + j * 13) % words.length]} `;
  const ans = (i * 37) % 1000;
  const shown = i % 4 === 3 ? ans + 1 : ans;
  const completion =
    i % 50 === 0 ? `${think} ${shown}` : `<think>${think}</think>\n<answer>${shown}</answer>`;
  lines.push(
    JSON.stringify({
      id: i,
      group: `q${i >> 4}`,
      prompt: "What is the total?",
      completion,
      reference: String(ans),
    }),
  );
}
writeFileSync(input, `${lines.join("\n")}\n`);
const mb = statSync(input).size / 1e6;

async function baseline(out: string): Promise<void> {
  const f = await AtomicFile.open(out);
  for await (const batch of readJsonl(input, 1024)) {
    let text = "";
    for (const l of batch) text += `${JSON.stringify({ ...(l.value as object), reward: { score: 1 } })}\n`;
    await f.write(text);
  }
  await f.commit();
}

const { reward } = compileSpec(parseSpecText(readFileSync("examples/demo/spec.yaml", "utf8")), {
  registry: defaultRegistry,
});
const cpu = { base: [] as number[], score: [] as number[] };
/** Wall seconds of `f`; its CPU seconds (user + system, every thread of this process) go to `cpu[k]`. */
const time = async (k: "base" | "score", f: () => Promise<unknown>) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const c = process.cpuUsage(c0);
  cpu[k].push((c.user + c.system) / 1e6);
  return (performance.now() - t0) / 1000;
};

const runs: { base: number; score: number }[] = [];
const load0 = loadavg()[0]!;
for (let r = 0; r < Number(process.env.BENCH_REPS ?? 5); r++) {
  // Alternate so both see the same machine state.
  const base = await time("base", () => baseline(join(dir, "base.jsonl")));
  const score = await time("score", () => scoreDataset({ reward, input, output: join(dir, "out.jsonl") }));
  runs.push({ base, score });
}
const best = (k: "base" | "score") => Math.min(...runs.map((x) => x[k]));
const b = best("base");
const s = best("score");
console.log(`rows: ${N}  input: ${mb.toFixed(1)} MB  (best of ${runs.length})`);
console.log(
  `baseline read+parse+stringify+write: ${(N / b).toFixed(0)} rows/s  (${(mb / b).toFixed(0)} MB/s)`,
);
console.log(
  `rewardkit score (demo spec):         ${(N / s).toFixed(0)} rows/s  (${(mb / s).toFixed(0)} MB/s)`,
);
console.log(
  `ratio score/baseline time: ${(s / b).toFixed(2)}x best over best (target ≤ 2x; throughput target ≥ 50,000 rows/s)`,
);
// Each run pair measured moments apart: the ratio of the pair, median and range.
const ratios = runs.map((x) => x.score / x.base).sort((x, y) => x - y);
console.log(
  `ratio per run pair: median ${ratios[ratios.length >> 1]!.toFixed(2)}x (range ${ratios[0]!.toFixed(2)}–${ratios[ratios.length - 1]!.toFixed(2)}); load average ${load0.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`,
);
// CPU time does not count the time other processes hold the cores, so on a shared machine it is the steadier measure.
const cpuRatios = cpu.score.map((x, i) => x / cpu.base[i]!).sort((x, y) => x - y);
console.log(
  `ratio of CPU seconds per run pair: median ${cpuRatios[cpuRatios.length >> 1]!.toFixed(2)}x (range ${cpuRatios[0]!.toFixed(2)}–${cpuRatios[cpuRatios.length - 1]!.toFixed(2)}); best ${(Math.min(...cpu.score) / Math.min(...cpu.base)).toFixed(2)}x`,
);
rmSync(dir, { recursive: true, force: true });
