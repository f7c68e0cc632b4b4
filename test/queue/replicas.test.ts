// Two `rewardkit serve --cache redis://…` replicas behind nginx (least_conn, the config in examples/deploy/),
// a real redis-server, and the protocol-faithful OpenAI test server as the judge: the same judge prompt makes
// one upstream call whichever replica gets it, and a retried request is replayed by the other replica.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type OpenAITestServer, startTestServer } from "../fixtures/openai-test-server.ts";
import { cli, freePort, nginxBinary, Proc, type RedisServer, startRedis, tempDir } from "./helpers.ts";

/** The example config with this test's ports and a writable prefix. */
function nginxConfig(port: number, a: number, b: number): string {
  return readFileSync("examples/deploy/nginx.conf", "utf8")
    .replace("listen 127.0.0.1:8000;", `listen 127.0.0.1:${port};`)
    .replace("server 127.0.0.1:8001 ", `server 127.0.0.1:${a} `)
    .replace("server 127.0.0.1:8002 ", `server 127.0.0.1:${b} `);
}

const post = async (url: string, body: unknown) => {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    replay: res.headers.get("x-rewardkit-replay"),
    json: (await res.json()) as { results: { score: number | null }[] },
  };
};

describe("serve replicas behind nginx sharing a Redis cache", () => {
  let redis: RedisServer;
  let judge: OpenAITestServer;
  let nginx: Proc;
  const replicas: Proc[] = [];
  const ports: number[] = [];
  let lb: string;
  let dir: string;

  before(async () => {
    redis = await startRedis();
    // Slow enough that concurrent requests overlap in every replica.
    judge = await startTestServer({ latencyMs: 300 });
    dir = tempDir("replicas");
    const spec = join(dir, "spec.yaml");
    writeFileSync(
      spec,
      [
        "name: judged",
        "reward:",
        "  kind: judge.score",
        "  model: judge-m",
        `  base_url: ${judge.baseUrl}`,
        '  cache: ":memory:"',
        "  rubric: Is the answer right?",
        "  range: [0, 10]",
        "  normalize: true",
        "",
      ].join("\n"),
    );
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      ports.push(port);
      replicas.push(cli(["serve", "--spec", spec, "--port", String(port), "--cache", redis.url]));
    }
    for (const r of replicas) await r.waitFor(/rewardkit: serving/);
    const port = await freePort();
    const prefix = join(dir, "nginx");
    mkdirSync(join(prefix, "run"), { recursive: true });
    writeFileSync(join(prefix, "nginx.conf"), nginxConfig(port, ports[0]!, ports[1]!));
    nginx = new Proc(
      spawn(nginxBinary(), ["-p", prefix, "-e", "run/error.log", "-c", "nginx.conf"], {
        stdio: ["ignore", "pipe", "pipe"],
      }),
    );
    lb = `http://127.0.0.1:${port}`;
    // Ready when it answers through to a replica.
    for (;;) {
      const ok = await fetch(`${lb}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (nginx.child.exitCode !== null) throw new Error(`nginx exited: ${nginx.lines.join("\n")}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  after(async () => {
    await nginx?.stop("SIGQUIT");
    for (const r of replicas) await r.stop();
    await judge?.close();
    await redis?.stop();
  });

  it("makes one upstream judge call for the same prompt across replicas", async () => {
    judge.resetCounts();
    // Eight different requests (ids differ, so no replay) with the same judge prompt, all at once.
    const rollout = (id: number) => ({ id, prompt: "What is 2 + 2?", completion: "4" });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => post(`${lb}/v1/score`, { rollouts: [rollout(i)] })),
    );
    for (const a of answers) assert.equal(a.status, 200, JSON.stringify(a.json));
    const scores = new Set(answers.map((a) => a.json.results[0]!.score));
    assert.equal(scores.size, 1);
    assert.equal(typeof [...scores][0], "number");
    assert.deepEqual(judge.callsByPath, { "/chat/completions": 1 });
    // nginx spread them over both replicas.
    const log = readFileSync(join(dir, "nginx", "run", "access.log"), "utf8");
    for (const p of ports) assert.match(log, new RegExp(`upstream=127\\.0\\.0\\.1:${p}\\b`));

    // Later requests for the same prompt are cache hits on either replica.
    for (const p of ports) {
      const r = await post(`http://127.0.0.1:${p}/v1/score`, { rollouts: [rollout(100 + p)] });
      assert.equal(r.json.results[0]!.score, [...scores][0]);
    }
    assert.deepEqual(judge.callsByPath, { "/chat/completions": 1 });
  });

  it("replays a request on another replica (the replay key lives in Redis)", async () => {
    const body = { rollouts: [{ id: "retry-1", prompt: "Name a prime.", completion: "7" }] };
    const first = await post(`http://127.0.0.1:${ports[0]}/v1/score`, body);
    assert.equal(first.replay, "computed");
    const again = await post(`http://127.0.0.1:${ports[1]}/v1/score`, body);
    assert.equal(again.replay, "replayed");
    assert.deepEqual(again.json, first.json);
  });
});
