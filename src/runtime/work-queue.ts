/**
 * A FIFO of scoring jobs that starts one job per macrotask. Cheap rewards score synchronously, so without
 * this the backlog of an overloaded server would sit unseen in socket buffers and latency would grow without
 * bound; here it sits in a queue we can measure, and `admit` refuses work beyond `maxItems` (503 upstream).
 * @example
 * const q = new WorkQueue({ maxItems: 65536 });
 * if (!q.admit(rollouts.length)) return overloaded(q.retryAfterSeconds());
 * const results = await q.run(rollouts.length, () => scoreBatch(reward, rollouts, opts));
 */
export class WorkQueue {
  private readonly jobs: { n: number; start: () => void }[] = [];
  private scheduled = false;
  /** Items queued or being scored. */
  pendingItems = 0;
  /** Items waiting to start. */
  queuedItems = 0;
  /** Requests queued or being scored. */
  pendingJobs = 0;
  /** Items finished per completion time (ms), over the last `windowMs`: the recent throughput. */
  private readonly finished: { at: number; n: number; start: number }[] = [];
  private readonly windowMs: number;
  /** When the oldest job still running started (ms), for `Retry-After` before any job has finished. */
  private readonly running = new Set<number>();
  private readonly maxItems: number;
  private readonly now: () => number;

  constructor(opts: { maxItems: number; windowMs?: number; now?: () => number }) {
    this.maxItems = opts.maxItems;
    this.windowMs = opts.windowMs ?? 30_000;
    this.now = opts.now ?? (() => performance.now());
  }

  /** Whether `n` more items fit (an empty queue always admits one request, whatever its size). */
  admit(n: number): boolean {
    return this.pendingItems === 0 || this.pendingItems + n <= this.maxItems;
  }

  /**
   * Seconds a refused client should wait: the queued and running items over the recent throughput (items
   * finished in the last `windowMs`, per second), between 1 and 300. Before anything has finished in the
   * window, the age of the oldest running job: that much time has bought less than one job.
   * @example with 30,000 items pending and 1,000 finished per second: 30
   */
  retryAfterSeconds(): number {
    const now = this.now();
    while (this.finished.length && this.finished[0]!.at < now - this.windowMs) this.finished.shift();
    let seconds: number;
    if (this.finished.length) {
      let n = 0;
      let from = now;
      for (const f of this.finished) {
        n += f.n;
        if (f.start < from) from = f.start;
      }
      // The window spans from the start of the earliest job counted in it, at most `windowMs`.
      const span = Math.min(this.windowMs, Math.max(1, now - from)) / 1000;
      seconds = this.pendingItems / (n / span);
    } else {
      const oldest = Math.min(...this.running);
      seconds = Number.isFinite(oldest) ? (now - oldest) / 1000 : 1;
    }
    return Math.max(1, Math.min(300, Math.ceil(seconds)));
  }

  /** Queues a job of `n` items and resolves with its value; a job that throws rejects its own promise only. */
  run<T>(n: number, job: () => T | Promise<T>): Promise<T> {
    this.pendingItems += n;
    this.queuedItems += n;
    this.pendingJobs++;
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({
        n,
        start: () => {
          this.queuedItems -= n;
          const t0 = this.now();
          // Distinct keys for jobs started in the same millisecond.
          let key = t0;
          while (this.running.has(key)) key += 1e-6;
          this.running.add(key);
          const done = () => {
            this.pendingItems -= n;
            this.pendingJobs--;
            this.running.delete(key);
            const at = this.now();
            if (n > 0) this.finished.push({ at, n, start: t0 });
            while (this.finished.length && this.finished[0]!.at < at - this.windowMs) this.finished.shift();
          };
          try {
            const out = job();
            if (out instanceof Promise) {
              out.then(
                (v) => {
                  done();
                  resolve(v);
                },
                (e) => {
                  done();
                  reject(e);
                },
              );
            } else {
              done();
              resolve(out);
            }
          } catch (e) {
            done();
            reject(e);
          }
        },
      });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || !this.jobs.length) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase, so requests that arrived meanwhile are parsed and queued
    // (or refused) before the next job takes the CPU.
    setImmediate(() => {
      this.scheduled = false;
      const j = this.jobs.shift();
      if (j) j.start();
      this.schedule();
    });
  }
}
