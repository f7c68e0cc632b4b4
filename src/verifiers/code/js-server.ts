/**
 * The program side of a JavaScript assertion run: it loads the solution as a CommonJS module body and then
 * only answers the referee's requests (which of these names do you define, call this function, construct,
 * get or set a property) on its fds 3 and 4, with values as tagged JSON. A call whose result is a promise is
 * awaited before it is answered. It never sees the tests and decides nothing: whatever it answers is only
 * the solution's answer, checked by the referee in another process. Frames are an 8-hex-digit byte
 * length, then UTF-8 JSON.
 * @example files["harness.js"] = JS_SERVER
 */
export const JS_SERVER = String.raw`"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { createRequire } = require("module");
const cfg = JSON.parse(fs.readFileSync("rk_config.json", "utf8"));
fs.unlinkSync("rk_config.json");
const readSync = fs.readSync;
const writeSync = fs.writeSync;
const stringify = JSON.stringify;
const parse = JSON.parse;
const exit = process.exit.bind(process);
function send(obj) {
  const body = Buffer.from(stringify(obj), "utf8");
  const data = Buffer.concat([Buffer.from(body.length.toString(16).padStart(8, "0")), body]);
  let off = 0;
  while (off < data.length) {
    try {
      off += writeSync(4, data, off, data.length - off);
    } catch (e) {
      if (e.code !== "EAGAIN") exit(0);
    }
  }
}
function readN(n) {
  const buf = Buffer.alloc(n);
  let off = 0;
  while (off < n) {
    let k = 0;
    try {
      k = readSync(3, buf, off, n - off, null);
    } catch (e) {
      if (e.code === "EAGAIN") continue;
      exit(0);
    }
    if (k === 0) exit(0);
    off += k;
  }
  return buf;
}
function recv() {
  return parse(readN(Number.parseInt(readN(8).toString("latin1"), 16)).toString("utf8"));
}
function describe(e) {
  try {
    const out =
      e instanceof Error
        ? { t: String(e.name).slice(0, 100), m: String(e.message).slice(0, 2000) }
        : { t: "thrown", m: String(e).slice(0, 2000) };
    // The thrown object itself stays here, so the tests' instanceof checks can ask about it.
    if (e !== null && (typeof e === "object" || typeof e === "function")) out.h = handle(e).r;
    return out;
  } catch {
    return { t: "thrown", m: "(unprintable)" };
  }
}
const objs = new Map();
const ids = new Map();
function handle(v) {
  let h = ids.get(v);
  if (h === undefined) {
    h = objs.size + 1;
    objs.set(h, v);
    ids.set(v, h);
  }
  return { r: h, f: typeof v === "function" };
}
function plain(v) {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}
function enc(v, d = 0) {
  if (d > 1000) throw new RangeError("value nested too deeply");
  switch (typeof v) {
    case "undefined":
      return { u: 1 };
    case "boolean":
    case "string":
      return v;
    case "number":
      if (Number.isNaN(v)) return { n: "NaN" };
      if (v === Infinity) return { n: "Infinity" };
      if (v === -Infinity) return { n: "-Infinity" };
      if (Object.is(v, -0)) return { n: "-0" };
      return v;
    case "bigint":
      return { bi: v.toString() };
    case "function":
    case "symbol":
      return handle(v);
  }
  if (v === null) return null;
  if (Array.isArray(v)) {
    const out = [];
    for (let i = 0; i < v.length; i++) out.push(enc(v[i], d + 1));
    return out;
  }
  if (plain(v)) {
    const out = [];
    for (const k of Object.keys(v)) out.push([k, enc(v[k], d + 1)]);
    return Object.getPrototypeOf(v) === null ? { on: out } : { o: out };
  }
  if (v instanceof Map) return { map: [...v].map(([k, x]) => [enc(k, d + 1), enc(x, d + 1)]) };
  if (v instanceof Set) return { set: [...v].map((x) => enc(x, d + 1)) };
  if (v instanceof Date) {
    const t = v.getTime();
    return { date: Number.isNaN(t) ? "NaN" : t };
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const kind = Buffer.isBuffer(v) ? "Buffer" : v.constructor.name;
    return { ta: kind, v: Array.from(v, (x) => (typeof x === "bigint" ? x.toString() : x)) };
  }
  return handle(v);
}
let calls = 0;
function callback(id) {
  return function callTestFunction(...args) {
    const q = ++calls;
    send({ q, op: "call", t: id, p: args.map((a) => enc(a)) });
    const m = serveNested(q);
    if ("x" in m) {
      const E = { Error, TypeError, RangeError }[m.x.t] || Error;
      throw new E(String(m.x.m));
    }
    return dec(m.v);
  };
}
function dec(x) {
  if (x === null || typeof x !== "object") return x;
  if (Array.isArray(x)) return x.map(dec);
  if ("r" in x) return objs.get(x.r);
  if ("cb" in x) return callback(x.cb);
  if ("u" in x) return undefined;
  if ("n" in x) return { NaN: Number.NaN, Infinity, "-Infinity": -Infinity, "-0": -0 }[x.n];
  if ("bi" in x) return BigInt(x.bi);
  if ("o" in x || "on" in x) {
    const o = "o" in x ? {} : Object.create(null);
    for (const [k, v] of x.o || x.on)
      Object.defineProperty(o, k, { value: dec(v), writable: true, enumerable: true, configurable: true });
    return o;
  }
  if ("map" in x) return new Map(x.map.map(([k, v]) => [dec(k), dec(v)]));
  if ("set" in x) return new Set(x.set.map(dec));
  if ("date" in x) return new Date(x.date === "NaN" ? Number.NaN : x.date);
  if ("ta" in x) {
    const xs = x.ta.startsWith("Big") ? x.v.map((y) => BigInt(y)) : x.v;
    return x.ta === "Buffer" ? Buffer.from(xs) : new globalThis[x.ta](xs);
  }
  throw new TypeError("unknown value tag");
}
const SKIP = new Set(["exports", "require", "module", "__filename", "__dirname", "assert"]);
let resolve = () => undefined;
function answer(m) {
  if (m.op === "names") {
    const out = [];
    for (const n of m.names) {
      if (typeof n !== "string" || !/^[A-Za-z_$][\w$]*$/.test(n) || SKIP.has(n)) continue;
      let v;
      try {
        v = resolve(n);
      } catch {
        continue;
      }
      if (n in globalThis && globalThis[n] === v) continue;
      try {
        out.push([n, enc(v)]);
      } catch {
        out.push([n, handle(v)]);
      }
    }
    return { encoded: out };
  }
  const t = objs.get(m.t);
  switch (m.op) {
    case "call":
      return Reflect.apply(t, dec(m.self), m.p.map(dec));
    case "new":
      return Reflect.construct(t, m.p.map(dec));
    case "get":
      return m.s ? t[Symbol[m.s]] : t[m.n];
    case "set":
      t[m.n] = dec(m.v);
      return undefined;
    case "has":
      return m.n in t;
    case "instanceof":
      return dec(m.o) instanceof t;
    case "keys":
      return Reflect.ownKeys(t).filter((k) => typeof k === "string");
    case "desc": {
      const d = Reflect.getOwnPropertyDescriptor(t, m.n);
      return d === undefined ? null : { value: "value" in d ? d.value : t[m.n], enumerable: d.enumerable === true };
    }
  }
  throw new TypeError("unknown request");
}
function reply(m, v, args) {
  // The names answer is a list of [name, encoded value] pairs, already encoded one by one.
  const out = { a: m.q, v: m.op === "names" ? v.encoded : enc(v) };
  if (args) out.w = args.map((a) => (a !== null && typeof a === "object" && (Array.isArray(a) || plain(a)) ? enc(a) : null));
  return out;
}
function serveNested(q) {
  for (;;) {
    const m = recv();
    if ("a" in m) {
      if (m.a === q) return m;
      continue;
    }
    let out;
    try {
      out = reply(m, answer(m));
    } catch (e) {
      out = { a: m.q, x: describe(e) };
    }
    send(out);
  }
}
const realWrite = process.stdout.write;
async function serve() {
  for (;;) {
    const m = recv();
    if ("a" in m) continue;
    let out;
    let promised = false;
    // What the solution prints while answering goes with the answer, for tests that capture it.
    const printed = [];
    process.stdout.write = function (chunk, ...rest) {
      printed.push(String(chunk));
      return realWrite.call(this, chunk, ...rest);
    };
    try {
      let args = null;
      if (m.op === "call") {
        args = m.p.map(dec);
      }
      let v = m.op === "call" ? Reflect.apply(objs.get(m.t), dec(m.self), args) : answer(m);
      if (v !== null && (typeof v === "object" || typeof v === "function") && typeof v.then === "function") {
        // Settled here (the referee cannot wait on this event loop); "pr" tells it the value was a promise.
        promised = true;
        v = await v;
      }
      out = reply(m, v, args);
    } catch (e) {
      out = { a: m.q, x: describe(e) };
    }
    if (promised) out.pr = true;
    process.stdout.write = realWrite;
    if (printed.length) out.o = printed.join("").slice(0, 1 << 20);
    try {
      send(out);
    } catch (e) {
      send({ a: m.q, x: describe(e) });
    }
  }
}
const file = path.resolve(cfg.solution);
const src = fs.readFileSync(file, "utf8");
const params = ["exports", "require", "module", "__filename", "__dirname"];
let fn;
try {
  vm.compileFunction(src, params, { filename: file });
} catch (e) {
  send({ compile: describe(e).t + ": " + describe(e).m });
  exit(3);
}
// The tests' setup code runs in the referee only (its declarations would clash with the solution's names).
fn = vm.compileFunction(src + "\n;return function (__rk_n) { return eval(__rk_n); };", params, { filename: file });
process.on("uncaughtException", (e) => {
  send({ error: describe(e) });
  exit(1);
});
const mod = { exports: {}, id: file, filename: file, loaded: false };
try {
  resolve = fn.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  if (typeof resolve !== "function") resolve = () => undefined;
} catch (e) {
  send({ error: describe(e) });
  exit(1);
}
send({ ready: true });
serve();
`;
