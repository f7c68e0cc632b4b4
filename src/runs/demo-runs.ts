import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultRegistry } from "../builtins.ts";
import { scoreDataset } from "../io/score-dataset.ts";
import { compileSpec, type CompiledSpec } from "../spec/spec.ts";
import { assignAdvantages } from "./advantages.ts";
import { recordScoredFile } from "./record-scored.ts";
import { rescoreRun } from "./rescore.ts";
import { RunStore } from "./store.ts";
import { SYNTHETIC_COMPONENTS, syntheticRun } from "./synthetic.ts";

/** The second spec the demo re-scores with: the exact-answer check without the format gate. */
export const NO_GATE_SPEC = {
  name: "no-format-gate",
  reward: { kind: "text.exact", name: "correct", from: "answer_tag" },
};

/**
 * Builds the demo runs under `dir` (replacing nothing: `dir` must not exist): `arithmetic` — the embedded demo
 * scored with its spec, GRPO advantages, re-scored without the format gate; `baseline` and `length-hack` —
 * synthetic GRPO runs (30 steps × 32 prompts × 8) where the second learns to pad its answers for a
 * length-loving judge from step 15; both re-scored with the demo spec.
 * @example await buildDemoRuns("runs/demo", demoSpec, "examples/demo/rollouts.jsonl")
 */
export async function buildDemoRuns(dir: string, spec: CompiledSpec, rollouts: string): Promise<string[]> {
  if (existsSync(dir)) throw new Error(`${dir}: already exists`);
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const scored = join(tmpdir(), `rewardkit-demo-${process.pid}-${Date.now()}.jsonl`);
    await scoreDataset({ reward: spec.reward, input: rollouts, output: scored });
    await recordScoredFile(join(tmp, "arithmetic"), scored, { spec: spec.spec, step: 0, source: "demo" });
    rmSync(scored, { force: true });
    const noGate = compileSpec(NO_GATE_SPEC, { registry: defaultRegistry });
    let run = RunStore.open(join(tmp, "arithmetic"));
    run.setMeta("name", "arithmetic (embedded demo)");
    assignAdvantages(run, "grpo", {});
    await rescoreRun(run, noGate, { threshold: 0.5 });
    run.close();
    for (const [name, hack] of [
      ["baseline", "none"],
      ["length-hack", "length"],
    ] as const) {
      run = RunStore.create(join(tmp, name), { name, source: "demo" });
      run.db.pragma("synchronous = OFF");
      run.append(syntheticRun({ steps: 30, promptsPerStep: 32, groupSize: 8, seed: 11, hack, hackFrom: 15 }));
      for (const c of SYNTHETIC_COMPONENTS) run.setRole(c.name, c.role, c.weight);
      assignAdvantages(run, "grpo", {});
      await rescoreRun(run, spec, { threshold: 0.5 });
      run.finish();
      run.close();
    }
    renameSync(tmp, dir);
    return ["arithmetic", "baseline", "length-hack"];
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
