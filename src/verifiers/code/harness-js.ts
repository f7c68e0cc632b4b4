/**
 * The JavaScript (CommonJS, Node) test harness that runs inside the sandbox next to `solution.js`; the same
 * protocol as the Python harness. The solution runs as a CommonJS module body; in assertion mode each test
 * runs as an async closure inside that body (so it sees the solution's declarations) with `assert` in scope.
 * @example files["harness.js"] = JS_HARNESS
 */
export const JS_HARNESS = String.raw`"use strict";
const fs = require("fs");
const vm = require("vm");
const path = require("path");
const assert = require("assert");
const { createRequire } = require("module");
const cfg = JSON.parse(fs.readFileSync("rk_config.json", "utf8"));
fs.unlinkSync("rk_config.json");
const tag = "@@RK:" + cfg.nonce + ":";
function emit(event, data) {
  try {
    fs.writeSync(2, "\n" + tag + event + ":" + JSON.stringify(data) + "\n");
  } catch {}
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
const file = path.resolve(cfg.solution);
const src = fs.readFileSync(file, "utf8");
const params = ["exports", "require", "module", "__filename", "__dirname", "assert"];
let fn;
try {
  fn = vm.compileFunction(src, params, { filename: file });
} catch (e) {
  emit("compile", { message: describe(e) });
  process.exit(3);
}
if (cfg.mode === "assert") {
  const tests = cfg.tests.map((t) => "async () => {\n" + t + "\n}").join(",\n");
  const setup = cfg.setup ? "\n;" + cfg.setup : "";
  try {
    fn = vm.compileFunction(src + setup + "\n;return [" + tests + "];", params, { filename: file });
  } catch (e) {
    emit("error", { kind: "invalid_tests", message: describe(e) });
    process.exit(4);
  }
}
process.on("uncaughtException", (e) => {
  emit("error", { kind: "runtime", message: describe(e) });
  process.exit(1);
});
process.on("unhandledRejection", (e) => {
  emit("error", { kind: "runtime", message: describe(e) });
  process.exit(1);
});
const mod = { exports: {}, id: file, filename: file, loaded: false };
emit("start", {});
let closures;
try {
  closures = fn.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file), assert);
} catch (e) {
  emit("error", { kind: "runtime", message: describe(e) });
  process.exit(1);
}
if (cfg.mode === "assert") {
  (async () => {
    for (let i = 0; i < closures.length; i++) {
      try {
        await closures[i]();
        emit("test", { i, ok: true });
      } catch (e) {
        const wrong = e instanceof assert.AssertionError;
        emit("test", { i, ok: false, kind: wrong ? "wrong_answer" : "runtime", message: describe(e) });
      }
    }
    emit("done", {});
    process.exit(0);
  })();
}
`;
