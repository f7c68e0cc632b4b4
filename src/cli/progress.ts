/**
 * A progress line on stderr for long runs: rows done and rate, redrawn at most every 250 ms on a terminal,
 * every 5 s otherwise; silent for runs shorter than a second.
 * @example const p = progress("scoring"); p.update(n); p.done();
 */
export function progress(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const t0 = Date.now();
  const tty = !!stream.isTTY;
  let last = 0;
  let shown = false;
  const line = (n: number) => {
    const s = (Date.now() - t0) / 1000;
    return `${label}: ${n.toLocaleString("en-US")} rows, ${Math.round(n / Math.max(s, 1e-3)).toLocaleString("en-US")} rows/s`;
  };
  return {
    update(n: number) {
      const now = Date.now();
      if (now - t0 < 1000 || now - last < (tty ? 250 : 5000)) return;
      last = now;
      shown = true;
      stream.write(tty ? `\r${line(n)}\x1b[K` : `${line(n)}\n`);
    },
    done(n?: number) {
      if (shown && tty) stream.write(n === undefined ? "\n" : `\r${line(n)}\x1b[K\n`);
    },
  };
}
