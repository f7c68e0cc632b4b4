// Server benchmark: an open-loop load generator on loopback, bounded in count and time.
//   npx tsx bench/server.ts            (BENCH_SECONDS=4 by default per phase)
//   BENCH_ONLY=bare BENCH_REPS=5 npx tsx bench/server.ts   (only the comparison with the bare server, 5 rounds)
// The server runs in a child process (this file with --child), so generator and server each get a core.
// Every number is printed next to baselines measured in the same run: JSON.parse + JSON.stringify of the same
// request payloads in-process, and a bare node:http server that parses, scores trivially and stringifies them.
import { type ChildProcess, spawn } from "node:child_process";
import { Agent, createServer, request } from "node:http";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { startServer } from "../src/server/serve.ts";
import { defaultRegistry } from "../src/builtins.ts";
import { parseSpecText } from "../src/spec/parse.ts";
import { compileSpec } from "../src/spec/spec.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const BATCH = 256;

const CHEAP = `
name: cheap
reward:
  kind: sum
  terms:
    - {kind: text.exact, name: correct}
    - {kind: format.tags, name: format, weight: 0.5}
`;
const TAGS = `
name: tags
reward: {kind: format.tags}
`;
const MATH = `
name: math
reward: {kind: math.equivalent}
`;

function payloads(n: number, spec: string): string[] {
  const out: string[] = [];
  for (let b = 0; b < n; b++) {
    const rollouts = [];
    for (let i = 0; i < BATCH; i++) {
      const x = (b * BATCH + i) % 1000;
      rollouts.push({
        prompt: `What is ${x} + ${x}? Think, then answer in tags.`,
        completion: `<think>${"reasoning ".repeat(20 + (i % 40))}${x} + ${x} = ${2 * x}</think><answer>${i % 3 ? 2 * x : x}</answer>`,
        reference: String(2 * x),
      });
    }
    out.push(JSON.stringify({ spec, rollouts }));
  }
  return out;
}

async function startChild(mode = "--child"): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), mode], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = out.match(/^URL (\S+)$/m);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (c) => reject(new Error(`server exited ${c}`)));
  });
  return { url, child };
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

// node:http with a keep-alive agent: fetch's own cost per 133 KiB request is larger than the server's.
const agent = new Agent({ keepAlive: true, maxSockets: 512 });
function send(url: string, body: string): Promise<{ status: number; ms: number }> {
  const u = new URL(url);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: "/v1/score",
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return Number.NaN;
  }
}

/** Closed loop with `conc` requests outstanding: the server's capacity in batches per second. */
async function capacity(url: string, bodies: string[], conc: number): Promise<number> {
  let done = 0;
  let i = 0;
  const end = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (performance.now() < end) {
        const r = await send(url, bodies[i++ % bodies.length]!);
        if (r.status !== 200) throw new Error(`status ${r.status}`);
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

/** Open loop: Poisson arrivals at `rate` per second for SECONDS, at most 4·rate·SECONDS requests. */
async function openLoop(url: string, bodies: string[], rate: number) {
  const lat: number[] = [];
  let ok = 0;
  let shed = 0;
  let other = 0;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  let next = t0;
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) + 1) / 0x80000001;
  let i = 0;
  while (next - t0 < SECONDS * 1000) {
    const wait = next - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      send(url, bodies[i++ % bodies.length]!).then((r) => {
        if (r.status === 200) {
          ok++;
          lat.push(r.ms);
        } else if (r.status === 503) shed++;
        else other++;
      }),
    );
    next += (-Math.log(rand()) / rate) * 1000;
  }
  await Promise.all(pending);
  return { sent: i, ok, shed, other, p50: pct(lat, 50), p99: pct(lat, 99) };
}

async function main() {
  const bodies = payloads(16, "tags");
  const exactBodies = payloads(16, "cheap");
  const bytes = bodies.reduce((s, b) => s + b.length, 0) / bodies.length;

  // Baseline: JSON.parse + JSON.stringify of the same payloads, same process, same run.
  let n = 0;
  const tb = performance.now();
  while (performance.now() - tb < 1500) {
    JSON.stringify(JSON.parse(bodies[n++ % bodies.length]!));
  }
  const baseline = n / ((performance.now() - tb) / 1000);

  const { url, child } = await startChild();
  try {
    for (let w = 0; w < 20; w++) await send(url, bodies[w % bodies.length]!); // warm-up
    console.log(`payload: ${BATCH} rollouts, ${(bytes / 1024).toFixed(0)} KiB per request`);
    await againstBare(url, child, bodies, exactBodies);
    if (process.env.BENCH_ONLY === "bare") return;
    // The server's own CPU per batch, so the ratio does not depend on how much of the machine the generator
    // and other jobs take: batches per server CPU-second, against the baseline's batches per CPU-second.
    let cpu0 = cpuSeconds(child.pid!);
    let t0 = performance.now();
    const cap = await capacity(url, bodies, 4);
    const perCpu = (cap * ((performance.now() - t0) / 1000)) / (cpuSeconds(child.pid!) - cpu0);
    cpu0 = cpuSeconds(child.pid!);
    t0 = performance.now();
    const capExact = await capacity(url, exactBodies, 4);
    const perCpuExact = (capExact * ((performance.now() - t0) / 1000)) / (cpuSeconds(child.pid!) - cpu0);
    console.log(`baseline JSON.parse+stringify: ${baseline.toFixed(0)} batches/s`);
    console.log(
      `/v1/score format.tags (closed loop, 4 in flight): ${cap.toFixed(0)} batches/s = ${(cap * BATCH).toFixed(0)} rollouts/s; ratio to baseline ${(cap / baseline).toFixed(2)} (target ≥ 0.5)`,
    );
    console.log(
      `/v1/score text.exact + format.tags: ${capExact.toFixed(0)} batches/s = ${(capExact * BATCH).toFixed(0)} rollouts/s; ratio to baseline ${(capExact / baseline).toFixed(2)}`,
    );
    console.log(
      `per server CPU-second: format.tags ${perCpu.toFixed(0)} batches (ratio ${(perCpu / baseline).toFixed(2)}), text.exact + format.tags ${perCpuExact.toFixed(0)} batches (ratio ${(perCpuExact / baseline).toFixed(2)})`,
    );
    for (const f of [0.5, 0.9, 1.5]) {
      const r = await openLoop(url, bodies, f * cap);
      console.log(
        `open loop at ${(f * 100).toFixed(0)}% (${(f * cap).toFixed(0)}/s): sent ${r.sent}, ok ${r.ok}, 503 ${r.shed}, other ${r.other}; p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (p99 / one-batch service time ${(r.p99 / (1000 / cap)).toFixed(1)})`,
      );
    }
    await mathBombs(url);
  } finally {
    child.kill("SIGTERM");
  }
}

/** Median and range of a list, for a ratio measured several times. */
function spread(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[s.length >> 1]!.toFixed(2)} (range ${s[0]!.toFixed(2)}–${s[s.length - 1]!.toFixed(2)}, ${s.length} runs)`;
}

/**
 * The bound: a bare node:http server that parses, scores trivially and stringifies the same payloads, with the
 * same generator and 4 requests in flight. Phases alternate (bare, format.tags, text.exact + format.tags) REPS
 * times so every ratio compares phases measured moments apart; both servers stay up, the idle one costs nothing.
 */
async function againstBare(url: string, child: ChildProcess, bodies: string[], exactBodies: string[]) {
  const reps = Number(process.env.BENCH_REPS ?? 3);
  const bare = await startChild("--bare");
  const ratios = {
    tags: [] as number[],
    exact: [] as number[],
    tagsCpu: [] as number[],
    exactCpu: [] as number[],
  };
  const load0 = loadavg()[0]!;
  try {
    for (let w = 0; w < 20; w++) await send(bare.url, exactBodies[w % exactBodies.length]!);
    const phase = async (u: string, pid: number, bs: string[]) => {
      const c0 = cpuSeconds(pid);
      const t0 = performance.now();
      const cap = await capacity(u, bs, 4);
      return { cap, perCpu: (cap * ((performance.now() - t0) / 1000)) / (cpuSeconds(pid) - c0) };
    };
    for (let r = 0; r < reps; r++) {
      const b = await phase(bare.url, bare.child.pid!, exactBodies);
      const t = await phase(url, child.pid!, bodies);
      const x = await phase(url, child.pid!, exactBodies);
      ratios.tags.push(t.cap / b.cap);
      ratios.exact.push(x.cap / b.cap);
      ratios.tagsCpu.push(t.perCpu / b.perCpu);
      ratios.exactCpu.push(x.perCpu / b.perCpu);
      console.log(
        `run ${r + 1}: bare node:http ${b.cap.toFixed(0)} batches/s (${b.perCpu.toFixed(0)} per server CPU-second); /v1/score format.tags ${t.cap.toFixed(0)} (${t.perCpu.toFixed(0)}); text.exact + format.tags ${x.cap.toFixed(0)} (${x.perCpu.toFixed(0)})`,
      );
    }
  } finally {
    bare.child.kill("SIGTERM");
  }
  console.log(`load average ${load0.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`);
  console.log(
    `/v1/score format.tags vs bare node:http, by throughput: ${spread(ratios.tags)} (target ≥ 0.8)`,
  );
  console.log(`  per server CPU-second: ${spread(ratios.tagsCpu)}`);
  console.log(
    `/v1/score text.exact + format.tags vs bare node:http, by throughput: ${spread(ratios.exact)} (target ≥ 0.8)`,
  );
  console.log(`  per server CPU-second: ${spread(ratios.exactCpu)}`);
}

async function mathBombs(url: string) {
  const bombs = [
    "\\boxed{5^{5^{5^{5^5}}}}",
    "\\boxed{10^{10^{10}}}",
    "\\boxed{3^{20000000}}",
    "\\boxed{\\log(\\log(\\log(\\log(10^{10^{10^{10}}}))))}",
    "\\boxed{\\dfrac{5^{(5^{(5^{(5^5)})} - 4)} - 5}{16}}",
  ];
  const rollouts = (withBombs: boolean) =>
    Array.from({ length: 1024 }, (_, i) =>
      withBombs && i % 100 === 50
        ? { completion: bombs[((i / 100) | 0) % bombs.length]!, reference: "1" }
        : { completion: `The answer is \\boxed{\\frac{${i}}{2}}`, reference: String(i / 2) },
    );
  const run = async (withBombs: boolean) => {
    const t0 = performance.now();
    const res = await fetch(`${url}/v1/score`, {
      method: "POST",
      body: JSON.stringify({ spec: "math", rollouts: rollouts(withBombs) }),
    });
    const body = (await res.json()) as { results: { score: number | null; error?: { kind: string } }[] };
    const ms = performance.now() - t0;
    const kinds: Record<string, number> = {};
    for (const r of body.results) if (r.error) kinds[r.error.kind] = (kinds[r.error.kind] ?? 0) + 1;
    const correct = body.results.filter((r) => r.score === 1).length;
    return { ms, kinds, correct };
  };
  const normal = await run(false);
  const bombed = await run(true);
  const count = rollouts(true).filter((_, i) => i % 100 === 50).length;
  const workers = Number(process.env.WORKERS ?? 2);
  const bound = normal.ms + Math.ceil(count / workers) * 2000;
  console.log(
    `math 1024 rollouts, ${workers} workers, 2 s deadline: normal ${normal.ms.toFixed(0)} ms (${normal.correct} correct); with ${count} bombs ${bombed.ms.toFixed(0)} ms, errors ${JSON.stringify(bombed.kinds)}; bound normal + ceil(${count}/${workers})·2 s = ${bound.toFixed(0)} ms → ${bombed.ms <= bound ? "within" : "OVER"}`,
  );
}

/** The bound of any JSON scoring server: read the body, JSON.parse, a trivial score per rollout, stringify. */
function bareServer(): void {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        spec: string;
        rollouts: { completion: string; reference: string }[];
      };
      const results = body.rollouts.map((r) => ({
        score: r.completion.endsWith(`${r.reference}</answer>`) ? 1 : 0,
      }));
      const out = JSON.stringify({ spec: body.spec, results });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(out) });
      res.end(out);
    });
  });
  server.listen(0, "127.0.0.1", () => {
    const a = server.address() as { port: number };
    process.stdout.write(`URL http://127.0.0.1:${a.port}\n`);
  });
}

if (process.argv.includes("--bare")) {
  bareServer();
  process.once("SIGINT", () => process.exit(0)); // exit normally, so `node --cpu-prof` writes its profile
} else if (process.argv.includes("--child")) {
  const workers = Number(process.env.WORKERS ?? 2);
  const specs = [TAGS, CHEAP, MATH].map((t) => compileSpec(parseSpecText(t), { registry: defaultRegistry }));
  const srv = await startServer({
    specs,
    host: "127.0.0.1",
    port: 0,
    workers,
    deadlineMs: 2000,
    replay: false,
    maxPendingItems: BATCH * 8,
    log: () => {},
  });
  process.stdout.write(`URL ${srv.url}\n`);
} else {
  await main();
}
