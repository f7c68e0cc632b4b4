#!/usr/bin/env node
// Runs the compiled CLI. In a source checkout, runs the TypeScript sources instead whenever dist/ is missing or
// older than any file under src/, so the command never runs stale code.
import { existsSync, readdirSync, statSync } from "node:fs";

const dist = new URL("../dist/cli/main.js", import.meta.url);
const src = new URL("../src/", import.meta.url);

/** The newest modification time under a directory (ms). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = new URL(e.name + (e.isDirectory() ? "/" : ""), dir);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const distFresh = existsSync(dist) && (!existsSync(src) || statSync(dist).mtimeMs >= newest(src));
let mod;
if (distFresh) {
  mod = await import(dist.href);
} else {
  const { tsImport } = await import("tsx/esm/api");
  mod = await tsImport(new URL("../src/cli/main.ts", import.meta.url).href, import.meta.url);
}
process.exit(await mod.main(process.argv));
