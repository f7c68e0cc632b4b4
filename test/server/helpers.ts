import { type ServeOptions, startServer } from "../../src/server/serve.ts";
import { parseSpecText } from "../../src/spec/parse.ts";
import type { Registry } from "../../src/spec/registry.ts";
import { type CompiledSpec, compileSpec } from "../../src/spec/spec.ts";
import { defaultRegistry } from "../../src/builtins.ts";
import { testKinds } from "./fixtures/kinds.ts";

/** Built-in kinds plus the misbehaving test kinds. */
export const testRegistry: Registry = defaultRegistry.clone().add(...testKinds);

/** URL of the fixture module the pool's workers load. */
export const fixtureRegistryModule = new URL("./fixtures/kinds.ts", import.meta.url).href;

/** Compiles YAML spec text against the test registry (built-ins plus the misbehaving kinds). */
export function spec(yaml: string, registry: Registry = testRegistry): CompiledSpec {
  return compileSpec(parseSpecText(yaml), { registry });
}

/** The spec most server tests serve: `demo` = text.exact (`correct`) + 0.5 · format.tags (`format`). */
export function demoSpec(): CompiledSpec {
  return spec(`
name: demo
reward:
  kind: sum
  terms:
    - {kind: text.exact, name: correct}
    - {kind: format.tags, name: format, weight: 0.5}
`);
}

/** Starts a real server on 127.0.0.1 with a free port, quiet, without signal handlers. */
export function listen(opts: Omit<ServeOptions, "host" | "port">) {
  return startServer({
    host: "127.0.0.1",
    port: 0,
    handleSignals: false,
    log: () => {},
    accessLog: false,
    workers: 0,
    ...opts,
  });
}

/** POSTs JSON text (or a value, stringified) and returns status, headers and the body text. */
export async function post(base: string, path: string, body: unknown, init: RequestInit = {}) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(init.headers ?? {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
