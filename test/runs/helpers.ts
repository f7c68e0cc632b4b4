import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { RunStore } from "../../src/runs/store.ts";
import { SYNTHETIC_COMPONENTS, type SyntheticRunOptions, syntheticRun } from "../../src/runs/synthetic.ts";

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary directory, removed when the test file ends. */
export const tempDir = (prefix = "rk-runs-") => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
};

/** A synthetic run stored with its components' weights and roles. */
export function storedSynthetic(o: SyntheticRunOptions, dir = join(tempDir(), "run")): RunStore {
  const run = RunStore.create(dir);
  run.append(syntheticRun(o));
  for (const c of SYNTHETIC_COMPONENTS) run.setRole(c.name, c.role, c.weight);
  run.finish();
  return run;
}
