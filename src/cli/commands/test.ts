import type { Command } from "commander";
import { treeNeeds } from "../../core/reward.ts";
import { Runtime } from "../../runtime/runtime.ts";
import { runExamples } from "../../spec/examples.ts";
import { loadSpecFile } from "../../runtime/spec-file.ts";

/** Registers `rewardkit test S`: runs the spec's own examples; exit 1 on any failure. */
export function register(program: Command): void {
  program
    .command("test")
    .description(
      "run a spec's examples; prints each failure with expected vs actual and `N passed, N failed`",
    )
    .argument("<spec>", "reward spec (YAML or JSON)")
    .action(async (specPath: string) => {
      const compiled = loadSpecFile(specPath);
      const runtime = await Runtime.start({ isolation: treeNeeds(compiled.reward).isolation === true });
      try {
        const outcomes = await runExamples(compiled, runtime.executor ? { executor: runtime.executor } : {});
        for (const o of outcomes) {
          if (o.passed) process.stdout.write(`ok   ${o.name}\n`);
          else {
            process.stdout.write(`FAIL ${o.name}\n`);
            for (const p of o.problems) process.stdout.write(`     ${p}\n`);
          }
        }
        const failed = outcomes.filter((o) => !o.passed).length;
        if (!outcomes.length) process.stdout.write("the spec has no examples\n");
        process.stdout.write(`${outcomes.length - failed} passed, ${failed} failed\n`);
        if (failed) process.exitCode = 1;
      } finally {
        await runtime.close();
      }
    });
}
