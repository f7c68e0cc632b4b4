import type { Command } from "commander";
import { formatRunStatus, listRuns, runStatus } from "../../queue/submit.ts";

/**
 * Registers `rewardkit queue status --queue redis://… [--run ID]`: shards done, failed and pending per run.
 * @example rewardkit queue status --queue redis://127.0.0.1:6379
 */
export function register(program: Command): void {
  const queue = program.command("queue").description("inspect sharded scoring runs");
  queue
    .command("status")
    .description("shards done, failed and pending of each run, with a progress bar")
    .requiredOption("--queue <url>", "Redis URL, e.g. redis://127.0.0.1:6379")
    .option("--queue-name <name>", "queue name", "rewardkit")
    .option("--run <id>", "one run (default: the 20 newest)")
    .option("--json", "print JSON")
    .action(async (o) => {
      const target = { url: o.queue, name: o.queueName };
      const runs = o.run ? [o.run as string] : await listRuns(target);
      const all = [];
      for (const run of runs) {
        const s = await runStatus(target, run);
        if (s) all.push(s);
      }
      if (o.json) process.stdout.write(`${JSON.stringify(all)}\n`);
      else
        process.stdout.write(all.length ? `${all.map((s) => formatRunStatus(s)).join("\n")}\n` : "no runs\n");
      if (o.run && all.length === 0) process.exitCode = 1;
    });
}
