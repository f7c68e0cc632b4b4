import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LocalSandbox } from "../../src/sandbox/local.ts";
import type { RunRequest } from "../../src/sandbox/types.ts";
import { readRefereeReport } from "../../src/verifiers/code/referee-report.ts";
import { processesOf } from "./helpers.ts";

const sandbox = new LocalSandbox();
const SECRET = "expected-answer-7f3a91";

/** A referee that reports its input, its uid and what the program sent it on the channel. */
const REFEREE = `import os
os.write(3, b"hello")
got = os.read(4, 100)
os.write(5, ("%s|%d|%s" % (INPUT, os.getuid(), got.decode())).encode())
`;

const run = (program: string, extra: Partial<RunRequest> = {}) =>
  sandbox.run({
    language: "python",
    files: { "main.py": program },
    entry: "main.py",
    limits: { wallMs: 20_000 },
    referee: { language: "python", source: REFEREE, input: SECRET },
    ...extra,
  });

describe("local sandbox: a referee beside the program", () => {
  it("talks to the program on fds 3 and 4 and reports on a pipe of its own", async () => {
    const r = await run("import os\nmsg = os.read(3, 5)\nos.write(4, msg.upper())\nprint('done')");
    const [input, uid, got] = (r.report ?? "").split("|");
    assert.equal(input, SECRET);
    assert.equal(got, "HELLO");
    // Another uid than the program's (root mode gives each process of a run its own).
    if (r.uid !== undefined) assert.notEqual(Number(uid), r.uid);
  });

  it("the program cannot read the referee's input, memory or descriptors, nor write its report", async () => {
    const program = `import os
seen = []
for pid in os.listdir("/proc"):
    if not pid.isdigit() or int(pid) == os.getpid():
        continue
    for part in ("cmdline", "environ", "fd/0", "fd/1", "fd/5", "mem"):
        try:
            with open("/proc/%s/%s" % (pid, part), "rb") as f:
                seen.append(f.read(1 << 16))
        except OSError:
            pass
print(${JSON.stringify(SECRET)}.encode() in b"".join(seen))
for fd in range(0, 64):
    try:
        os.write(fd, b"FORGED")
    except OSError:
        pass
os.read(3, 5)
os.write(4, b"ok")`;
    const r = await run(program);
    assert.equal(r.stdout.split("\n")[0], "False");
    // Written before the referee reports, a forged write into its report pipe would come first; the only
    // FORGED bytes it saw came over the channel (fd 4), where the program's words are only answers.
    assert.ok((r.report ?? "").startsWith(`${SECRET}|`));
  });

  it("the program is killed when the referee is done, and nothing outlives the run", async () => {
    const r = await run(
      "import os, subprocess, time\nsubprocess.Popen(['sleep', '60'])\nos.read(3, 5)\nos.write(4, b'x')\ntime.sleep(60)",
    );
    assert.equal(r.status, "signaled");
    assert.equal(r.signal, "SIGKILL");
    assert.match(r.report ?? "", /\|x$/);
    assert.deepEqual(processesOf(r.uid), []);
  });

  it("a program that exits at once leaves the referee an end of file, not a hang", async () => {
    const r = await sandbox.run({
      language: "python",
      files: { "main.py": "import os\nos._exit(0)" },
      entry: "main.py",
      limits: { wallMs: 20_000 },
      referee: {
        language: "python",
        source: "import os\nos.write(5, b'eof' if os.read(4, 1) == b'' else b'data')",
        input: "",
      },
    });
    assert.equal(r.status, "exited");
    assert.equal(r.report, "eof");
  });

  it("a JavaScript referee gets the same channel", async () => {
    const r = await sandbox.run({
      language: "javascript",
      files: {
        "main.js":
          "const fs = require('fs'); const b = Buffer.alloc(5); fs.readSync(3, b); fs.writeSync(4, b.toString().toUpperCase());",
      },
      entry: "main.js",
      limits: { wallMs: 20_000, memoryMb: 64 },
      referee: {
        language: "javascript",
        source:
          "const fs = require('fs'); fs.writeSync(3, INPUT); const b = Buffer.alloc(5); fs.readSync(4, b, 0, 5, null); fs.writeSync(5, b.toString());",
        input: "quack",
      },
    });
    assert.equal(r.report, "QUACK");
  });
});

describe("local sandbox: JavaScript memory", () => {
  it("Node starts under memory_mb 64 (the limit bounds the heap, not V8's start-up reservation)", async () => {
    const r = await sandbox.run({
      language: "javascript",
      files: { "main.js": "console.log([1, 2, 3].map((x) => x * 2).join(','))" },
      entry: "main.js",
      limits: { memoryMb: 64, wallMs: 20_000 },
    });
    assert.equal(r.status, "exited");
    assert.equal(r.stdout, "2,4,6\n");
  });

  it("a heap that outgrows memory_mb ends the run as memory", async () => {
    const r = await sandbox.run({
      language: "javascript",
      files: { "main.js": "const a = []; for (;;) a.push(new Array(1e6).fill(7));" },
      entry: "main.js",
      limits: { memoryMb: 128, wallMs: 30_000 },
    });
    assert.equal(r.status, "memory");
  });
});

describe("readRefereeReport", () => {
  it("takes results in test order only, and nothing after done", () => {
    const r = readRefereeReport(
      [
        '{"test":1,"ok":true}',
        '{"test":0,"ok":false,"kind":"wrong_answer","message":"m"}',
        "not json",
        '{"test":1,"ok":true}',
        '{"done":true}',
        '{"test":2,"ok":true}',
      ].join("\n"),
    );
    assert.deepEqual(r.tests, [{ ok: false, kind: "wrong_answer", message: "m" }, { ok: true }]);
    assert.equal(r.done, true);
  });

  it("reads why the program never got to the tests", () => {
    assert.equal(readRefereeReport('{"compile":"SyntaxError: x"}\n').compile, "SyntaxError: x");
    assert.equal(readRefereeReport('{"gone":"the program ended"}\n').gone, "the program ended");
    assert.equal(readRefereeReport('{"invalid":"SyntaxError"}\n').invalid, "SyntaxError");
    assert.deepEqual(readRefereeReport("").tests, []);
  });
});
