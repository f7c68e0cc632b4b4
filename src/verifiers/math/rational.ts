/**
 * Exact rationals over BigInt: the first and decisive arithmetic of math answer checking, so that
 * `1/2^99` and `1/2^98` stay different (no epsilon on exact values).
 */
import { RewardFailure } from "../../core/result.ts";

/** Largest bit length an intermediate exact value may reach before the check is refused as too big. */
export const MAX_EXACT_BITS = 1 << 16;

function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  if (n === 0n) return 0;
  const h = n.toString(16);
  return (h.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(h[0]!, 16)));
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * An exact rational number `num/den` in lowest terms with `den > 0`.
 * @example Rat.of(1n, 3n).add(Rat.of(1n, 6n)).toString() // "1/2"
 */
export class Rat {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Rat(0n, 1n);
  static readonly ONE = new Rat(1n, 1n);

  /** Builds `n/d` in lowest terms; `d` must not be 0. */
  static of(n: bigint, d = 1n): Rat {
    if (d === 0n) throw new RangeError("division by zero");
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d);
    const r = g > 1n ? new Rat(n / g, d / g) : new Rat(n, d);
    if (bitLength(r.num) > MAX_EXACT_BITS || bitLength(r.den) > MAX_EXACT_BITS) {
      throw new RewardFailure("resource", `exact value exceeds ${MAX_EXACT_BITS} bits`);
    }
    return r;
  }

  /** Parses a decimal literal such as `12`, `-0.25`, `.5` exactly. */
  static parseDecimal(s: string): Rat | null {
    const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s);
    if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
    const frac = m[3] ?? "";
    const n = BigInt((m[2] || "0") + frac) * (m[1] ? -1n : 1n);
    return Rat.of(n, 10n ** BigInt(frac.length));
  }

  add(o: Rat): Rat {
    return Rat.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rat): Rat {
    return Rat.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rat): Rat {
    return Rat.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rat): Rat {
    return Rat.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rat {
    return new Rat(-this.num, this.den);
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  isInteger(): boolean {
    return this.den === 1n;
  }
  sign(): number {
    return this.num === 0n ? 0 : this.num < 0n ? -1 : 1;
  }
  eq(o: Rat): boolean {
    return this.num === o.num && this.den === o.den;
  }
  cmp(o: Rat): number {
    const d = this.num * o.den - o.num * this.den;
    return d === 0n ? 0 : d < 0n ? -1 : 1;
  }

  /** Integer power; refuses results above the exact-size budget before computing them. */
  pow(e: bigint): Rat {
    if (e === 0n) return Rat.ONE;
    if (e < 0n) return Rat.ONE.div(this.pow(-e));
    if ((this.num === 1n || this.num === -1n || this.num === 0n) && this.den === 1n) {
      return this.num === -1n && e % 2n === 1n ? this : this.num === 0n ? Rat.ZERO : Rat.ONE;
    }
    const bits = Math.max(bitLength(this.num), bitLength(this.den));
    if (Number(e) * Math.max(1, bits - 1) > MAX_EXACT_BITS) {
      throw new RewardFailure("resource", `power too large to evaluate exactly (${bits} bits ^ ${e})`);
    }
    return Rat.of(this.num ** e, this.den ** e);
  }

  /** Exact rational square root when both parts are perfect squares, else null. */
  sqrt(): Rat | null {
    if (this.num < 0n) return null;
    const a = isqrt(this.num);
    const b = isqrt(this.den);
    return a * a === this.num && b * b === this.den ? Rat.of(a, b) : null;
  }

  /** Rounds half away from zero to `digits` decimals (exactly). */
  round(digits: number): Rat {
    const scale = 10n ** BigInt(Math.max(0, digits));
    const scaled = this.num * scale;
    const twice = (2n * (scaled < 0n ? -scaled : scaled) + this.den) / (2n * this.den);
    return Rat.of(scaled < 0n ? -twice : twice, scale);
  }

  /** Nearest double (may be 0 or Infinity for extreme magnitudes; callers needing exactness do not use it). */
  toNumber(): number {
    const n = Number(this.num);
    const d = Number(this.den);
    if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
    // Scale both down to keep the ratio when either side overflows a double.
    const shift = BigInt(Math.max(bitLength(this.num), bitLength(this.den)) - 1000);
    const s = shift > 0n ? shift : 0n;
    return Number(this.num >> s) / Number(this.den >> s);
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  if (x === 0n) x = 1n;
  // Newton steps from a double estimate; converges in a few iterations even for large n.
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) {
      if (x * x > n) x -= 1n;
      else if ((x + 1n) * (x + 1n) <= n) x += 1n;
      else return x;
    } else x = y;
  }
}
