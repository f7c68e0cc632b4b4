import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { defaultRegistry } from "../builtins.ts";
import { RewardkitError } from "../core/errors.ts";
import { parseSpecText } from "../spec/parse.ts";
import type { Registry } from "../spec/registry.ts";
import { type CompiledSpec, compileSpec } from "../spec/spec.ts";

/**
 * Reads and compiles a spec file (YAML or JSON); files the spec names are read relative to it.
 * @example const { reward, spec } = loadSpecFile("examples/demo/spec.yaml");
 */
export function loadSpecFile(path: string, registry: Registry = defaultRegistry): CompiledSpec {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new RewardkitError("E_IO", [{ path, message: e instanceof Error ? e.message : String(e) }]);
  }
  return compileSpec(parseSpecText(text, path), {
    registry,
    load: (f) => readFileSync(resolve(dirname(path), f), "utf8"),
  });
}
