import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { after, before, describe, it } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import type { RewardResult } from "../../src/core/types.ts";
import { LocalSandbox } from "../../src/sandbox/local.ts";
import { SandboxFusionExecutor } from "../../src/sandbox/sandboxfusion.ts";
import { compileNode } from "../../src/spec/compile.ts";

/**
 * A SandboxFusion stand-in that follows its `/run_code` contract (sandbox/server/sandbox_api.py):
 * RunCodeRequest in, RunCodeResponse out, runs the code for real in the local sandbox.
 */
function fakeSandboxFusion() {
  const seen: Record<string, unknown>[] = [];
  const plan: ("504" | "sandbox_error" | "run")[] = [];
  const local = new LocalSandbox();
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || req.url !== "/run_code") return send(404, { detail: "Not Found" });
    let body: Record<string, any>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(422, { detail: "invalid json" });
    }
    seen.push(body);
    const valid =
      typeof body.code === "string" &&
      ["python", "nodejs"].includes(body.language) &&
      typeof body.run_timeout === "number" &&
      typeof body.compile_timeout === "number" &&
      Number.isInteger(body.memory_limit_MB) &&
      (body.stdin === null || typeof body.stdin === "string") &&
      body.files &&
      typeof body.files === "object" &&
      Array.isArray(body.fetch_files);
    if (!valid) return send(422, { detail: "request does not match RunCodeRequest" });
    const step = plan.shift() ?? "run";
    if (step === "504") return send(504, { detail: "gateway timeout" });
    if (step === "sandbox_error") {
      return send(200, {
        status: "SandboxError",
        message: "runner crashed",
        compile_result: null,
        run_result: null,
        files: {},
      });
    }
    const ext = body.language === "python" ? "py" : "js";
    const files: Record<string, string> = { [`main.${ext}`]: body.code };
    for (const [name, b64] of Object.entries(body.files as Record<string, string>)) {
      files[name] = Buffer.from(b64, "base64").toString("utf8");
    }
    const out = await local.run({
      language: body.language === "python" ? "python" : "javascript",
      files,
      entry: `main.${ext}`,
      stdin: body.stdin ?? "",
      limits: { wallMs: body.run_timeout * 1000, memoryMb: body.memory_limit_MB },
    });
    if (out.status === "sandbox_error") {
      return send(200, {
        status: "SandboxError",
        message: out.message,
        compile_result: null,
        run_result: null,
        files: {},
      });
    }
    const tle = out.status === "timeout" || out.status === "cpu_timeout";
    const returnCode = out.exitCode ?? (out.signal ? -9 : null);
    const run_result = {
      status: tle ? "TimeLimitExceeded" : "Finished",
      execution_time: out.wallMs / 1000,
      return_code: tle ? null : returnCode,
      stdout: out.stdout,
      stderr: out.stderr,
    };
    send(200, {
      status: !tle && returnCode === 0 ? "Success" : "Failed",
      message: "",
      compile_result: null,
      run_result,
      executor_pod_name: null,
      files: {},
    });
  });
  return { server, seen, plan };
}

describe("SandboxFusion backend", () => {
  const fake = fakeSandboxFusion();
  let url = "";
  before(async () => {
    await new Promise<void>((res) => fake.server.listen(0, "127.0.0.1", res));
    url = `http://127.0.0.1:${(fake.server.address() as { port: number }).port}`;
  });
  after(() => fake.server.close());
  const score = (completion: string, reference: unknown, params: Record<string, unknown> = {}) =>
    compileNode(
      { kind: "code.tests", executor: "sandboxfusion", url, ...params },
      { registry: defaultRegistry },
    ).score({ completion, reference }, {}) as Promise<RewardResult>;

  it("sends a RunCodeRequest: harness as code, solution and config as base64 files", async () => {
    const r = await score(
      "```python\nprint(int(input()) * 2)\n```",
      { tests: [{ input: "21", output: "42" }] },
      { timeout_ms: 4000, memory_mb: 256 },
    );
    assert.equal(r.score, 1);
    assert.equal(r.info?.executor, "sandboxfusion");
    const req = fake.seen.at(-1)!;
    assert.equal(req.language, "python");
    assert.equal(req.run_timeout, 4);
    assert.equal(req.memory_limit_MB, 256);
    assert.equal(req.stdin, "21");
    const files = req.files as Record<string, string>;
    assert.equal(Buffer.from(files["solution.py"]!, "base64").toString(), "print(int(input()) * 2)\n");
    assert.ok("rk_config.json" in files);
  });

  it("scores the same as the local executor, JavaScript as `nodejs`", async () => {
    const ref = {
      tests: [{ assert: "assert.strictEqual(sq(3), 9)" }, { assert: "assert.strictEqual(sq(2), 5)" }],
    };
    const r = await score("```js\nconst sq = (x) => x * x;\n```", ref);
    // sq(3) = 9 passes, sq(2) = 4 ≠ 5 fails: 1/2.
    assert.equal(r.score, 0.5);
    assert.equal(r.info?.assertions, "in_process");
    assert.equal(fake.seen.at(-1)!.language, "nodejs");
  });

  it("TimeLimitExceeded is a timeout; sys.exit(0) is still not a pass", async () => {
    const loop = await score(
      "```python\nwhile True:\n    pass\n```",
      { test_list: ["assert True"] },
      { timeout_ms: 600 },
    );
    assert.equal(loop.error?.kind, "timeout");
    const exit = await score("```python\nimport sys\nsys.exit(0)\n```", { test_list: ["assert True"] });
    assert.equal(exit.error?.kind, "runtime");
  });

  it("retries HTTP 504 only, then runs", async () => {
    fake.plan.push("504", "504");
    const before = fake.seen.length;
    const exec = new SandboxFusionExecutor({ url, retries: 3 });
    const out = await exec.run({ language: "python", files: { "m.py": "print(5)" }, entry: "m.py" });
    assert.equal(out.status, "exited");
    assert.equal(out.stdout, "5\n");
    assert.equal(fake.seen.length - before, 3);
  });

  it("a SandboxError, an unreachable server or an HTTP error is a `sandbox` error, never a 0", async () => {
    fake.plan.push("sandbox_error");
    const r = await score("```python\nprint(1)\n```", { tests: [{ input: "", output: "1" }] });
    assert.equal(r.score, null);
    assert.equal(r.error?.kind, "sandbox");
    assert.match(r.error?.message ?? "", /runner crashed/);
    const down = await compileNode(
      { kind: "code.tests", executor: "sandboxfusion", url: "http://127.0.0.1:1" },
      { registry: defaultRegistry },
    ).score({ completion: "print(1)", reference: { tests: [{ input: "", output: "1" }] } }, {});
    assert.equal(down.error?.kind, "sandbox");
    fake.plan.push("504");
    const exhausted = await new SandboxFusionExecutor({ url, retries: 0 }).run({
      language: "python",
      files: { "m.py": "print(1)" },
      entry: "m.py",
    });
    assert.equal(exhausted.status, "sandbox_error");
    assert.match(exhausted.message ?? "", /HTTP 504/);
  });

  it("declares that it needs the network", () => {
    const r = compileNode(
      { kind: "code.tests", executor: "sandboxfusion", url },
      { registry: defaultRegistry },
    );
    assert.equal(r.needs.network, true);
    assert.equal(compileNode({ kind: "code.tests" }, { registry: defaultRegistry }).needs.network, undefined);
  });
});
