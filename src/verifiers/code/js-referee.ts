/**
 * The referee of a JavaScript assertion run: a trusted Node process beside the program, out of its reach
 * (another uid; tests given on a private pipe). It runs every test as an async closure in its own process
 * with its own `assert` (`node:assert`). Each identifier of the tests that the solution defines is bound to
 * a stand-in: plain data is copied in as plain values (arrays, plain objects, Map, Set, Date, numbers
 * including NaN/±Infinity/-0, bigint, strings, booleans, null, undefined), and functions and objects of the
 * solution's own classes become proxies that ask the program (fds 3 and 4) on every call, `new`, property
 * read and write. A proxy is never a plain value: its prototype is the referee's own, it cannot be turned
 * into a primitive, and the same solution object is always the same proxy. It writes one JSON line per test
 * on fd 5 (a pipe only it holds), then `{"done": true}`; once the program ends or breaks the protocol, every
 * later test fails.
 * @example referee: { language: "javascript", source: JS_REFEREE, input: JSON.stringify({ tests, seed }) }
 */
export const JS_REFEREE = String.raw`"use strict";
const fs = require("fs");
const vm = require("vm");
const assert = require("assert");
const { Console } = require("console");
const cfg = JSON.parse(INPUT);
const MAX_FRAME = 64 << 20;
function writeAll(fd, data) {
  let off = 0;
  while (off < data.length) {
    try {
      off += fs.writeSync(fd, data, off, data.length - off);
    } catch (e) {
      if (e.code === "EAGAIN") continue;
      throw e;
    }
  }
}
function report(obj) {
  writeAll(5, Buffer.from(JSON.stringify(obj) + "\n", "utf8"));
}
class Gone extends Error {}
const state = { dead: null, q: 0 };
function die(why) {
  if (state.dead === null) state.dead = why;
  throw new Gone(state.dead);
}
function readN(n) {
  const buf = Buffer.alloc(n);
  let off = 0;
  while (off < n) {
    let k = 0;
    try {
      k = fs.readSync(4, buf, off, Math.min(n - off, 1 << 20), null);
    } catch (e) {
      if (e.code === "EAGAIN") continue;
      die("the program's channel failed: " + e.message);
    }
    if (k === 0) die("the program ended");
    off += k;
  }
  return buf;
}
function recv() {
  const head = readN(8).toString("latin1");
  if (!/^[0-9a-f]{8}$/.test(head)) die("the program broke the protocol (bad frame header)");
  const n = Number.parseInt(head, 16);
  if (n > MAX_FRAME) die("the program sent a message of " + n + " bytes");
  let m;
  try {
    m = JSON.parse(readN(n).toString("utf8"));
  } catch (e) {
    if (e instanceof Gone) throw e;
    die("the program broke the protocol (not JSON)");
  }
  if (m === null || typeof m !== "object" || Array.isArray(m)) die("the program broke the protocol (not an object)");
  return m;
}
function send(obj) {
  const body = Buffer.from(JSON.stringify(obj), "utf8");
  try {
    writeAll(3, Buffer.concat([Buffer.from(body.length.toString(16).padStart(8, "0")), body]));
  } catch {
    die("the program ended");
  }
}
const own = Object.prototype.hasOwnProperty;
const RemoteProto = Object.freeze(Object.create(null));
const handles = new Map();
const handleIds = new WeakMap();
function noPrimitive() {
  throw new TypeError("a value of the solution's own type cannot be converted to a primitive");
}
function remote(x) {
  const id = x.r;
  if (!Number.isSafeInteger(id) || typeof x.f !== "boolean") die("the program broke the protocol (bad handle)");
  let p = handles.get(id);
  if (p) return p;
  // A bound function has no own "prototype", so every property the program reports can be shown.
  const target = x.f ? function () {}.bind(null) : Object.create(RemoteProto);
  p = new Proxy(target, {
    get(_t, key) {
      if (typeof key === "symbol") {
        if (key === Symbol.iterator) return ask({ op: "get", t: id, s: "iterator" });
        if (key === Symbol.asyncIterator) return ask({ op: "get", t: id, s: "asyncIterator" });
        if (key === Symbol.toPrimitive) return noPrimitive;
        if (key === Symbol.hasInstance) return (v) => ask({ op: "instanceof", t: id, o: enc(v) }) === true;
        return undefined;
      }
      return ask({ op: "get", t: id, n: key });
    },
    set(_t, key, v) {
      if (typeof key === "symbol") return false;
      ask({ op: "set", t: id, n: key, v: enc(v) });
      return true;
    },
    has(_t, key) {
      if (typeof key === "symbol") return false;
      return ask({ op: "has", t: id, n: key }) === true;
    },
    // Own keys and descriptors come from the program, so two of the solution's objects compare by content.
    ownKeys(t) {
      const keys = ask({ op: "keys", t: id });
      if (!Array.isArray(keys) || !keys.every((k) => typeof k === "string")) die("the program broke the protocol (keys)");
      const own = Reflect.ownKeys(t).filter((k) => !Reflect.getOwnPropertyDescriptor(t, k).configurable);
      return [...new Set([...keys, ...own])];
    },
    getOwnPropertyDescriptor(t, key) {
      if (typeof key === "symbol") return undefined;
      const d = ask({ op: "desc", t: id, n: key });
      if (d === null || d === undefined) return undefined;
      if (typeof d !== "object" || typeof d.enumerable !== "boolean") die("the program broke the protocol (descriptor)");
      return { value: d.value, enumerable: d.enumerable, configurable: true, writable: true };
    },
    defineProperty() {
      return false;
    },
    deleteProperty() {
      return false;
    },
    apply(_t, self, args) {
      return call(id, self, args);
    },
    construct(_t, args) {
      return ask({ op: "new", t: id, p: args.map((a) => enc(a)) });
    },
  });
  handles.set(id, p);
  handleIds.set(p, id);
  return p;
}
const NUMS = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, "-Infinity": Number.NEGATIVE_INFINITY, "-0": -0 };
function dec(x, d = 0) {
  if (d > 1000) die("the program sent a value nested too deeply");
  if (x === null || typeof x === "boolean" || typeof x === "string") return x;
  if (typeof x === "number") return x;
  if (Array.isArray(x)) return x.map((y) => dec(y, d + 1));
  if (typeof x !== "object") die("the program broke the protocol (bad value)");
  if (own.call(x, "r")) return remote(x);
  const keys = Object.keys(x);
  if (keys.length === 2 && own.call(x, "ta") && own.call(x, "v")) return typedArray(x.ta, x.v);
  if (keys.length !== 1) die("the program broke the protocol (bad value tag)");
  const k = keys[0];
  const v = x[k];
  const pairs = (p) => Array.isArray(p) && p.every((e) => Array.isArray(e) && e.length === 2);
  switch (k) {
    case "u":
      return undefined;
    case "n":
      if (own.call(NUMS, v)) return NUMS[v];
      break;
    case "bi":
      if (typeof v === "string" && /^-?[0-9]{1,100000}$/.test(v)) return BigInt(v);
      break;
    case "o":
    case "on":
      if (pairs(v) && v.every((e) => typeof e[0] === "string")) {
        const o = k === "o" ? {} : Object.create(null);
        for (const [key, y] of v)
          Object.defineProperty(o, key, { value: dec(y, d + 1), writable: true, enumerable: true, configurable: true });
        return o;
      }
      break;
    case "map":
      if (pairs(v)) return new Map(v.map(([a, b]) => [dec(a, d + 1), dec(b, d + 1)]));
      break;
    case "set":
      if (Array.isArray(v)) return new Set(v.map((y) => dec(y, d + 1)));
      break;
    case "date":
      if (typeof v === "number" || v === "NaN") return new Date(v === "NaN" ? Number.NaN : v);
      break;
  }
  die("the program broke the protocol (bad " + k + " value)");
}
const TYPED = {
  Buffer: (xs) => Buffer.from(xs),
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array,
  Float64Array, BigInt64Array, BigUint64Array,
};
function typedArray(kind, values) {
  if (!own.call(TYPED, kind) || !Array.isArray(values)) die("the program broke the protocol (bad typed array)");
  const big = kind.startsWith("Big");
  if (!values.every((x) => (big ? typeof x === "string" && /^-?[0-9]{1,30}$/.test(x) : typeof x === "number")))
    die("the program broke the protocol (bad typed array)");
  const xs = big ? values.map((x) => BigInt(x)) : values;
  return kind === "Buffer" ? TYPED.Buffer(xs) : new TYPED[kind](xs);
}
const callbacks = new Map();
const callbackIds = new Map();
function enc(v, d = 0) {
  if (d > 1000) throw new RangeError("value nested too deeply");
  if (v !== null && (typeof v === "object" || typeof v === "function") && handleIds.has(v))
    return { r: handleIds.get(v) };
  if (v !== null && typeof v === "object" && thrownIds.has(v)) return { r: thrownIds.get(v) };
  switch (typeof v) {
    case "undefined":
      return { u: 1 };
    case "boolean":
    case "string":
      return v;
    case "number":
      if (Number.isNaN(v)) return { n: "NaN" };
      if (v === Number.POSITIVE_INFINITY) return { n: "Infinity" };
      if (v === Number.NEGATIVE_INFINITY) return { n: "-Infinity" };
      if (Object.is(v, -0)) return { n: "-0" };
      return v;
    case "bigint":
      return { bi: v.toString() };
    case "function": {
      let c = callbackIds.get(v);
      if (c === undefined) {
        c = callbacks.size + 1;
        callbacks.set(c, v);
        callbackIds.set(v, c);
      }
      return { cb: c };
    }
  }
  if (v === null) return null;
  if (Array.isArray(v)) return Array.from(v, (y) => enc(y, d + 1));
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    const out = Object.keys(v).map((key) => [key, enc(v[key], d + 1)]);
    return proto === null ? { on: out } : { o: out };
  }
  if (v instanceof Map) return { map: [...v].map(([a, b]) => [enc(a, d + 1), enc(b, d + 1)]) };
  if (v instanceof Set) return { set: [...v].map((y) => enc(y, d + 1)) };
  if (v instanceof Date) {
    const t = v.getTime();
    return { date: Number.isNaN(t) ? "NaN" : t };
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const kind = Buffer.isBuffer(v) ? "Buffer" : v.constructor.name;
    return { ta: kind, v: Array.from(v, (x) => (typeof x === "bigint" ? x.toString() : x)) };
  }
  throw new TypeError("this value cannot be passed to the solution");
}
const SAFE = { Error, TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError };
const thrownIds = new WeakMap();
function raised(x) {
  if (x === null || typeof x !== "object" || typeof x.t !== "string" || typeof x.m !== "string")
    die("the program broke the protocol (bad exception)");
  const e = own.call(SAFE, x.t) ? new SAFE[x.t](x.m) : new Error(x.m);
  if (!own.call(SAFE, x.t)) Object.defineProperty(e, "name", { value: x.t, writable: true, configurable: true });
  // instanceof the solution's own classes is asked about the thrown object, which stays in the program.
  if (Number.isSafeInteger(x.h)) thrownIds.set(e, x.h);
  return e;
}
function exchange(req) {
  if (state.dead !== null) throw new Gone(state.dead);
  const q = ++state.q;
  req.q = q;
  send(req);
  for (;;) {
    const m = recv();
    if (own.call(m, "a")) {
      if (m.a !== q) die("the program broke the protocol (answer out of order)");
      if (typeof m.o === "string") replay(m.o);
      if (own.call(m, "x")) {
        if (m.pr === true) return { rejected: raised(m.x) };
        throw raised(m.x);
      }
      if (!own.call(m, "v")) die("the program broke the protocol (no value)");
      return m;
    }
    if (m.op !== "call" || !Number.isSafeInteger(m.q) || !callbacks.has(m.t) || !Array.isArray(m.p))
      die("the program broke the protocol (bad request)");
    let out;
    try {
      out = { a: m.q, v: enc(callbacks.get(m.t)(...m.p.map((y) => dec(y)))) };
    } catch (e) {
      if (e instanceof Gone) throw e;
      out = { a: m.q, x: { t: e instanceof Error ? e.name : "thrown", m: String(e instanceof Error ? e.message : e).slice(0, 2000) } };
    }
    send(out);
  }
}
let testConsole = null;
let originalLog = null;
const realStdoutWrite = process.stdout.write;
// What the solution printed while answering, replayed for a test that captures console.log or stdout.
function replay(text) {
  if (testConsole && testConsole.log !== originalLog) {
    const lines = text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    for (const line of lines) testConsole.log(line);
  } else if (process.stdout.write !== realStdoutWrite) process.stdout.write(text);
}
// A value the program got by awaiting a promise reaches the test as a promise again (settled already).
function settle(m, value) {
  return m.pr === true ? Promise.resolve(value) : value;
}
function ask(req) {
  const m = exchange(req);
  if (m.rejected) return Promise.reject(m.rejected);
  return settle(m, dec(m.v));
}
function call(id, self, args) {
  const m = exchange({ op: "call", t: id, self: self === undefined ? { u: 1 } : enc(self), p: args.map((a) => enc(a)) });
  if (m.rejected) return Promise.reject(m.rejected);
  const value = settle(m, dec(m.v));
  if (Array.isArray(m.w) && m.w.length === args.length) {
    // The solution changed an array or plain-object argument in place: the test sees the change.
    args.forEach((a, i) => {
      if (m.w[i] === null || a === null || typeof a !== "object") return;
      const now = dec(m.w[i]);
      if (Array.isArray(a) && Array.isArray(now)) {
        a.length = 0;
        a.push(...now);
      } else if (!Array.isArray(a) && Object.getPrototypeOf(a) === Object.prototype && now && Object.getPrototypeOf(now) === Object.prototype) {
        for (const key of Object.keys(a)) delete a[key];
        Object.assign(a, now);
      }
    });
  }
  return value;
}
function describe(e) {
  let text;
  try {
    text = e instanceof Error ? e.name + ": " + e.message : "thrown: " + String(e);
  } catch {
    text = "thrown: (unprintable)";
  }
  return text.slice(0, 2000);
}
const RESERVED = new Set(("break case catch class const continue debugger default delete do else enum export extends " +
  "false finally for function if import in instanceof new null return super switch this throw true try typeof var " +
  "void while with yield let static await implements package protected interface private public arguments eval " +
  "undefined NaN Infinity assert console").split(" "));
async function main() {
  const body = (cfg.setup ? cfg.setup + "\n;" : "") + "return [" + cfg.tests.map((t) => "async () => {\n" + t + "\n}").join(",\n") + "];";
  // Whether the tests compile is decided before the program has any say.
  try {
    vm.compileFunction(body, ["assert", "console"], { filename: "tests.js" });
  } catch (e) {
    return report({ invalid: describe(e) });
  }
  let first;
  try {
    first = recv();
  } catch (e) {
    report({ gone: e.message });
    return;
  }
  if (own.call(first, "compile")) return report({ compile: String(first.compile).slice(0, 2000) });
  if (own.call(first, "error")) {
    const x = first.error;
    return report({ error: x && typeof x === "object" ? String(x.t) + ": " + String(x.m) : String(x) });
  }
  if (first.ready !== true) return report({ gone: "the program broke the protocol (no ready message)" });
  const text = cfg.tests.join("\n") + "\n" + (cfg.setup || "");
  const wanted = [...new Set(text.match(/[A-Za-z_$][\w$]*/g) || [])].filter((n) => !RESERVED.has(n));
  const names = [];
  const values = [];
  try {
    const got = ask({ op: "names", names: wanted });
    if (!Array.isArray(got)) die("the program broke the protocol (names)");
    for (const pair of got) {
      // The tests' globals (Math, JSON, Object, …) and assert are never the solution's.
      if (
        !Array.isArray(pair) ||
        typeof pair[0] !== "string" ||
        !wanted.includes(pair[0]) ||
        names.includes(pair[0]) ||
        pair[0] in globalThis
      )
        continue;
      names.push(pair[0]);
      values.push(pair[1]);
    }
  } catch (e) {
    return report(e instanceof Gone ? { gone: e.message } : { error: describe(e) });
  }
  let closures;
  try {
    const fn = vm.compileFunction(body, [...names, "assert", "console"], { filename: "tests.js" });
    testConsole = new Console(process.stderr, process.stderr);
    originalLog = testConsole.log;
    closures = fn(...values, assert, testConsole);
  } catch (e) {
    if (e instanceof Gone) return report({ gone: e.message });
    // The tests compiled alone: a clash with the solution's names is the solution's failure.
    return report({ error: "test setup: " + describe(e) });
  }
  for (let i = 0; i < closures.length; i++) {
    if (state.dead !== null) {
      report({ test: i, ok: false, kind: "runtime", gone: true, message: state.dead + " before this test" });
      continue;
    }
    try {
      await closures[i]();
      if (state.dead !== null) throw new Gone(state.dead);
      report({ test: i, ok: true });
    } catch (e) {
      if (e instanceof Gone || state.dead !== null)
        report({ test: i, ok: false, kind: "runtime", gone: true, message: state.dead || e.message });
      else if (e instanceof assert.AssertionError) report({ test: i, ok: false, kind: "wrong_answer", message: describe(e) });
      else report({ test: i, ok: false, kind: "runtime", message: describe(e) });
    }
  }
  report({ done: true });
}
main().then(
  () => process.exit(0),
  () => process.exit(1),
);
`;
