/**
 * An open-addressing hash table from non-negative 30-bit integers to insertion ids, reused across calls so
 * hot loops allocate nothing (a Map of numbers allocates per entry and dominates short-text costs).
 * @example const t = new IntTable(); t.reset(16); t.intern(7) // 0; t.intern(9) // 1; t.intern(7) // 0
 */
export class IntTable {
  private keys = new Int32Array(1024);
  private ids = new Int32Array(1024);
  private mask = 1023;
  size = 0;

  /** Empties the table, sized for about `expected` distinct keys. */
  reset(expected: number): void {
    let cap = 1024;
    while (cap < expected * 2) cap <<= 1;
    if (cap > this.keys.length) {
      this.keys = new Int32Array(cap);
      this.ids = new Int32Array(cap);
    } else this.keys.fill(0, 0, cap);
    this.mask = cap - 1;
    this.size = 0;
  }

  /** The id of `key` (0, 1, 2, ... in order of first appearance). `key` must be in [0, 2^30). */
  intern(key: number): number {
    const stored = key + 1;
    let i = Math.imul(key, 0x9e3779b1) & this.mask;
    for (;;) {
      const k = this.keys[i]!;
      if (k === stored) return this.ids[i]!;
      if (k === 0) {
        this.keys[i] = stored;
        this.ids[i] = this.size;
        return this.size++;
      }
      i = (i + 1) & this.mask;
    }
  }
}
