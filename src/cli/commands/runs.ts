import { type Command, InvalidArgumentError, Option } from "commander";
import { RewardkitError } from "../../core/errors.ts";
import { runAlarms } from "../../runs/alarms/index.ts";
import { loadColumns } from "../../runs/columns.ts";
import { IMPORT_FORMATS, type ImportFormat, importRun } from "../../runs/import/index.ts";
import { rescoreRun } from "../../runs/rescore.ts";
import { RunStore } from "../../runs/store.ts";
import { treeNeeds } from "../../core/reward.ts";
import { Runtime } from "../../runtime/runtime.ts";
import { loadSpecFile } from "../../runtime/spec-file.ts";

const list = (v: string) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const number = (name: string) => (v: string) => {
  const x = Number(v);
  if (!Number.isFinite(x)) throw new InvalidArgumentError(`${name} must be a number, got "${v}"`);
  return x;
};

function openRun(dir: string): RunStore {
  if (!RunStore.isRun(dir))
    throw new RewardkitError("E_FLAG_INVALID", [
      { path: dir, message: "not a run directory (no run.sqlite)" },
    ]);
  return RunStore.open(dir);
}

/** Registers `rewardkit runs import|alarms|rescore|info`. */
export function register(program: Command): void {
  const runs = program.command("runs").description("run stores: import trainer dumps, monitor, re-score");

  runs
    .command("import <from>")
    .description(
      "import TRL completions_*.parquet, verl rollout_data_dir JSONL or OpenRLHF-style JSONL into a run",
    )
    .requiredOption("--out <dir>", "new run directory")
    .addOption(new Option("--format <name>", "source format (default: detected)").choices(IMPORT_FORMATS))
    .option("--name <name>", "run name")
    .option("--model-components <list>", "components that come from a reward model or judge", list)
    .action(
      async (
        from: string,
        f: { out: string; format?: ImportFormat; name?: string; modelComponents?: string[] },
      ) => {
        const r = await importRun(from, f.out, {
          ...(f.format ? { format: f.format } : {}),
          ...(f.name ? { name: f.name } : {}),
          ...(f.modelComponents ? { modelComponents: f.modelComponents } : {}),
        });
        process.stdout.write(`imported ${r.rows} rollouts (${r.format}) into ${f.out}\n`);
      },
    );

  runs
    .command("alarms <dir>")
    .description("run the reward-hacking monitors over a run and print what they raise, with sample ids")
    .option("--json", "print the alarms as JSON")
    .option("--fail", "exit 1 when any alarm is raised")
    .action((dir: string, f: { json?: boolean; fail?: boolean }) => {
      const run = openRun(dir);
      try {
        const alarms = runAlarms(loadColumns(run));
        if (f.json) process.stdout.write(`${JSON.stringify(alarms)}\n`);
        else if (!alarms.length) process.stdout.write("no alarms\n");
        else
          for (const a of alarms) {
            const steps = a.steps.length > 1 ? `steps ${a.steps[0]}–${a.steps.at(-1)}` : `step ${a.steps[0]}`;
            process.stdout.write(
              `${a.kind}${a.component ? ` [${a.component}]` : ""} (${steps}): ${a.message}\n` +
                `  ${a.sampleCount} sample(s): ${a.samples.slice(0, 10).join(", ")}${a.sampleCount > 10 ? ", …" : ""}\n`,
            );
          }
        if (f.fail && alarms.length) process.exitCode = 1;
      } finally {
        run.close();
      }
    });

  runs
    .command("rescore <dir>")
    .description("re-score a run's rollouts with a second spec: per-sample delta, rank correlation, flips")
    .requiredOption("--spec <file>", "the second spec")
    .option("--threshold <x>", "pass threshold for flips", number("--threshold"), 0.5)
    .option("--name <name>", "name of this re-score (default: the spec's name)")
    .option("--json", "print the summary as JSON")
    .action(async (dir: string, f: { spec: string; threshold: number; name?: string; json?: boolean }) => {
      const compiled = loadSpecFile(f.spec);
      const run = openRun(dir);
      const deadlineMs = compiled.spec.execution?.deadline_ms;
      const runtime = await Runtime.start({
        isolation: treeNeeds(compiled.reward).isolation === true,
        ...(deadlineMs !== undefined ? { deadlineMs } : {}),
      });
      try {
        const s = await rescoreRun(run, compiled, {
          threshold: f.threshold,
          ...(f.name ? { name: f.name } : {}),
          ...(runtime.executor ? { executor: runtime.executor } : {}),
          ...(deadlineMs !== undefined ? { deadlineMs } : {}),
        });
        process.stdout.write(
          f.json
            ? `${JSON.stringify(s)}\n`
            : `rescored ${s.rows} rollouts with ${s.name}: mean ${s.mean_a.toFixed(4)} → ${s.mean_b.toFixed(4)} ` +
                `(Δ ${s.mean_delta.toFixed(4)}), Spearman ρ ${s.spearman.toFixed(4)}, flips across ${s.threshold}: ` +
                `${s.flips_up} up, ${s.flips_down} down; ${s.null_changed} became or stopped being null\n`,
        );
      } finally {
        await runtime.close();
        run.close();
      }
    });

  runs
    .command("info <dir>")
    .description("print a run's size, spec hash and components")
    .action((dir: string) => {
      const run = openRun(dir);
      try {
        const comps = run
          .components()
          .map((c) => `${c.name}${c.weight !== null ? `×${c.weight}` : ""} (${c.role})`);
        process.stdout.write(
          `run ${run.getMeta("name") ?? dir}: ${run.count()} rollouts; source ${run.getMeta("source") ?? "?"}; ` +
            `spec ${run.getMeta("spec_hash")?.slice(0, 12) ?? "none"}\ncomponents: ${comps.join(", ")}\n`,
        );
      } finally {
        run.close();
      }
    });
}
