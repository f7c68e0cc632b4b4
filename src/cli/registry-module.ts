import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { defaultRegistry } from "../builtins.ts";
import { RewardkitError } from "../core/errors.ts";
import { Registry } from "../spec/registry.ts";

/**
 * Loads a module exporting `registry` (extra reward kinds) by path or URL, for the spec compiler: the
 * built-in kinds plus the module's (the module's definition wins for a kind both have). `url` is the
 * module's URL, which the worker pool loads as is.
 * @example const { registry, url } = await loadRegistryModule("./my-kinds.js"); loadSpecFile("spec.yaml", registry);
 */
export async function loadRegistryModule(ref: string): Promise<{ registry: Registry; url: string }> {
  const url =
    /^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^[a-z]:[\\/]/i.test(ref) ? ref : pathToFileURL(resolve(ref)).href;
  const fail = (message: string) =>
    new RewardkitError("E_FLAG_INVALID", [{ path: `--registry-module ${ref}`, message }]);
  if (url.startsWith("file:") && !existsSync(new URL(url))) throw fail("no such file");
  let mod: { registry?: unknown };
  try {
    mod = (await import(url)) as { registry?: unknown };
  } catch (e) {
    throw fail(`cannot be loaded: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!(mod.registry instanceof Registry)) throw fail("does not export `registry` (a Registry)");
  const merged = new Registry();
  const own = new Set(mod.registry.list().map((d) => d.kind));
  merged.add(...defaultRegistry.list().filter((d) => !own.has(d.kind)), ...mod.registry.list());
  return { registry: merged, url };
}
