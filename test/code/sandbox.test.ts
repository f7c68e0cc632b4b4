import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { after, before, describe, it } from "node:test";
import { LocalSandbox } from "../../src/sandbox/local.ts";
import { probeSandbox } from "../../src/sandbox/probe.ts";
import type { RunRequest } from "../../src/sandbox/types.ts";
import { processesOf } from "./helpers.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

const sandbox = new LocalSandbox();
const py = (code: string, extra: Partial<RunRequest> = {}) =>
  sandbox.run({ language: "python", files: { "main.py": code }, entry: "main.py", ...extra });
const js = (code: string, extra: Partial<RunRequest> = {}) =>
  sandbox.run({ language: "javascript", files: { "main.js": code }, entry: "main.js", ...extra });

describe("local sandbox: guarantees", () => {
  it("runs a program with stdin and reports its exit code, measured from outside", async () => {
    const r = await py("import sys\ndata = sys.stdin.read()\nprint(data.upper())\nsys.exit(7)", {
      stdin: "abc",
    });
    assert.equal(r.status, "exited");
    assert.equal(r.exitCode, 7);
    assert.equal(r.stdout, "ABC\n");
    assert.ok(r.wallMs > 0);
  });

  it("gives no network: only a loopback interface, and the host's loopback server is unreachable", async () => {
    let connections = 0;
    const server: Server = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
    const port = (server.address() as { port: number }).port;
    try {
      const code = [
        "import socket",
        "print(sorted(n for _, n in socket.if_nameindex()))",
        "try:",
        `    socket.create_connection(("127.0.0.1", ${port}), timeout=2)`,
        "    print('CONNECTED')",
        "except OSError as e:",
        "    print('blocked', e.errno)",
      ].join("\n");
      const r = await py(code);
      assert.equal(r.status, "exited", r.stderr);
      assert.match(r.stdout, /^\['lo'\]\nblocked \d+\n$/);
      assert.equal(connections, 0);
    } finally {
      server.close();
    }
  });

  it("JavaScript's network calls fail too", async () => {
    const r = await js(
      "require('net').connect(80, '127.0.0.1').on('error', (e) => console.log('blocked', e.code)).on('connect', () => console.log('CONNECTED'));",
    );
    assert.equal(r.status, "exited", r.stderr);
    assert.match(r.stdout, /^blocked (ECONNREFUSED|ENETUNREACH)\n$/);
  });

  describe("writes outside the work directory fail", () => {
    let open: string;
    before(() => {
      // A world-writable host directory outside /tmp: only the read-only mounts stop the write.
      open = mkdtempSync("/var/tmp/rewardkit-probe-");
      chmodSync(open, 0o777);
    });
    after(() => rmSync(open, { recursive: true, force: true }));

    it("the host filesystem is read-only, even where permissions allow writing", async () => {
      const targets = [
        `${open}/escape`,
        "/etc/escape",
        "/dev/shm/escape",
        "/var/tmp/escape",
        "/escape",
        `${process.cwd()}/escape`,
      ];
      const code = [
        "import json, sys",
        `targets = ${JSON.stringify(targets)}`,
        "res = {}",
        "for t in targets:",
        "    try:",
        "        open(t, 'w').write('x')",
        "        res[t] = 'WROTE'",
        "    except OSError as e:",
        "        res[t] = e.errno",
        "open('inside.txt', 'w').write('ok')",
        "res['inside'] = open('inside.txt').read()",
        "print(json.dumps(res))",
      ].join("\n");
      const r = await py(code);
      assert.equal(r.status, "exited", r.stderr);
      const res = JSON.parse(r.stdout) as Record<string, unknown>;
      for (const t of targets) assert.notEqual(res[t], "WROTE", `${t} was writable`);
      assert.equal(res.inside, "ok");
      assert.deepEqual(readdirSync(open), []);
      assert.equal(existsSync(`${process.cwd()}/escape`), false);
    });

    it("each run gets a fresh work directory that is gone afterwards", async () => {
      const first = await py(
        "import os\nopen('left-behind.txt', 'w').write('x')\nprint(sorted(os.listdir('.')))",
      );
      assert.equal(first.stdout, "['left-behind.txt', 'main.py']\n");
      const second = await py("import os\nprint(os.getcwd(), sorted(os.listdir('.')))");
      assert.equal(second.stdout, "/tmp ['main.py']\n");
    });

    it("the work directory is size-capped", async () => {
      const r = await py(
        "try:\n    open('big', 'wb').write(b'x' * (8 << 20))\n    print('WROTE')\nexcept OSError as e:\n    print('full', e.errno)",
        {
          limits: { diskMb: 2 },
        },
      );
      // EFBIG (27) from the file-size rlimit or ENOSPC (28) from the tmpfs: either way the write is refused.
      assert.match(r.stdout, /^full (27|28)\n$/);
    });
  });

  it("an infinite loop is stopped at the wall-clock limit", async () => {
    const t0 = Date.now();
    const r = await py("while True:\n    pass", { limits: { wallMs: 800, cpuMs: 10_000 } });
    const took = Date.now() - t0;
    assert.equal(r.status, "timeout");
    // Node's timers have millisecond granularity and may fire up to ~1 ms before the measured start plus the
    // limit (seen: 799.97 ms); the guarantee is "stopped at the limit", not "after at least 800.000 ms".
    assert.ok(r.wallMs >= 790 && r.wallMs < NO_HANG_MS, `wall ${r.wallMs}`);
    assert.ok(took < NO_HANG_MS, `took ${took} ms in all`);
  });

  it("a CPU-bound loop is stopped at the CPU limit", async () => {
    const r = await py("while True:\n    pass", { limits: { wallMs: 20_000, cpuMs: 500 } });
    assert.equal(r.status, "cpu_timeout");
    // Stopped by CPU time, not by the 20 s wall clock (which a loaded machine can stretch CPU time towards).
    // Cgroup accounting stops it near 0.5 s of CPU; without cgroups the per-process rlimit stops it at 1–2 s.
    if (r.cpuMs !== null) assert.ok(r.cpuMs >= 500 && r.cpuMs < 2500, `cpu ${r.cpuMs}`);
    assert.ok(r.wallMs < 20_000);
  });

  it("a fork bomb is held at the process limit and stopped, leaving no process behind", async () => {
    const code = "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass";
    const t0 = Date.now();
    const r = await py(code, { limits: { wallMs: 1500, maxProcs: 32 } });
    assert.ok(["timeout", "cpu_timeout"].includes(r.status), r.status);
    assert.ok(r.uid === undefined || r.uid >= 1_000_000_000);
    assert.ok(Date.now() - t0 < NO_HANG_MS);
    assert.deepEqual(processesOf(r.uid), []);
  });

  it("background processes die with the run", async () => {
    const code = "import os, time\nif os.fork() == 0:\n    time.sleep(60)\nelse:\n    print('parent done')";
    const r = await py(code);
    assert.equal(r.stdout, "parent done\n");
    assert.deepEqual(processesOf(r.uid), []);
  });

  it("patching the clock inside the program does not change the measured time", async () => {
    const code = [
      "import time, select",
      "time.time = lambda: 0.0",
      "time.monotonic = lambda: 0.0",
      "time.perf_counter = lambda: 0.0",
      "time.process_time = lambda: 0.0",
      "select.select([], [], [], 0.6)",
      "print(time.perf_counter())",
    ].join("\n");
    const r = await py(code);
    assert.equal(r.stdout, "0.0\n");
    // The host notes the start a little after the program really starts, so allow a few ms of granularity.
    assert.ok(r.wallMs >= 590, `measured ${r.wallMs} ms`);
    const limited = await py(code, { limits: { wallMs: 300 } });
    assert.equal(limited.status, "timeout");
  });

  it("a stdout flood is capped and ends the run", async () => {
    const r = await py("while True:\n    print('x' * 1000)", { limits: { outputBytes: 10_000 } });
    assert.equal(r.status, "output_limit");
    assert.equal(Buffer.byteLength(r.stdout), 10_000);
  });

  it("environment variables of the host are not visible", async () => {
    process.env.REWARDKIT_TEST_SECRET = "hunter2-secret";
    try {
      const r = await py(
        "import os\nprint(sorted(os.environ))\nprint(open('/proc/self/environ','rb').read())",
      );
      assert.equal(r.status, "exited", r.stderr);
      assert.ok(!r.stdout.includes("hunter2"));
      assert.equal(
        r.stdout.split("\n")[0],
        "['HOME', 'LANG', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'PYTHONHASHSEED', 'PYTHONIOENCODING', 'TMPDIR']",
      );
      const j = await js("console.log(Object.keys(process.env).sort().join(','))");
      assert.equal(
        j.stdout,
        "HOME,LANG,PATH,PYTHONDONTWRITEBYTECODE,PYTHONHASHSEED,PYTHONIOENCODING,TMPDIR\n",
      );
    } finally {
      delete process.env.REWARDKIT_TEST_SECRET;
    }
  });

  it("runs as an unprivileged user in its own pid namespace and cannot signal host processes", async () => {
    const code = [
      "import os",
      // As root each run has its own uid ≥ 1e9; in a user namespace (not root) it is the overflow uid 65534.
      "print(os.getuid() >= 10**9 or os.getuid() == 65534, os.getuid() != 0)",
      "print(sorted(int(p) for p in os.listdir('/proc') if p.isdigit())[:1])",
      "try:",
      `    os.kill(${process.pid}, 9)`,
      "    print('KILLED')",
      "except OSError as e:",
      "    print('denied', type(e).__name__)",
    ].join("\n");
    const r = await py(code);
    assert.equal(r.status, "exited", r.stderr);
    assert.equal(r.stdout, "True True\n[1]\ndenied ProcessLookupError\n");
  });

  it("a memory hog is stopped by the memory limit", async () => {
    const r = await py("x = bytearray(600 << 20)\nx[::4096] = b'y' * len(x[::4096])\nprint('ALLOCATED')", {
      limits: { memoryMb: 128 },
    });
    assert.ok(!r.stdout.includes("ALLOCATED"));
    assert.ok(
      r.status === "memory" || (r.status === "exited" && /MemoryError/.test(r.stderr)),
      `${r.status} ${r.stderr}`,
    );
  });

  it("an aborted signal cancels a running program", async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const t0 = Date.now();
    const r = await py("while True:\n    pass", { signal: ac.signal });
    assert.equal(r.status, "cancelled");
    assert.ok(Date.now() - t0 < NO_HANG_MS);
  });

  it("refuses to run, with a sandbox error that says why, where isolation is not available", async () => {
    const refusing = new LocalSandbox({ support: () => probeSandbox({ toolDirs: ["/nonexistent-dir"] }) });
    const r = await refusing.run({ language: "python", files: { "m.py": "print(1)" }, entry: "m.py" });
    assert.equal(r.status, "sandbox_error");
    assert.match(r.message ?? "", /no sandbox: unshare not found/);
    assert.equal(r.stdout, "");
  });

  it("rejects file names that could leave the work directory", async () => {
    const r = await sandbox.run({ language: "python", files: { "../x.py": "print(1)" }, entry: "../x.py" });
    assert.equal(r.status, "sandbox_error");
  });
});
