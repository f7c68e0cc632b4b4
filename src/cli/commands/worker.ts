import type { Command } from "commander";
import { startQueueWorker } from "../../queue/worker.ts";
import { positiveInt } from "../flags.ts";

/**
 * Registers `rewardkit worker --queue redis://… [--shards N] [--workers N]`: scores shards of queued runs until
 * SIGTERM/SIGINT, then finishes the shards in hand and exits.
 * @example rewardkit worker --queue redis://127.0.0.1:6379 --shards 2
 */
export function register(program: Command): void {
  program
    .command("worker")
    .description("score shards from a Redis queue (runs submitted with `rewardkit score --queue`)")
    .requiredOption("--queue <url>", "Redis URL, e.g. redis://127.0.0.1:6379")
    .option("--queue-name <name>", "queue name", "rewardkit")
    .option("--shards <n>", "shards scored at once by this process", positiveInt("--shards"), 1)
    .option("--workers <n>", "worker threads for isolated rewards", positiveInt("--workers"))
    .option(
      "--lock-ms <n>",
      "lock on an active shard; lapses when this process dies",
      positiveInt("--lock-ms"),
    )
    .option("--stalled-ms <n>", "how often lapsed shards are sent back to wait", positiveInt("--stalled-ms"))
    .option("--max-stalled <n>", "stalls allowed per shard before it fails", positiveInt("--max-stalled"), 3)
    .option(
      "--rate-max <n>",
      "global limit: shards started per --rate-ms, all workers",
      positiveInt("--rate-max"),
    )
    .option("--rate-ms <n>", "window of --rate-max (ms)", positiveInt("--rate-ms"), 1000)
    .option("--no-shared-cache", "do not share judge answers through the queue's Redis")
    .action(async (o) => {
      const w = await startQueueWorker({
        url: o.queue,
        name: o.queueName,
        shards: o.shards,
        ...(o.workers ? { poolSize: o.workers } : {}),
        ...(o.lockMs ? { lockDurationMs: o.lockMs } : {}),
        ...(o.stalledMs ? { stalledIntervalMs: o.stalledMs } : {}),
        maxStalledCount: o.maxStalled,
        sharedJudgeCache: o.sharedCache,
        ...(o.rateMax ? { limiter: { max: o.rateMax, durationMs: o.rateMs } } : {}),
      });
      process.stderr.write(`worker ready on ${o.queue} (queue ${o.queueName})\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGTERM", stop);
        process.once("SIGINT", stop);
      });
      await w.close();
    });
}
