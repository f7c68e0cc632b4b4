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
  // The only module that sets a V8 flag (grep setFlagsFromString) is loaded alone, to keep the process cheap.
  it("loading format.regex sets no V8 flag; the first linear regex turns its engine on", () => {
    const out = inFreshProcess(`
      const linear = () => { try { new RegExp("a", "l"); return "on"; } catch { return "off"; } };
      const { compileUserRegex } = await import("./src/verifiers/format/regex.ts");
      const before = linear();
      const re = compileUserRegex("(a+)+", "", "linear", "full");
      console.log(before, linear(), re.test("aaaa"));
    `);
    assert.equal(out, "off on true");
  });
});
