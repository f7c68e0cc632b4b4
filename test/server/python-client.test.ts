// Runs the Python client's own tests (clients/python/tests, standard library only) against a real server on
// 127.0.0.1, so one `npm test` covers both sides of the wire.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { demoSpec, listen, spec } from "./helpers.ts";

const root = fileURLToPath(new URL("../../clients/python", import.meta.url));
const hasPython = spawnSync("python3", ["--version"]).status === 0;

describe("Python client against a real server", () => {
  it("python3 -m unittest discover clients/python/tests passes", {
    skip: !hasPython && "python3 not found",
  }, async () => {
    const demo = demoSpec();
    const broken = spec(`
name: broken
reward: {kind: text.exact, missing: error}
`);
    const partial = spec(`
name: partial
reward:
  kind: sum
  terms:
    - {kind: format.tags, name: format, weight: 0.5}
    - {kind: text.exact, name: correct, missing: error}
`);
    const srv = await listen({ specs: [demo, broken, partial] });
    try {
      const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn("python3", ["-m", "unittest", "discover", "-s", "tests", "-t", ".", "-v"], {
          cwd: root,
          env: { ...process.env, REWARDKIT_TEST_URL: srv.url, PYTHONDONTWRITEBYTECODE: "1" },
        });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (out += d));
        child.on("exit", (c) => resolve({ code: c, out }));
      });
      assert.equal(code, 0, out);
      assert.doesNotMatch(out, /skipped/);
      const m = out.match(/Ran (\d+) tests/);
      assert.ok(m && Number(m[1]) >= 20, out);
    } finally {
      await srv.drain(100);
    }
  });
});
