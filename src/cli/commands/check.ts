import type { Command } from "commander";
import { describeReward, treeNeeds } from "../../core/reward.ts";
import { formatMasterKeyReport, probeMasterKeys } from "../../judges/master-keys.ts";
import { lintSpec } from "../../spec/lint.ts";
import { loadSpecFile } from "../../runtime/spec-file.ts";

/** Registers `rewardkit check S`: validates (exit 2 with path and reason), prints the composition and warnings. */
export function register(program: Command): void {
  program
    .command("check")
    .description("validate a spec and warn about shapes that invite reward hacking or hangs")
    .argument("<spec>", "reward spec (YAML or JSON)")
    .option(
      "--no-probe-judges",
      "skip the master-key probes of the judges in the spec (they call the judge endpoints)",
    )
    .option(
      "--estimator <name>",
      "the advantage estimator the reward feeds (grpo, rloo, gae, ...), for the shaping lint",
    )
    .action(async (specPath: string, f: { probeJudges: boolean; estimator?: string }) => {
      const { spec, reward } = loadSpecFile(specPath);
      process.stdout.write(`${spec.name}: valid\n${describeReward(reward)}\n`);
      const warnings = lintSpec(spec.reward, "reward", f.estimator ? { estimator: f.estimator } : {});
      for (const w of warnings) process.stdout.write(`warning: ${w.path}: ${w.message}\n`);
      let count = warnings.length;
      if (f.probeJudges && treeNeeds(reward).network) {
        // Judges that score a content-free answer ("Thought process:") above their floor can be hacked.
        const report = await probeMasterKeys(reward, {});
        for (const line of formatMasterKeyReport(report)) process.stdout.write(`${line}\n`);
        count += report.warnings.length + report.errors.length;
      }
      process.stdout.write(`${count} warning(s)\n`);
    });
}
