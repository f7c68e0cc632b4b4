import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunStore } from "../../src/runs/store.ts";
import { SYNTHETIC_COMPONENTS, type SyntheticRunOptions, syntheticRun } from "../../src/runs/synthetic.ts";

/** A fresh temporary directory. */
export const tempDir = (prefix = "rk-runs-") => mkdtempSync(join(tmpdir(), prefix));

/** A synthetic run stored with its components' weights and roles. */
export function storedSynthetic(o: SyntheticRunOptions, dir = join(tempDir(), "run")): RunStore {
  const run = RunStore.create(dir);
  run.append(syntheticRun(o));
  for (const c of SYNTHETIC_COMPONENTS) run.setRole(c.name, c.role, c.weight);
  run.finish();
  return run;
}
