/** Why a wait for a slot ended early: the caller's signal or deadline fired. */
export class AbortedError extends Error {
  constructor(message = "aborted") {
    super(message);
    this.name = "AbortedError";
  }
}

/** Limits of one backend: parallel requests, requests per minute, tokens per minute (0 = unlimited). */
export interface Limits {
  concurrency: number;
  rpm: number;
  tpm: number;
}

interface Waiter {
  tokens: number;
  resolve: () => void;
  reject: (e: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * A per-backend gate: at most `concurrency` requests in flight and token buckets for requests and tokens per
 * minute. Waiters are served first-in first-out so a large request is not starved by small ones.
 * @example
 * const lim = new Limiter({ concurrency: 8, rpm: 600, tpm: 0 });
 * const release = await lim.acquire(120, signal); try { await call(); } finally { release(); }
 */
export class Limiter {
  private inFlight = 0;
  private reqBucket: number;
  private tokBucket: number;
  private last = Date.now();
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly limits: Limits) {
    this.reqBucket = Math.max(limits.rpm, 0);
    this.tokBucket = Math.max(limits.tpm, 0);
  }

  /** Requests currently holding a slot. */
  get active(): number {
    return this.inFlight;
  }

  /** Waits for a slot (and budget for `tokens` estimated tokens); resolves to a release function. */
  acquire(tokens: number, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    return new Promise<() => void>((resolve, reject) => {
      const w: Waiter = {
        tokens,
        resolve: () => resolve(this.releaser()),
        reject,
        signal,
        onAbort: () => {
          const i = this.queue.indexOf(w);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new AbortedError());
          this.pump();
        },
      };
      signal?.addEventListener("abort", w.onAbort, { once: true });
      this.queue.push(w);
      this.pump();
    });
  }

  /** Reconciles the token bucket once the real usage is known (estimate was charged up front). */
  settleTokens(estimated: number, actual: number): void {
    if (this.limits.tpm > 0) this.tokBucket += estimated - actual;
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight--;
      this.pump();
    };
  }

  private refill(): void {
    const now = Date.now();
    const dt = (now - this.last) / 60_000;
    this.last = now;
    const { rpm, tpm } = this.limits;
    if (rpm > 0) this.reqBucket = Math.min(rpm, this.reqBucket + dt * rpm);
    if (tpm > 0) this.tokBucket = Math.min(tpm, this.tokBucket + dt * tpm);
  }

  private pump(): void {
    this.refill();
    const { concurrency, rpm, tpm } = this.limits;
    while (this.queue.length > 0) {
      const w = this.queue[0]!;
      if (concurrency > 0 && this.inFlight >= concurrency) return;
      if (rpm > 0 && this.reqBucket < 1) {
        this.wake((1 - this.reqBucket) / rpm);
        return;
      }
      // A request larger than the whole per-minute budget may go once the bucket is full.
      const need = tpm > 0 ? Math.min(w.tokens, tpm) : 0;
      if (tpm > 0 && this.tokBucket < need) {
        this.wake((need - this.tokBucket) / tpm);
        return;
      }
      this.queue.shift();
      w.signal?.removeEventListener("abort", w.onAbort);
      this.inFlight++;
      if (rpm > 0) this.reqBucket -= 1;
      if (tpm > 0) this.tokBucket -= w.tokens;
      w.resolve();
    }
  }

  /** Schedules one pump after `minutes`; keeps at most one timer (it holds the process open on purpose: work is waiting). */
  private wake(minutes: number): void {
    if (this.timer) return;
    const ms = Math.max(1, Math.ceil(minutes * 60_000));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, ms);
  }
}
