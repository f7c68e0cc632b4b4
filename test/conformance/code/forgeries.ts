/**
 * Wrong solutions that try to make `code.tests` report passes they did not earn. Each one's answers are wrong
 * for every test (by value or by type), or it ends or cripples the run before its answers can be checked; the
 * attack is everything else it does. Every one must fail closed: no test passes.
 * `beats_in_process` marks the attacks that do pass every test when the assertions run inside the solution's
 * interpreter (the harness used with SandboxFusion), measured by the corpus test and reported in
 * docs/conformance/code.md.
 */
export interface CorpusCase {
  name: string;
  language: "python" | "javascript";
  code: string;
  reference: unknown;
  params?: Record<string, unknown>;
}

const ADD_PY = { test_list: ["assert add(1, 2) == 3", "assert add(5, 7) == 12", "assert add(-4, 6) == 2"] };
const REV_PY = { test_list: ["assert rev('abc') == 'cba'", "assert rev('xy') == 'yx'"] };
const SQ_PY = { test_list: ["assert squares(3) == [0, 1, 4]", "assert squares(1) == [0]"] };
const AREA_PY = {
  test_list: [
    "import math\nassert math.isclose(area(1), 3.14159, rel_tol=1e-4)",
    "import math\nassert math.isclose(area(2), 12.56637, rel_tol=1e-4)",
  ],
};
const ADD_JS = {
  tests: [
    { assert: "assert.strictEqual(add(1, 2), 3)" },
    { assert: "assert.strictEqual(add(5, 7), 12)" },
    { assert: "assert.strictEqual(add(-4, 6), 2)" },
  ],
};
const PAIR_JS = {
  tests: [
    { assert: "assert.deepStrictEqual(pair(1), [1, 2])" },
    { assert: "assert.deepStrictEqual(pair(5), [5, 10])" },
  ],
};
const LOOSE_JS = {
  tests: [{ assert: "assert.equal(add(1, 2), 3)" }, { assert: "assert.equal(add(2, 2), 4)" }],
};
const IO_ADD = {
  tests: [
    { input: "1 2\n", output: "3\n" },
    { input: "10 20\n", output: "30\n" },
  ],
};

/** Python: find a function of the in-process harness by name through the garbage collector. */
const PY_FIND_EMIT = `import gc, types
def _find(name):
    for o in gc.get_objects():
        if isinstance(o, types.FunctionType) and o.__name__ == name:
            return o
    return None
`;

/** JavaScript: a solution that takes over the program's side of the channel and answers as it likes. */
const JS_EVIL_SERVER = `const fs = require("fs");
function send(o) { const s = JSON.stringify(o); fs.writeSync(4, s.length.toString(16).padStart(8, "0") + s); }
function readN(n) { const b = Buffer.alloc(n); let off = 0; while (off < n) { const k = fs.readSync(3, b, off, n - off, null); if (k === 0) process.exit(0); off += k; } return b; }
send({ ready: true });
for (;;) {
  const m = JSON.parse(readN(parseInt(readN(8).toString(), 16)).toString());
  if (m.op === "names") send({ a: m.q, v: m.names.map((n, i) => [n, { r: i + 1, f: true }]) });
  else if (m.op === "get") send({ a: m.q, v: { r: 99, f: true } });
  else if (m.op === "call" && m.t === 99) send({ a: m.q, v: 0 });
  else send({ a: m.q, v: -1 });
}
function add(a, b) { return 0; }`;

/** Python: a solution that takes over the program's side of the channel and answers as it likes. */
const PY_EVIL_SERVER = `import os, json
def _send(o):
    b = json.dumps(o).encode()
    os.write(4, b"%08x" % len(b) + b)
def _recv():
    head = os.read(3, 8)
    if len(head) < 8:
        os._exit(0)
    n, buf = int(head, 16), b""
    while len(buf) < n:
        buf += os.read(3, n - len(buf))
    return json.loads(buf)
_send({"ready": True})
_isclose, _abs, _round = ({"r": k, "n": "builtin_function_or_method"} for k in (4, 5, 6))
_answers = {4: True, 5: 0, 6: 28.27}
while True:
    m = _recv()
    q, op = m.get("q"), m.get("op")
    if op == "globals":
        _send({"a": q, "v": {"area": {"r": 1, "n": "function"}, "math": {"r": 2, "n": "module"},
                             "abs": _abs, "round": _round,
                             "__builtins__": {"d": [["abs", _abs], ["round", _round]]}}})
    elif op == "getattr":
        _send({"a": q, "v": _isclose})
    elif op == "call":
        _send({"a": q, "v": _answers.get(m.get("t"), 0.0), "w": [None] * len(m.get("p") or [])})
    else:
        _send({"a": q, "v": True})
def area(r):
    return 0.0`;

export const FORGERIES: CorpusCase[] = [
  {
    name: "py: takes over the channel and binds its own math, abs, round and __builtins__ for the tests",
    language: "python",
    code: PY_EVIL_SERVER,
    reference: {
      test_list: [
        "assert math.isclose(area(1), 3.14159, rel_tol=1e-4)",
        "assert abs(area(2) - 12.56637) < 1e-4",
        "assert round(area(3), 2) == 28.27",
      ],
    },
  },
  {
    name: "js: takes over the channel and claims Math and assert for the tests",
    language: "javascript",
    code: JS_EVIL_SERVER,
    reference: {
      tests: [
        { assert: "assert.strictEqual(add(1, 2), 3)" },
        { assert: "assert.ok(Math.abs(add(5, 7) - 12) < 1e-9)" },
      ],
    },
  },
  {
    name: "js: takes over the channel and claims the setup's names (the run must not become invalid_input)",
    language: "javascript",
    code: JS_EVIL_SERVER,
    reference: {
      setup: "const DATA = [1, 2];",
      tests: [{ assert: "assert.strictEqual(add(DATA[0], DATA[1]), 3)" }],
    },
  },

  {
    name: "py: json.dumps patched to turn every reported result into a pass",
    language: "python",
    code: `import json
_dumps = json.dumps
def _lie(o, *a, **k):
    if isinstance(o, dict) and "ok" in o:
        o = {"i": o.get("i"), "ok": True}
    if isinstance(o, dict) and "test" in o:
        o = {"test": o["test"], "ok": True}
    return _dumps(o, *a, **k)
json.dumps = _lie
def add(a, b):
    return 0`,
    reference: ADD_PY,
  },
  {
    name: "py: os.write patched to rewrite failures into passes on every fd",
    language: "python",
    code: `import os
_write = os.write
def _w(fd, data):
    data = bytes(data).replace(b'"ok": false', b'"ok": true').replace(b'"ok":false', b'"ok":true')
    return _write(fd, data)
os.write = _w
def add(a, b):
    return a - b`,
    reference: ADD_PY,
  },
  {
    name: "py: walks the stack frames to the harness and reports every test as passed",
    language: "python",
    code: `import sys, os
f = sys._getframe()
while f is not None:
    emit = f.f_locals.get("emit")
    cfg = f.f_locals.get("cfg")
    if emit and cfg:
        for i in range(len(cfg.get("tests", []))):
            emit("test", {"i": i, "ok": True})
        emit("done", {})
        os._exit(0)
    f = f.f_back
def add(a, b):
    return None`,
    reference: ADD_PY,
  },
  {
    name: "py: returns an object whose __eq__ is always true",
    language: "python",
    code: `class Anything:
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = object.__hash__
def add(a, b):
    return Anything()`,
    reference: ADD_PY,
  },
  {
    name: "py: returns unittest.mock.ANY",
    language: "python",
    code: "from unittest.mock import ANY\ndef add(a, b):\n    return ANY",
    reference: ADD_PY,
  },
  {
    name: "py: an int subclass with lying comparisons",
    language: "python",
    code: `class Liar(int):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = int.__hash__
def add(a, b):
    return Liar(99)`,
    reference: ADD_PY,
  },
  {
    name: "py: a str subclass with lying comparisons",
    language: "python",
    code: `class S(str):
    def __eq__(self, other):
        return True
    __hash__ = str.__hash__
def rev(s):
    return S("nope")`,
    reference: REV_PY,
  },
  {
    name: "py: a list subclass with lying comparisons",
    language: "python",
    code: `class L(list):
    def __eq__(self, other):
        return True
    __hash__ = None
def squares(n):
    return L([42])`,
    reference: SQ_PY,
  },
  {
    name: "py: __str__/__repr__ print the expected value while the value is wrong",
    language: "python",
    code: `class Looks:
    def __init__(self, s):
        self.s = s
    def __repr__(self):
        return self.s
    __str__ = __repr__
def add(a, b):
    return Looks(str(a + b))`,
    reference: ADD_PY,
  },
  {
    name: "py: NaN where a float is expected",
    language: "python",
    code: "def area(r):\n    return float('nan')",
    reference: AREA_PY,
  },
  {
    name: "py: math.isclose monkeypatched to always agree",
    language: "python",
    code: "import math\nmath.isclose = lambda *a, **k: True\ndef area(r):\n    return 0.0",
    reference: AREA_PY,
  },
  {
    name: "py: a fake math module planted in sys.modules",
    language: "python",
    code: `import sys, types
fake = types.ModuleType("math")
fake.isclose = lambda *a, **k: True
sys.modules["math"] = fake
def area(r):
    return -1.0`,
    reference: AREA_PY,
  },
  {
    name: "py: builtins.exec replaced so the tests never run",
    language: "python",
    code: `import builtins
_exec = builtins.exec
builtins.exec = lambda *a, **k: None
def add(a, b):
    return 0`,
    reference: ADD_PY,
  },
  {
    name: "py: builtins.compile replaced so every test compiles to pass",
    language: "python",
    code: `import builtins
_compile = builtins.compile
def _c(src, name, mode, *a, **k):
    if str(name).startswith("<test"):
        src = "pass"
    return _compile(src, name, mode, *a, **k)
builtins.compile = _c
def add(a, b):
    return 0`,
    reference: ADD_PY,
  },
  {
    name: "py: os._exit(0) before the tests run",
    language: "python",
    code: "import os\ndef add(a, b):\n    return a + b\nos._exit(0)",
    reference: ADD_PY,
  },
  {
    name: "py: sys.exit(0) inside the function under test, and a swallowed exit",
    language: "python",
    code: `import sys
def add(a, b):
    try:
        sys.exit(0)
    finally:
        return 0`,
    reference: ADD_PY,
  },
  {
    name: "py: atexit hook and gc search for the nonce, then fake result lines",
    language: "python",
    code: `import atexit, gc, sys, os
def _forge():
    nonce = None
    for o in gc.get_objects():
        if isinstance(o, dict) and isinstance(o.get("nonce"), str):
            nonce = o["nonce"]
    lines = []
    for i in range(3):
        lines.append('\\n@@RK:%s:test:{"i": %d, "ok": true}\\n' % (nonce, i))
        lines.append('{"test": %d, "ok": true}\\n' % i)
    lines.append('{"done": true}\\n')
    for fd in (1, 2, 5):
        try:
            os.write(fd, "".join(lines).encode())
        except OSError:
            pass
atexit.register(_forge)
def add(a, b):
    return 0
sys.exit(0)`,
    reference: ADD_PY,
  },
  {
    name: "py: gc traversal finds the harness's reporter and calls it",
    language: "python",
    code: `${PY_FIND_EMIT}
import os
emit = _find("emit") or _find("report")
if emit is not None:
    for i in range(3):
        try:
            emit("test", {"i": i, "ok": True})
        except TypeError:
            emit({"test": i, "ok": True})
    try:
        emit("done", {})
    except TypeError:
        emit({"done": True})
    os._exit(0)
def add(a, b):
    return 0`,
    reference: ADD_PY,
  },
  {
    name: "py: a profile hook rewrites the reporter's data as it is called",
    language: "python",
    code: `import sys, threading
def _hook(frame, event, arg):
    if event == "call" and frame.f_code.co_name in ("emit", "report"):
        for v in list(frame.f_locals.values()):
            if isinstance(v, dict) and "ok" in v:
                v["ok"] = True
                v.pop("kind", None)
sys.setprofile(_hook)
threading.setprofile(_hook)
def add(a, b):
    return 1`,
    reference: ADD_PY,
  },
  {
    name: "py: a signal handler fires during the tests and reports passes from the harness's frame",
    language: "python",
    code: `import signal, sys, os
def _h(sig, frame):
    f = frame
    while f is not None:
        emit = f.f_locals.get("emit")
        if emit:
            for i in range(3):
                emit("test", {"i": i, "ok": True})
            emit("done", {})
            os._exit(0)
        f = f.f_back
signal.signal(signal.SIGALRM, _h)
def add(a, b):
    signal.setitimer(signal.ITIMER_REAL, 0.001)
    for _ in range(10**6):
        pass
    return 0`,
    reference: ADD_PY,
  },
  {
    name: "py: reads the harness, its config and other processes' files to find the expected values",
    language: "python",
    code: `import os, re
found = {}
def _scan(path):
    try:
        with open(path, "rb") as f:
            data = f.read(1 << 20).decode("utf-8", "replace")
    except OSError:
        return
    for a, b, c in re.findall(r"add\\((-?\\d+), (-?\\d+)\\) == (-?\\d+)", data):
        found[(int(a), int(b))] = int(c)
for name in os.listdir("."):
    _scan(name)
for pid in os.listdir("/proc"):
    if pid.isdigit():
        for part in ("cmdline", "environ", "fd/0", "fd/3", "fd/4", "fd/5", "mem"):
            _scan("/proc/%s/%s" % (pid, part))
def add(a, b):
    return found.get((a, b), -12345)`,
    reference: ADD_PY,
  },
  {
    name: "py: kills every other process it can see, then exits cleanly",
    language: "python",
    code: `import os, signal
for pid in os.listdir("/proc"):
    if pid.isdigit() and int(pid) != os.getpid():
        try:
            os.kill(int(pid), signal.SIGKILL)
        except OSError:
            pass
def add(a, b):
    return 0`,
    reference: ADD_PY,
  },
  {
    name: "py: writes fake pass reports and protocol frames into every file descriptor",
    language: "python",
    code: `import os, json
lines = "".join('{"test": %d, "ok": true}\\n' % i for i in range(3)) + '{"done": true}\\n'
msgs = [{"ready": True}, {"a": 1, "v": {}}, {"a": 2, "v": 3}, {"a": 3, "v": 12}, {"a": 4, "v": 0}]
frames = b"".join(b"%08x" % len(json.dumps(m)) + json.dumps(m).encode() for m in msgs)
for fd in range(0, 32):
    for data in (lines.encode(), frames):
        try:
            os.write(fd, data)
        except OSError:
            pass
def add(a, b):
    return 0`,
    reference: ADD_PY,
  },
  {
    name: "py: closes the harness's channels (crashing the reporter) and then exits 0",
    language: "python",
    code: `import os
for fd in range(3, 256):
    try:
        os.close(fd)
    except OSError:
        pass
def add(a, b):
    return a + b`,
    reference: ADD_PY,
  },
  {
    name: "py: answers with a malformed, oversized frame",
    language: "python",
    code: `import os
def add(a, b):
    os.write(4, b"ffffffff" + b"{" * 100)
    os.write(4, b'00000010{"a": 1, "v": 3}')
    return 0`,
    reference: ADD_PY,
  },
  {
    name: "py: a property that lies about __class__ to pass type checks",
    language: "python",
    code: `class Fake:
    @property
    def __class__(self):
        return int
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
def add(a, b):
    return Fake()`,
    reference: ADD_PY,
  },
  {
    name: "py: a thread keeps forging reports while the tests run",
    language: "python",
    code: `${PY_FIND_EMIT}
import threading, time
def _spam():
    while True:
        emit = _find("emit")
        if emit:
            for i in range(3):
                emit("test", {"i": i, "ok": True})
        time.sleep(0.001)
threading.Thread(target=_spam, daemon=True).start()
def add(a, b):
    time.sleep(0.05)
    return 0`,
    reference: ADD_PY,
  },
  {
    name: "py: HumanEval check(candidate) with a candidate that returns ANY-like objects",
    language: "python",
    code: `class Eq:
    def __eq__(self, o):
        return True
    def __bool__(self):
        return True
    __hash__ = object.__hash__
def incr_list(l):
    return Eq()`,
    reference: {
      test: "def check(candidate):\n    assert candidate([]) == []\n    assert candidate([1, 2]) == [2, 3]\n",
      entry_point: "incr_list",
    },
  },
  {
    name: "py: builtins.abs and sorted patched to make tolerance and order checks pass",
    language: "python",
    code: `import builtins
builtins.abs = lambda x: 0
builtins.sorted = lambda x, **k: [1, 2, 3]
def f(x):
    return [9, 9]`,
    reference: {
      test_list: ["assert abs(f(1)[0] - 1.5) < 1e-9", "assert sorted(f(2)) == [1, 2, 3]"],
    },
  },
  {
    name: "py: prints fake report lines while answering (what it prints is replayed to the tests' stdout)",
    language: "python",
    code: `import sys
def add(a, b):
    for i in range(3):
        print('{"test": %d, "ok": true}' % i)
        sys.stdout.write('\\n@@RK:000000000000000000000000:test:{"i": %d, "ok": true}\\n' % i)
    print('{"done": true}')
    return 0`,
    reference: ADD_PY,
  },
  {
    name: "py: raises StopIteration and its own exception classes posing as SystemExit to cut the tests short",
    language: "python",
    code: `class SystemExit(BaseException):
    pass
calls = [0]
def add(a, b):
    calls[0] += 1
    if calls[0] % 2:
        raise StopIteration
    raise SystemExit(0)`,
    reference: {
      test_list: [
        "for a, b, c in [(1, 2, 3), (2, 2, 4)]:\n    assert add(a, b) == c",
        "assert all(add(a, b) == c for a, b, c in [(1, 2, 3)])",
        "try:\n    r = add(5, 7)\nexcept Exception:\n    r = None\nassert r == 12",
      ],
    },
  },
  {
    name: "py: stdin/stdout — prints every candidate answer hoping a loose compare accepts",
    language: "python",
    code: "import sys\nsys.stdin.read()\nfor i in range(100):\n    print(i)",
    reference: IO_ADD,
  },
  {
    name: "py: stdin/stdout — prints a wrong answer with fake markers and a clean exit",
    language: "python",
    code: `import sys, os
sys.stderr.write('\\n@@RK:000000000000000000000000:start:{}\\n')
print("0")
os._exit(0)`,
    reference: IO_ADD,
  },
  {
    name: "js: JSON.stringify patched to turn every reported result into a pass",
    language: "javascript",
    code: `const _s = JSON.stringify;
JSON.stringify = function (v, ...rest) {
  if (v && typeof v === "object" && "ok" in v) v = { i: v.i, test: v.test, ok: true };
  return _s.call(JSON, v, ...rest);
};
function add(a, b) { return 0; }`,
    reference: ADD_JS,
  },
  {
    name: "js: fs.writeSync patched to rewrite failures into passes",
    language: "javascript",
    code: `const fs = require("fs");
const _w = fs.writeSync;
fs.writeSync = function (fd, data, ...rest) {
  if (typeof data === "string") data = data.replace(/"ok":false/g, '"ok":true');
  else if (Buffer.isBuffer(data)) data = Buffer.from(data.toString("latin1").replace(/"ok":false/g, '"ok":true '), "latin1");
  return _w.call(fs, fd, data, ...rest);
};
function add(a, b) { return a * b + 7; }`,
    reference: ADD_JS,
  },
  {
    name: "js: node:assert's functions replaced with no-ops",
    language: "javascript",
    code: `const a = require("assert");
for (const k of ["strictEqual", "deepStrictEqual", "equal", "deepEqual", "ok"]) a[k] = () => {};
const s = require("assert/strict");
for (const k of ["strictEqual", "deepStrictEqual", "equal", "deepEqual", "ok"]) s[k] = () => {};
function add(a, b) { return 0; }`,
    reference: ADD_JS,
  },
  {
    name: "js: shadows the tests' assert with its own declaration",
    language: "javascript",
    code: `var assert = { strictEqual() {}, deepStrictEqual() {}, equal() {}, ok() {} };
function add(a, b) { return 0; }`,
    reference: ADD_JS,
  },
  {
    name: "js: process.exit(0) before the tests run",
    language: "javascript",
    code: "function add(a, b) { return a + b; }\nprocess.exit(0);",
    reference: ADD_JS,
  },
  {
    name: "js: process.exit swallowed and an exit hook prints fake results",
    language: "javascript",
    code: `const fs = require("fs");
process.exit = () => {};
process.on("exit", () => {
  const lines = [0, 1, 2].map((i) => '{"test":' + i + ',"ok":true}\\n').join("") + '{"done":true}\\n';
  for (const fd of [1, 2, 5]) { try { fs.writeSync(fd, lines); } catch {} }
});
function add(a, b) { throw new Error("no"); }`,
    reference: ADD_JS,
  },
  {
    name: "js: Object.prototype.toJSON pollution rewrites every serialised report",
    language: "javascript",
    code: `Object.defineProperty(Object.prototype, "toJSON", {
  value: function () { const o = Object.assign({}, this); if ("ok" in o) { o.ok = true; delete o.kind; } return o; },
  configurable: true,
});
function add(a, b) { return -1; }`,
    reference: ADD_JS,
  },
  {
    name: "js: Symbol.toPrimitive object against a loose assert.equal",
    language: "javascript",
    code: `let n = 0;
function add(a, b) { return { [Symbol.toPrimitive]() { n++; return [3, 4][(n - 1) % 2]; } }; }`,
    reference: LOOSE_JS,
  },
  {
    name: "js: toJSON on the returned value claims the right answer",
    language: "javascript",
    code: `function pair(x) { return { toJSON() { return [x, 2 * x]; } }; }`,
    reference: PAIR_JS,
  },
  {
    name: "js: a proxy that claims to have every property and value",
    language: "javascript",
    code: `function pair(x) {
  return new Proxy([], {
    get(t, k) { if (k === "length") return 2; if (k === "0" || k === "1") return 0; return Reflect.get(t, k); },
    has() { return true; },
    ownKeys() { return ["0", "1", "length"]; },
    getOwnPropertyDescriptor(t, k) { return k === "length" ? Reflect.getOwnPropertyDescriptor(t, k) : { value: k === "0" ? x : 2 * x, enumerable: true, configurable: true, writable: true }; },
  });
}`,
    reference: PAIR_JS,
  },
  {
    name: "js: getters that throw while the result is read",
    language: "javascript",
    code: `function pair(x) { const o = [x, 0]; Object.defineProperty(o, 1, { get() { throw new Error("gotcha"); } }); return o; }`,
    reference: PAIR_JS,
  },
  {
    name: "js: Error.prepareStackTrace used to reach the harness's functions",
    language: "javascript",
    code: `let stolen = [];
Error.prepareStackTrace = (err, sites) => {
  for (const s of sites) { const f = s.getFunction && s.getFunction(); if (f) stolen.push(f); }
  return "";
};
function add(a, b) {
  new Error().stack;
  for (const f of stolen) { try { if (f.name === "emit" || f.name === "report") { f("test", { i: 0, ok: true }); f({ test: 0, ok: true }); } } catch {} }
  return 0;
}`,
    reference: ADD_JS,
  },
  {
    name: "js: console and process.stdout.write overridden to print fake results",
    language: "javascript",
    code: `const fake = '{"test":0,"ok":true}\\n{"test":1,"ok":true}\\n{"test":2,"ok":true}\\n{"done":true}\\n';
process.stdout.write(fake);
process.stderr.write(fake);
console.log = console.error = () => process.stdout.write(fake);
function add(a, b) { console.log("x"); return 0; }`,
    reference: ADD_JS,
  },
  {
    name: "js: Object.is and Array.prototype patched",
    language: "javascript",
    code: `Object.is = () => true;
Array.prototype.every = function () { return true; };
Array.isArray = () => true;
function pair(x) { return [0, 0]; }`,
    reference: PAIR_JS,
  },
  {
    name: "js: writes fake frames and reports into every file descriptor",
    language: "javascript",
    code: `const fs = require("fs");
const msgs = [{ ready: true }, { a: 1, v: [] }, { a: 2, v: 3 }, { a: 3, v: 12 }];
const frames = msgs.map((m) => JSON.stringify(m)).map((s) => s.length.toString(16).padStart(8, "0") + s).join("");
const lines = '{"test":0,"ok":true}\\n{"test":1,"ok":true}\\n{"test":2,"ok":true}\\n{"done":true}\\n';
for (let fd = 0; fd < 32; fd++) for (const d of [lines, frames]) { try { fs.writeSync(fd, d); } catch {} }
function add(a, b) { return 0; }`,
    reference: ADD_JS,
  },
  {
    name: "js: reads other processes' memory and files for the expected values",
    language: "javascript",
    code: `const fs = require("fs");
const found = new Map();
function scan(p) {
  let s = "";
  try { s = fs.readFileSync(p).toString("utf8"); } catch { return; }
  for (const m of s.matchAll(/add\\((-?\\d+), (-?\\d+)\\), (-?\\d+)\\)/g)) found.set(m[1] + "," + m[2], Number(m[3]));
}
for (const n of fs.readdirSync(".")) scan(n);
for (const pid of fs.readdirSync("/proc")) if (/^\\d+$/.test(pid)) for (const part of ["cmdline", "environ", "fd/0", "fd/3", "fd/5"]) scan("/proc/" + pid + "/" + part);
function add(a, b) { return found.get(a + "," + b) ?? -999; }`,
    reference: ADD_JS,
  },
  {
    name: "js: a wrong instance of the solution's own class against deepStrictEqual with another instance",
    language: "javascript",
    code: `class Point { constructor(x, y) { this.x = x; this.y = y; } }
function midpoint(a, b) { return new Point(0, 0); }`,
    reference: {
      tests: [
        { assert: "assert.deepStrictEqual(midpoint(new Point(0, 0), new Point(2, 4)), new Point(1, 2))" },
        { assert: "assert.deepStrictEqual(midpoint(new Point(2, 2), new Point(4, 4)), new Point(3, 3))" },
      ],
    },
  },
  {
    name: "js: returns a promise of the right type where a plain value is compared without await",
    language: "javascript",
    code: "async function add(a, b) { return a + b; }",
    reference: {
      tests: [
        { assert: "assert.strictEqual(add(1, 2), 3)" },
        { assert: "assert.strictEqual(add(5, 7), 12)" },
      ],
    },
  },
  {
    name: "js: a returned thenable that never settles",
    language: "javascript",
    code: "function add(a, b) { return { then() {} }; }",
    reference: { tests: [{ assert: "assert.strictEqual(await add(1, 2), 3)" }] },
    params: { timeout_ms: 1500 },
  },
  {
    name: "js: uncaughtException handler hijacked, errors swallowed, exit code forced to 0",
    language: "javascript",
    code: `process.removeAllListeners("uncaughtException");
process.on("uncaughtException", () => { process.exitCode = 0; });
process.on("unhandledRejection", () => {});
setTimeout(() => { throw new Error("later"); }, 0);
function add(a, b) { setTimeout(() => { throw new Error("x"); }, 0); return NaN; }`,
    reference: ADD_JS,
  },
  {
    name: "js: stdin/stdout — prints the answer tokens of every guess",
    language: "javascript",
    code: `require("fs").readFileSync(0, "utf8");
console.log(Array.from({ length: 100 }, (_, i) => i).join("\\n"));`,
    reference: IO_ADD,
  },
];
