import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import type { ByteRange } from "../io/jsonl.ts";

/** One shard of a JSONL dataset: a run of whole lines, with a SHA-256 of its bytes and where it starts. */
export interface Shard extends ByteRange {
  index: number;
  /** Lines in the shard (blank lines included; they are skipped when scored, as in a single-process run). */
  lines: number;
  /** SHA-256 (hex) of the shard's bytes. */
  contentHash: string;
}

/**
 * Cuts a JSONL file into shards of `shardSize` lines each (the last may be shorter), in one streaming pass:
 * memory stays at one 1 MiB read buffer whatever the file size.
 * @example const shards = await planShards("rollouts.jsonl", 5000); // [{ index: 0, start: 0, end: 812345, ... }]
 */
export async function planShards(path: string, shardSize: number): Promise<Shard[]> {
  const fh = await open(path, "r");
  const shards: Shard[] = [];
  const buf = Buffer.allocUnsafe(1 << 20);
  let pos = 0;
  let start = 0;
  let firstLine = 1;
  let lines = 0;
  let hash = createHash("sha256");
  const cut = (end: number) => {
    shards.push({
      index: shards.length,
      start,
      end,
      firstLine,
      lines,
      contentHash: hash.digest("hex"),
    });
    start = end;
    firstLine += lines;
    lines = 0;
    hash = createHash("sha256");
  };
  let hashed = 0; // absolute offset up to which bytes are in `hash`
  let lastByte = 10;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      let from = 0;
      for (let nl = buf.indexOf(10, from); nl !== -1 && nl < bytesRead; nl = buf.indexOf(10, from)) {
        lines++;
        from = nl + 1;
        if (lines === shardSize) {
          hash.update(buf.subarray(hashed - pos, from));
          hashed = pos + from;
          cut(hashed);
        }
      }
      hash.update(buf.subarray(hashed - pos, bytesRead));
      lastByte = buf[bytesRead - 1]!;
      pos += bytesRead;
      hashed = pos;
    }
    if (pos > start) {
      // A last line without a newline still counts as a line.
      if (lastByte !== 10) lines++;
      cut(pos);
    }
  } finally {
    await fh.close();
  }
  return shards;
}
