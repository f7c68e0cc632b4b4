import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Runs a module body in a fresh Node process (V8 flags are process-wide) and returns its stdout. */
function inFreshProcess(body: string): string {
  return execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", body], {
    cwd: root,
    encoding: "utf8",
  }).trim();
}

describe("no process-wide state on import", () => {
  it("loading every built-in kind sets no V8 flag; the first linear regex turns its engine on", () => {
    const out = inFreshProcess(`
      const linear = () => { try { new RegExp("a", "l"); return "on"; } catch { return "off"; } };
      const { defaultRegistry } = await import("./src/builtins.ts");
      const { compileSpec } = await import("./src/spec/spec.ts");
      const before = linear();
      const { reward } = compileSpec({ name: "r", reward: { kind: "format.regex", pattern: "^(a+)+$", mode: "full" } }, { registry: defaultRegistry });
      const r = await reward.score({ completion: "aaaa" }, {});
      console.log(before, linear(), r.score);
    `);
    assert.equal(out, "off on 1");
  });
});
