import type { AddressInfo } from "node:net";
import { serve as nodeServe, type ServerType } from "@hono/node-server";
import { treeNeeds } from "../core/reward.ts";
import type { WorkerPool } from "../pool/index.ts";
import { serverDefaults } from "../runtime/defaults.ts";
import { Runtime } from "../runtime/runtime.ts";
import type { CompiledSpec } from "../spec/spec.ts";
import { createAccessLog } from "./access-log.ts";
import { type AccessLogEntry, type AppOptions, createApp, type RewardApp } from "./app.ts";

/** Options of `startServer`: the app's options plus socket, pool and shutdown settings. */
export interface ServeOptions extends Omit<AppOptions, "executor" | "runtime" | "accessLog"> {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * Worker threads for rewards that declare isolation. Default: min(cores, 4) when a spec needs isolation,
   * else no pool. 0 turns the pool off (isolated rewards then run inline, without a deadline).
   */
  workers?: number;
  /** Heap limit per worker, MB (default 512). */
  heapMb?: number;
  /** Module exporting `registry`, for kinds outside the built-ins (the pool rebuilds rewards from it). */
  registryModule?: string;
  /**
   * How long a SIGTERM waits for requests in flight (default 90 s, longer than a judge's default 60 s total
   * deadline); at its end the unfinished items are answered with `timeout` errors and the answers written.
   */
  drainMs?: number;
  /** Install SIGTERM/SIGINT handlers that drain and exit (default true). */
  handleSignals?: boolean;
  /** Where to write one-line lifecycle messages (default stderr). */
  log?: (line: string) => void;
  /**
   * The per-request access log: `true` for pino JSON lines on stdout, a function to receive the entries, or
   * `false`. Default: on unless stdout is a terminal.
   */
  accessLog?: boolean | ((entry: AccessLogEntry) => void);
}

/** After the drain deadline, how long the timeout answers get to be written before connections are cut. */
const WRITE_GRACE_MS = 5_000;

/** The listen address is taken (EADDRINUSE) or not allowed (EACCES); `serve` prints it as one line, exit 2. */
export class ListenError extends Error {
  constructor(
    readonly code: string,
    readonly address: string,
  ) {
    super(
      code === "EADDRINUSE"
        ? `${address} is already in use (another server is listening there; pick another --port)`
        : `cannot listen on ${address} (${code})`,
    );
    this.name = "ListenError";
  }
}

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  app: RewardApp;
  pool?: WorkerPool;
  /** Refuses new work (503), lets requests in flight finish (up to `drainMs`), then closes the socket and pool. */
  drain(drainMs?: number): Promise<void>;
  /** Resolves once the server has drained and closed. */
  stopped: Promise<void>;
}

/**
 * Starts the HTTP server on a socket (the only place rewardkit listens): builds the worker pool when a spec
 * needs isolation, and drains gracefully on SIGTERM (`/healthz` answers 503 at once, new work gets 503 with
 * `Connection: close`, requests in flight finish until the deadline, then the listener, connections and pool
 * close and the process may exit).
 * @example const srv = await startServer({ specs: [compiled], host: "127.0.0.1", port: 0 }); await fetch(`${srv.url}/healthz`);
 */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const isolation = opts.specs.some((s: CompiledSpec) => treeNeeds(s.reward).isolation);
  const runtime = await Runtime.start({ ...opts, isolation });
  const pool = runtime.workerPool;
  const accessLog =
    typeof opts.accessLog === "function"
      ? opts.accessLog
      : (opts.accessLog ?? !process.stdout.isTTY)
        ? createAccessLog()
        : undefined;
  const { accessLog: _option, ...appOpts } = opts;
  const app = createApp({ ...appOpts, runtime, ...(accessLog ? { accessLog } : {}) });
  const hostname = opts.host ?? serverDefaults.host;
  const port = opts.port ?? serverDefaults.port;
  let server: ServerType;
  try {
    server = await new Promise((resolve, reject) => {
      const s = nodeServe({ fetch: app.app.fetch, hostname, port }, () => {
        s.off("error", reject);
        resolve(s);
      });
      s.once("error", reject);
    });
  } catch (e) {
    await runtime.close();
    const code = (e as { code?: string }).code;
    if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL")
      throw new ListenError(code, `${hostname}:${port}`);
    throw e;
  }
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}`;
  let draining: Promise<void> | undefined;
  let markStopped!: () => void;
  const stopped = new Promise<void>((r) => (markStopped = r));

  const drain = (drainMs = opts.drainMs ?? serverDefaults.drainMs): Promise<void> => {
    draining ??= (async () => {
      // Keep listening while requests finish, so health checks over new connections see 503 and new work is
      // refused with `Connection: close`; then stop accepting and close every connection.
      app.startDrain();
      log(`rewardkit: draining (${app.inflight()} requests in flight, up to ${drainMs} ms)`);
      let timer: NodeJS.Timeout | undefined;
      const waitIdle = (ms: number) =>
        Promise.race([app.idle(), new Promise<void>((r) => (timer = setTimeout(r, ms)))]).finally(() =>
          clearTimeout(timer),
        );
      let until = Date.now() + drainMs;
      await waitIdle(drainMs);
      if (app.inflight() > 0) {
        // The deadline: unfinished items get `timeout` results, and their answers are written, not dropped.
        log(`rewardkit: drain deadline, answering ${app.inflight()} requests with timeout results`);
        app.abortScoring("server shutting down: drain deadline reached");
        await waitIdle(WRITE_GRACE_MS);
        // The answers were handed over; give their bytes a moment to leave before connections are cut.
        until = Date.now() + 1000;
      }
      // A handler that has returned may still be writing its response: close connections as they turn idle,
      // and force the rest only at the deadline.
      let closedFlag = false;
      const closed = new Promise<void>((r) =>
        server.close(() => {
          closedFlag = true;
          r();
        }),
      );
      const http = server as unknown as {
        closeIdleConnections?: () => void;
        closeAllConnections?: () => void;
      };
      while (!closedFlag && Date.now() < until) {
        http.closeIdleConnections?.();
        await Promise.race([closed, new Promise((r) => setTimeout(r, 25))]);
      }
      http.closeAllConnections?.();
      await closed;
      await runtime.close();
      log("rewardkit: stopped");
      markStopped();
    })();
    return draining;
  };

  if (opts.handleSignals !== false) {
    const onSignal = (sig: string) => {
      log(`rewardkit: ${sig} received`);
      void drain().then(() => process.exit(0));
    };
    process.once("SIGTERM", () => onSignal("SIGTERM"));
    process.once("SIGINT", () => onSignal("SIGINT"));
  }
  log(
    `rewardkit: serving ${[...app.specs.keys()].join(", ")} on ${url}${pool ? ` (${pool.stats().size} workers)` : ""}`,
  );
  return { url, port: addr.port, app, ...(pool ? { pool } : {}), drain, stopped };
}
