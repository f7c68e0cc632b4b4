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
  /** Exponentially weighted items per second, for `Retry-After`. */
  private rate = 0;
  private readonly maxItems: number;

  constructor(opts: { maxItems: number }) {
    this.maxItems = opts.maxItems;
  }

  /** Whether `n` more items fit (an empty queue always admits one request, whatever its size). */
  admit(n: number): boolean {
    return this.pendingItems === 0 || this.pendingItems + n <= this.maxItems;
  }

  /** Seconds a refused client should wait: the backlog over the recent rate, at least 1. */
  retryAfterSeconds(): number {
    if (this.rate <= 0) return 1;
    return Math.max(1, Math.min(60, Math.ceil(this.pendingItems / this.rate)));
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
          const t0 = performance.now();
          const done = () => {
            this.pendingItems -= n;
            this.pendingJobs--;
            const dt = (performance.now() - t0) / 1000;
            if (n > 0 && dt > 0) {
              const r = n / dt;
              this.rate = this.rate === 0 ? r : 0.8 * this.rate + 0.2 * r;
            }
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
