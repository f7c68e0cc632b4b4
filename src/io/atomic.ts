import { randomBytes } from "node:crypto";
import { type FileHandle, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * A file written atomically: bytes go to a temporary file beside the target, which is renamed over the
 * target only on `commit()`; `abort()` (or a crash) leaves the target untouched.
 * @example const f = await AtomicFile.open("out.jsonl"); await f.write("{}\n"); await f.commit();
 */
export class AtomicFile {
  private buf: string[] = [];
  private bufLen = 0;
  /** The write in flight: one at a time, so bytes land in order while the caller prepares the next ones. */
  private pending: Promise<unknown> = Promise.resolve();
  private constructor(
    readonly target: string,
    readonly tmp: string,
    private fh: FileHandle,
  ) {}

  static async open(target: string): Promise<AtomicFile> {
    const tmp = join(
      dirname(target),
      `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
    );
    return new AtomicFile(target, tmp, await open(tmp, "wx"));
  }

  /**
   * Buffers text and writes it in large writes (one syscall per ~1 MB, not per row). A write is started, not
   * awaited: it proceeds while the caller scores the next rows, and the next write (or `commit`) waits for it
   * and reports its error.
   */
  async write(text: string): Promise<void> {
    this.buf.push(text);
    this.bufLen += text.length;
    if (this.bufLen >= 1 << 20) await this.flush();
  }

  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.flush();
    await this.pending;
    await this.fh.write(bytes);
  }

  private async flush(): Promise<void> {
    if (!this.buf.length) return;
    const s = this.buf.join("");
    this.buf = [];
    this.bufLen = 0;
    await this.pending;
    const w = this.fh.write(s);
    w.catch(() => {}); // reported by the next flush or commit, which awaits it
    this.pending = w;
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.pending;
    await this.fh.sync();
    await this.fh.close();
    await rename(this.tmp, this.target);
  }

  async abort(): Promise<void> {
    await this.pending.catch(() => {});
    await this.fh.close().catch(() => {});
    await unlink(this.tmp).catch(() => {});
  }
}

/**
 * Writes a whole file atomically (temporary file, then rename).
 * @example await writeFileAtomic("model.json", JSON.stringify(model));
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const f = await AtomicFile.open(target);
  try {
    if (typeof data === "string") await f.write(data);
    else await f.writeBytes(data);
    await f.commit();
  } catch (e) {
    await f.abort();
    throw e;
  }
}
