// `rewardkit serve` as a user runs it: a --registry-module's kinds compile in specs, one JSON access-log line
// per request on stdout, a taken port is one line and exit 2, SIGTERM drains and exits 0.
import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

const dir = mkdtempSync(join(tmpdir(), "rk-serve-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const specFile = join(dir, "behave.yaml");
writeFileSync(specFile, "name: behave\nreward: {kind: test.behave}\n");
const kinds = "test/server/fixtures/kinds.ts";

function serve(...args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  }) as unknown as ChildProcessWithoutNullStreams;
  const io = { out: "", err: "" };
  child.stdout.on("data", (d) => (io.out += d));
  child.stderr.on("data", (d) => (io.err += d));
  const exited = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
  return { child, io, exited };
}

/** Resolves with the first match of `re` in the text `get()` returns, waiting for more output. */
async function waitFor(get: () => string, re: RegExp, exited: Promise<unknown>): Promise<RegExpMatchArray> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    const m = get().match(re);
    if (m) return m;
    if (gone) throw new Error(`process exited before ${re}: ${get()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("rewardkit serve", () => {
  it("serves a --registry-module kind, logs each request as JSON, refuses a taken port with exit 2", async () => {
    const a = serve(
      "--spec",
      specFile,
      "--port",
      "0",
      "--registry-module",
      kinds,
      "--workers",
      "1",
      "--access-log",
      "on",
    );
    try {
      const [, url] = await waitFor(() => a.io.err, /serving behave on (http:\/\/\S+)/, a.exited);
      const ok = await fetch(`${url}/v1/score`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ rollouts: [{ completion: "ab" }] }),
      });
      // "ab": (97 + 98) % 97 = 1 → 1/96, scored by the module's kind in a pool worker.
      assert.equal(((await ok.json()) as { results: { score: number }[] }).results[0]!.score, 1 / 96);
      const bad = await fetch(`${url}/v1/score`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ rollouts: 3 }),
      });
      assert.equal(bad.status, 400);
      await waitFor(() => a.io.out, /"status":400[^\n]*\n/, a.exited);
      const lines = a.io.out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      assert.deepEqual(
        lines.map((l) => [l.route, l.status, l.level]),
        [
          ["/v1/score", 200, 30],
          ["/v1/score", 400, 40],
        ],
      );
      assert.equal(lines[1].error.path, "rollouts");

      const port = new URL(url!).port;
      const b = serve("--spec", specFile, "--port", port, "--registry-module", kinds, "--workers", "0");
      assert.equal(await b.exited, 2);
      const errLines = b.io.err.trim().split("\n");
      assert.equal(errLines.length, 1, b.io.err);
      assert.match(errLines[0]!, /127\.0\.0\.1:\d+ is already in use/);
    } finally {
      a.child.kill("SIGTERM");
      assert.equal(await a.exited, 0);
    }
  });
  it("without --registry-module the kind is unknown: exit 2 with the path", async () => {
    const c = serve("--spec", specFile, "--port", "0");
    assert.equal(await c.exited, 2);
    assert.match(c.io.err, /reward\.kind: unknown reward kind "test\.behave"/);
  });
});
