// End-to-end `rewardkit score` throughput with the demo spec on ~1 KB completions (JSONL in, JSONL out),
// as a ratio to merely reading, parsing, serialising and writing the same JSONL in the same run.
// Run: npx tsx bench/score.ts [rows]
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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
const time = async (f: () => Promise<unknown>) => {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
};

const runs: { base: number; score: number }[] = [];
for (let r = 0; r < 3; r++) {
  // Alternate so both see the same machine state.
  const base = await time(() => baseline(join(dir, "base.jsonl")));
  const score = await time(() => scoreDataset({ reward, input, output: join(dir, "out.jsonl") }));
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
  `ratio score/baseline time: ${(s / b).toFixed(2)}x  (target ≤ 2x; throughput target ≥ 50,000 rows/s)`,
);
rmSync(dir, { recursive: true, force: true });
