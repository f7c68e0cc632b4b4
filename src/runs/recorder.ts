import type { RewardResult, Rollout } from "../core/types.ts";
import type { RewardSpec } from "../spec/spec.ts";
import { fromScoredRow, type RunRecord } from "./record.ts";
import { RunStore } from "./store.ts";

/** Options of `RunRecorder`. */
export interface RecorderOptions {
  /** Rollouts held in memory before new ones are dropped (and counted). Default 65,536. */
  maxQueued?: number;
  /** How often the queue is written, ms. Default 250. */
  flushMs?: number;
  spec?: RewardSpec;
}

/**
 * Records what a reward server scores into a run, off the hot path: `record()` only pushes onto a bounded
 * in-memory queue (dropping, and counting, what does not fit); a timer writes the queue in one transaction.
 * Scoring never waits on the disk.
 * @example const rec = new RunRecorder("runs/live", { spec }); rec.record(rollouts, results, 42); await rec.close();
 */
export class RunRecorder {
  private queue: RunRecord[] = [];
  private timer: NodeJS.Timeout;
  private run: RunStore;
  private readonly max: number;
  private index = 0;
  /** Rollouts dropped because the queue was full. */
  dropped = 0;
  /** Rollouts written. */
  written = 0;

  constructor(dir: string, o: RecorderOptions = {}) {
    this.run = RunStore.create(dir, { source: "serve", indexed: true });
    if (o.spec) this.run.setSpec(o.spec);
    this.max = o.maxQueued ?? 65_536;
    this.timer = setInterval(() => this.flush(), o.flushMs ?? 250);
    this.timer.unref();
  }

  /** Queues scored rollouts (never throws, never blocks); `latencyMs` is the request's scoring time per rollout. */
  record(
    rollouts: readonly Rollout[],
    results: readonly RewardResult[],
    step?: number,
    latencyMs?: number,
  ): void {
    for (let i = 0; i < rollouts.length; i++) {
      if (this.queue.length >= this.max) {
        this.dropped += rollouts.length - i;
        return;
      }
      const r = rollouts[i]!;
      this.queue.push(
        fromScoredRow({ ...r, reward: results[i] } as unknown as Record<string, unknown>, {
          index: this.index++,
          ...(step !== undefined ? { step } : {}),
          ...(latencyMs !== undefined ? { latencyMs } : {}),
        }),
      );
    }
  }

  /** Writes what is queued now. */
  flush(): void {
    if (!this.queue.length) return;
    const batch = this.queue;
    this.queue = [];
    try {
      this.run.append(batch);
      this.written += batch.length;
    } catch (e) {
      this.dropped += batch.length;
      process.stderr.write(`run recorder: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }

  /** Flushes and closes the run. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.flush();
    if (this.dropped) this.run.setMeta("dropped", String(this.dropped));
    this.run.close();
  }
}
