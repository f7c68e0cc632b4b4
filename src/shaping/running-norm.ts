import { createHash } from "node:crypto";
import { completionText, promptText } from "../core/text.ts";
import type { Rollout } from "../core/types.ts";

/** A snapshot of running statistics, enough to restore them (e.g. frozen for evaluation). */
export interface RunningSnapshot {
  count: number;
  mean: number;
  /** Sum of squared deviations (Welford's M2). */
  m2: number;
}

/**
 * Running mean/std normalisation state with Welford updates. A rollout is counted once: updates are keyed by a
 * content hash, so a repeated identical request leaves the statistics unchanged. Frozen state never updates
 * (evaluation). The remembered hashes are bounded (oldest forgotten first).
 * @example const s = new RunningNorm(); s.observe("a", 1); s.observe("b", 3); s.normalize(3) // (3 − 2)/(√2 + 1e-8)
 */
export class RunningNorm {
  count = 0;
  mean = 0;
  m2 = 0;
  frozen = false;
  private readonly seen = new Set<string>();

  constructor(
    init?: Partial<RunningSnapshot>,
    private readonly opts: { eps?: number; capacity?: number } = {},
  ) {
    if (init) this.restore(init);
  }

  /** Counts `x` under `key` unless frozen or already counted; returns whether it was counted. */
  observe(key: string, x: number): boolean {
    if (this.frozen || this.seen.has(key) || !Number.isFinite(x)) return false;
    this.seen.add(key);
    if (this.seen.size > (this.opts.capacity ?? 100_000)) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    this.count++;
    const d = x - this.mean;
    this.mean += d / this.count;
    this.m2 += d * (x - this.mean);
    return true;
  }

  /** The unbiased running std (0 before two values). */
  std(): number {
    return this.count > 1 ? Math.sqrt(this.m2 / (this.count - 1)) : 0;
  }

  /** (x − mean)/(std + eps); with fewer than two values only the mean is subtracted. */
  normalize(x: number): number {
    if (this.count === 0) return x;
    if (this.count < 2) return x - this.mean;
    return (x - this.mean) / (this.std() + (this.opts.eps ?? 1e-8));
  }

  snapshot(): RunningSnapshot {
    return { count: this.count, mean: this.mean, m2: this.m2 };
  }

  restore(s: Partial<RunningSnapshot>): void {
    this.count = s.count ?? 0;
    this.mean = s.mean ?? 0;
    this.m2 = s.m2 ?? 0;
  }
}

/**
 * The content hash that identifies a request for running statistics: prompt, completion, reference, group, id and
 * the raw score, so an identical repeat is recognised and a changed rollout is not.
 * @example rolloutKey({ completion: "4" }, 1).length // 40
 */
export function rolloutKey(r: Rollout, score: number): string {
  const h = createHash("sha1");
  h.update(
    JSON.stringify([promptText(r), completionText(r), r.reference ?? null, r.group ?? null, r.id ?? null]),
  );
  h.update(`|${score}`);
  return h.digest("hex");
}
