import { main } from "../../src/cli/main.ts";

/**
 * Runs the CLI in this process (no process spawn per case): returns its exit code and what it wrote to stdout
 * and stderr (strings; buffers pass through).
 */
export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = process.stdout.write;
  const stderr = process.stderr.write;
  const exitCode = process.exitCode;
  // The CLI writes strings; node:test's own protocol (in the test child process) writes serialized buffers on
  // the same stream, and those must still reach the runner.
  const capture = (into: string[], write: typeof process.stdout.write, stream: NodeJS.WriteStream) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      if (typeof chunk !== "string")
        return (write as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
      into.push(chunk);
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = capture(out, stdout, process.stdout);
  process.stderr.write = capture(err, stderr, process.stderr);
  process.exitCode = undefined;
  try {
    const code = await main(["node", "rewardkit", ...args]);
    return { code, out: out.join(""), err: err.join("") };
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
    process.exitCode = exitCode;
  }
}
