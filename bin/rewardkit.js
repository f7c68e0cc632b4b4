#!/usr/bin/env node
// Runs the compiled CLI; from a source checkout without a build, falls back to the TypeScript sources.
import { existsSync } from "node:fs";

const dist = new URL("../dist/cli/main.js", import.meta.url);
let mod;
if (existsSync(dist)) {
  mod = await import(dist.href);
} else {
  const { tsImport } = await import("tsx/esm/api");
  mod = await tsImport(new URL("../src/cli/main.ts", import.meta.url).href, import.meta.url);
}
process.exit(await mod.main(process.argv));
