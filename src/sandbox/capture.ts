/**
 * Collects a stream's bytes up to a cap and reports when the cap was passed, so a flooding program costs
 * the parent at most `cap` bytes of memory.
 * @example const c = new CappedCapture(1024); c.push(buf); c.text(); c.overflowed;
 */
export class CappedCapture {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  overflowed = false;

  constructor(private readonly cap: number) {}

  /** Adds a chunk; returns false once the cap is passed (the caller then ends the run). */
  push(chunk: Buffer): boolean {
    if (this.overflowed) return false;
    const room = this.cap - this.size;
    if (chunk.length > room) {
      if (room > 0) this.chunks.push(chunk.subarray(0, room));
      this.size = this.cap;
      this.overflowed = true;
      return false;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }

  /** The kept bytes as UTF-8 (a multi-byte character cut by the cap becomes U+FFFD). */
  text(): string {
    return Buffer.concat(this.chunks, this.size).toString("utf8");
  }
}
