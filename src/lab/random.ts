import { seededRandom } from "../credit/rng.ts";

/**
 * The lab's seeded random source: uniform, integer, Gaussian and categorical draws from one mulberry32
 * stream, so an experiment cell is reproducible from its seed alone.
 * @example const r = new LabRandom(3); r.int(6) // 0..5, the same on every run
 */
export class LabRandom {
  private readonly u: () => number;
  private spare: number | null = null;
  constructor(seed: number) {
    this.u = seededRandom(seed);
  }
  /** Uniform in [0, 1). */
  next(): number {
    return this.u();
  }
  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.u() * n);
  }
  /** Standard normal (Box–Muller, the second draw kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u1 = Math.max(this.u(), 1e-300);
    const u2 = this.u();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }
  /** An index drawn with probability proportional to `weights` (non-negative, not all zero). */
  categorical(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i]!;
    let x = this.u() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
  /** A new seed derived from this stream, for a child component. */
  fork(): number {
    return Math.floor(this.u() * 2 ** 31);
  }
}

/** Index of the largest value; ties go to a seeded random choice among the maxima so no action is favoured. */
export function argmaxTieRandom(values: ArrayLike<number>, rand: LabRandom): number {
  let best = Number.NEGATIVE_INFINITY;
  let count = 0;
  let pick = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v > best) {
      best = v;
      count = 1;
      pick = i;
    } else if (v === best) {
      count++;
      if (rand.int(count) === 0) pick = i;
    }
  }
  return pick;
}
