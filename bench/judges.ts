// Judge throughput against the OpenAI-compatible test server (run in its own process, as a real backend would
// be), as a fraction of the ideal concurrency/latency and as a ratio to bare fetch calls at the same concurrency
// measured in the same run; plus upstream calls for duplicate requests (target: one per distinct request).
// Run: npx tsx bench/judges.ts
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { defaultRegistry } from "../src/builtins.ts";
import { scoreBatch } from "../src/core/score-batch.ts";
import type { Rollout } from "../src/core/types.ts";
import { allBackends } from "../src/judges/endpoint.ts";
import { compileNode } from "../src/spec/compile.ts";

const LATENCY_MS = 200;
const CONCURRENCY = 16;
const N = 480;
const ideal = CONCURRENCY / (LATENCY_MS / 1000); // requests per second if every slot were always busy

const serverFile = fileURLToPath(new URL("../test/fixtures/openai-test-server.ts", import.meta.url));
const child = spawn(process.execPath, ["--import", "tsx", serverFile, "--latency-ms", String(LATENCY_MS)], {
  stdio: ["ignore", "pipe", "inherit"],
});
const [line] = (await once(child.stdout!, "data")) as [Buffer];
const root = line.toString().trim();
const baseUrl = `${root}/v1`;

async function stats(): Promise<{
  calls: number;
  callsByPath: Record<string, number>;
  peakInFlight: number;
}> {
  return (await (await fetch(`${root}/_stats`)).json()) as never;
}

/** Bare fetch at the same concurrency: what the server and this machine allow without any judge machinery. */
async function bareFetch(n: number, tag: string): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const res = await fetch(`${baseUrl}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "m", messages: [{ role: "user", content: `${tag} ${i}` }] }),
      });
      await res.json();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return n / ((performance.now() - t0) / 1000);
}

const reward = compileNode(
  {
    kind: "judge.score",
    model: "m",
    base_url: baseUrl,
    cache: false,
    concurrency: CONCURRENCY,
    rubric: "Is the answer correct?",
  },
  { registry: defaultRegistry },
);

async function judged(rollouts: Rollout[]): Promise<{ rps: number; errors: number }> {
  const t0 = performance.now();
  const rs = await scoreBatch(reward, rollouts, { concurrency: 1024 });
  const rps = rollouts.length / ((performance.now() - t0) / 1000);
  return { rps, errors: rs.filter((r) => r.error).length };
}

await bareFetch(32, "warm");
await judged(Array.from({ length: 32 }, (_, i) => ({ prompt: "warm", completion: `w${i}` })));

const bare = await bareFetch(N, "bare");
const s0 = await stats();
const distinct = Array.from({ length: N }, (_, i) => ({ prompt: "What is 2+2?", completion: `answer ${i}` }));
const j = await judged(distinct);
const s1 = await stats();
console.log(`ideal: ${CONCURRENCY} slots / ${LATENCY_MS} ms = ${ideal.toFixed(0)} req/s`);
console.log(
  `bare fetch, ${CONCURRENCY} in flight: ${bare.toFixed(1)} req/s = ${(bare / ideal).toFixed(3)} of ideal (baseline)`,
);
console.log(
  `judge.score, ${N} distinct rollouts: ${j.rps.toFixed(1)} req/s = ${(j.rps / ideal).toFixed(3)} of ideal (target >= 0.9), ${(j.rps / bare).toFixed(3)}x bare fetch; ${j.errors} errors; ${s1.calls - s0.calls} upstream calls`,
);

// Duplicates: 4 copies of each of N/4 rollouts in one batch, cache off, so only in-flight de-duplication helps.
const dups = Array.from({ length: N }, (_, i) => ({
  prompt: "What is 2+2?",
  completion: `dup ${i % (N / 4)}`,
}));
const d = await judged(dups);
const s2 = await stats();
const upstream = s2.calls - s1.calls;
console.log(
  `judge.score, ${N} rollouts = 4 copies of ${N / 4}: ${upstream} upstream calls, ${upstream - N / 4} duplicate upstream calls (target 0); ${d.rps.toFixed(1)} rollouts/s = ${(d.rps / ideal).toFixed(2)} of ideal; ${d.errors} errors`,
);
console.log(`backend counters: ${JSON.stringify(allBackends().at(-1)?.stats)}`);
child.kill();
