// Real redis-server and rewardkit CLI processes for the queue tests, on free loopback ports, stopped after.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A free TCP port on 127.0.0.1 (bound, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A fresh temporary directory. */
export function tempDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `rk-${tag}-`));
}

/** A child process whose output lines are kept, with an event-based wait for a line. */
export class Proc {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  private waiters: { re: RegExp; resolve: (l: string) => void }[] = [];

  constructor(readonly child: ChildProcess) {
    const feed = (chunk: Buffer) => {
      for (const l of chunk.toString("utf8").split("\n")) {
        if (!l) continue;
        this.lines.push(l);
        this.waiters = this.waiters.filter((w) => {
          if (!w.re.test(l)) return true;
          w.resolve(l);
          return false;
        });
      }
    };
    child.stdout?.on("data", feed);
    child.stderr?.on("data", feed);
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  /** Resolves with the first line (already seen or future) matching `re`; rejects if the process exits first. */
  waitFor(re: RegExp, timeoutMs = 120_000): Promise<string> {
    const seen = this.lines.find((l) => re.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no line ${re} within ${timeoutMs} ms:\n${this.lines.join("\n")}`)),
        timeoutMs,
      );
      // A wait nobody needs any more (the loser of a race) must not keep the test process alive.
      timer.unref();
      this.waiters.push({
        re,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
      this.exited.then((code) =>
        reject(new Error(`exited (${code}) before ${re}:\n${this.lines.join("\n")}`)),
      );
    });
  }

  /** Sends a signal and waits for the exit. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}

/** A real redis-server on 127.0.0.1. */
export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  /** Stops it (SIGTERM; with AOF on, the data is on disk) and starts it again on the same port and directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts redis-server on a free loopback port in a temporary directory; `persist` turns on the append-only
 * file (fsync always) so a restart keeps the queue.
 */
export async function startRedis(opts: { persist?: boolean } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = tempDir("redis");
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--dir",
    dir,
    ...(opts.persist ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"]),
  ];
  let proc: Proc;
  const launch = async () => {
    proc = new Proc(spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] }));
    await proc.waitFor(/Ready to accept connections/, 30_000);
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    async restart() {
      await proc.stop("SIGTERM");
      await launch();
    },
    async stop() {
      await proc.stop("SIGTERM");
    },
  };
}

/** Runs the rewardkit CLI from source as a child process. */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  return new Proc(
    spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
}

/** URL of the fixture registry module (queue test kinds). */
export const fixtureModule = new URL("./fixtures/kinds.ts", import.meta.url).href;

/** The nginx binary: on PATH, or Debian's /usr/sbin/nginx (not on PATH for ordinary users). */
export function nginxBinary(): string {
  const onPath = (process.env.PATH ?? "").split(":").some((d) => d && existsSync(join(d, "nginx")));
  return onPath || !existsSync("/usr/sbin/nginx") ? "nginx" : "/usr/sbin/nginx";
}
