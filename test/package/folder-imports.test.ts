// The stage folders of src/ import each other in one direction only: a folder never imports one that (directly
// or through others) imports it back. Type-only imports are left out (they do not run).
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const src = fileURLToPath(new URL("../../src", import.meta.url));

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

/** Top-level folder of a source file under src/, or null for files at the root (index.ts, builtins.ts). */
function folderOf(file: string): string | null {
  const parts = relative(src, file).split("/");
  return parts.length > 1 ? parts[0]! : null;
}

/** Folder → folders it imports at run time, with one example import per edge. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sources(src)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^(import|export)\s([^;]*?)\sfrom\s+"(\.[^"]+)"/gms)) {
      if (/^type\s/.test(m[2]!)) continue;
      const target = resolve(dirname(file), m[3]!);
      const a = folderOf(file);
      const b = folderOf(target);
      if (!a || !b || a === b) continue;
      if (!graph.has(a)) graph.set(a, new Map());
      graph.get(a)!.set(b, `${relative(src, file)} → ${relative(src, target)}`);
    }
  }
  return graph;
}

/** Every pair of folders that reach each other, with the import that closes the loop. */
function cycles(graph: Map<string, Map<string, string>>): string[] {
  const reach = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const v = stack.pop()!;
      if (v === to) return true;
      if (seen.has(v)) continue;
      seen.add(v);
      for (const w of graph.get(v)?.keys() ?? []) stack.push(w);
    }
    return false;
  };
  const out: string[] = [];
  for (const [a, targets] of graph) {
    for (const [b, example] of targets) if (reach(b, a)) out.push(`${a} → ${b} (${example})`);
  }
  return out;
}

describe("folder imports", () => {
  it("no folder of src/ imports one that imports it back", () => {
    const graph = folderGraph();
    assert.ok(graph.get("cli")?.has("core"), "the scan sees cli → core");
    assert.deepEqual(cycles(graph), []);
  });
});
