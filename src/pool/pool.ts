import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { IsolatedExecutor, NodeSpec, RewardResult, Rollout } from "../core/types.ts";
import type { TaskMessage, WorkerData, WorkerMessage } from "./protocol.ts";

/** Options of `createPool`. */
export interface PoolOptions {
  /** Number of workers (default: available cores). */
  size?: number;
  /** Per-item deadline in ms when the caller gives none (default 5000). */
  deadlineMs?: number;
  /** Old-generation heap limit per worker in MB (default 512). */
  heapMb?: number;
  /** Items allowed to wait; beyond it `run` answers a `resource` error at once (default 10,000). */
  queueLimit?: number;
  /** Workers kept started and idle to replace a killed one at once (default 1). */
  spares?: number;
  /** Module URL exporting `registry`, for kinds outside the built-in registry. */
  registryModule?: string;
}

/** Counters of a pool, for metrics and tests. */
export interface PoolStats {
  size: number;
  alive: number;
  busy: number;
  queued: number;
  restarts: number;
  timeouts: number;
}

/** A pool of killable workers that score isolated rewards under a deadline. */
export interface WorkerPool extends IsolatedExecutor {
  stats(): PoolStats;
  /** Resolves when every worker has started. */
  ready(): Promise<void>;
  /** Terminates every worker; queued items get a `timeout` ("pool closed") error. */
  close(): Promise<void>;
}

interface Task {
  msg: TaskMessage;
  deadlineMs: number;
  resolve: (r: RewardResult) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
  readyPromise: Promise<void>;
}

function workerUrl(): { url: URL; entry?: string } {
  const self = import.meta.url;
  // Running from source (tests, tsx): Node 20 does not pass loader hooks to workers, so a small
  // JavaScript entry registers tsx and then imports the TypeScript worker.
  if (self.endsWith(".ts"))
    return { url: new URL("./worker-dev.mjs", self), entry: new URL("./worker.ts", self).href };
  return { url: new URL("./worker.js", self) };
}

/**
 * Creates a pool of killable worker threads: a busy loop cannot be interrupted in JavaScript, so a deadline
 * means terminating the worker and starting a fresh one. `run` never rejects; every failure is a typed result.
 * @example
 * const pool = createPool({ size: 2, deadlineMs: 2000 });
 * const r = await pool.run({ kind: "math.equivalent" }, { completion: "\\boxed{2}", reference: "2" });
 */
export function createPool(opts: PoolOptions = {}): WorkerPool {
  const size = Math.max(1, opts.size ?? availableParallelism());
  const defaultDeadline = opts.deadlineMs ?? 5000;
  const heapMb = opts.heapMb ?? 512;
  const queueLimit = opts.queueLimit ?? 10_000;
  const { url, entry } = workerUrl();
  const data: WorkerData = opts.registryModule ? { registryModule: opts.registryModule } : {};
  if (entry) data.entry = entry;
  const slots: Slot[] = [];
  const queue: Task[] = [];
  let nextId = 1;
  let restarts = 0;
  let timeouts = 0;
  let closed = false;
  // Consecutive workers that died before becoming ready: a broken worker must not respawn in a hot loop.
  let startupFailures = 0;

  const finish = (slot: Slot, result: RewardResult) => {
    const t = slot.task;
    if (!t) return;
    slot.task = undefined;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    if (t.signal && t.onAbort) t.signal.removeEventListener("abort", t.onAbort);
    t.resolve(result);
  };

  const replace = (slot: Slot) => {
    const si = spares.indexOf(slot);
    if (si !== -1) spares.splice(si, 1);
    const i = slots.indexOf(slot);
    slot.worker.removeAllListeners();
    // A worker being terminated may still report an error (e.g. out of memory); with no listener that would
    // be an uncaught exception in the host process.
    slot.worker.on("error", () => {});
    void slot.worker.terminate();
    if (closed || i === -1) return;
    restarts++;
    if (slot.ready) {
      // A pre-started spare takes over at once, so a killed worker costs no startup time on the hot path.
      const si = spares.findIndex((x) => x.ready);
      if (si !== -1) {
        slots[i] = spares.splice(si, 1)[0]!;
        spares.push(spawn());
      } else slots[i] = spawn();
      return;
    }
    startupFailures++;
    if (startupFailures >= 3 && !slots.some((s) => s.ready)) {
      for (const t of queue.splice(0))
        t.resolve({
          score: null,
          error: { kind: "internal", message: `pool workers fail to start: ${lastStartupError}` },
        });
    }
    const delay = Math.min(5000, 50 * 2 ** Math.min(startupFailures, 7));
    slots[i] = { ...slot, ready: false, task: undefined };
    setTimeout(() => {
      if (!closed && slots[i]?.worker === slot.worker) slots[i] = spawn();
    }, delay).unref();
  };
  let lastStartupError = "";

  const spawn = (): Slot => {
    const worker = new Worker(url, {
      workerData: data,
      ...(entry ? { execArgv: [] } : {}),
      resourceLimits: {
        maxOldGenerationSizeMb: heapMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(16, heapMb >> 3)),
      },
      stdout: false,
      stderr: false,
    });
    let markReady!: () => void;
    const slot: Slot = { worker, ready: false, readyPromise: new Promise((r) => (markReady = r)) };
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "ready") {
        slot.ready = true;
        startupFailures = 0;
        markReady();
        pump();
      } else if (slot.task && m.id === slot.task.msg.id) {
        finish(slot, m.result);
        pump();
      }
    });
    worker.on("error", (err: Error & { code?: string }) => {
      if (!slot.ready) lastStartupError = err.message;
      const oom = err.code === "ERR_WORKER_OUT_OF_MEMORY";
      finish(slot, {
        score: null,
        error: oom
          ? { kind: "resource", message: `worker ran out of memory (heap limit ${heapMb} MB)` }
          : { kind: "internal", message: `worker crashed: ${err.message}` },
      });
      markReady();
      replace(slot);
      pump();
    });
    worker.on("exit", () => {
      if (slots.includes(slot)) {
        finish(slot, { score: null, error: { kind: "internal", message: "worker exited unexpectedly" } });
        markReady();
        replace(slot);
        pump();
      }
    });
    return slot;
  };

  const pump = () => {
    for (const slot of slots) {
      if (!queue.length) return;
      if (!slot.ready || slot.task) continue;
      const t = queue.shift()!;
      slot.task = t;
      slot.timer = setTimeout(() => {
        timeouts++;
        finish(slot, {
          score: null,
          error: { kind: "timeout", message: `no result within ${t.deadlineMs} ms; worker replaced` },
        });
        replace(slot);
        pump();
      }, t.deadlineMs);
      slot.worker.postMessage(t.msg);
    }
  };

  const spares: Slot[] = [];
  for (let i = 0; i < size; i++) slots.push(spawn());
  for (let i = 0; i < (opts.spares ?? 1); i++) spares.push(spawn());

  return {
    run(
      node: NodeSpec,
      rollout: Rollout,
      o: { deadlineMs?: number; signal?: AbortSignal; step?: number } = {},
    ) {
      return new Promise<RewardResult>((resolve) => {
        if (closed) return resolve({ score: null, error: { kind: "timeout", message: "pool closed" } });
        if (o.signal?.aborted)
          return resolve({ score: null, error: { kind: "timeout", message: "cancelled before scoring" } });
        if (queue.length >= queueLimit) {
          return resolve({
            score: null,
            error: { kind: "resource", message: `pool queue full (${queueLimit} items waiting)` },
          });
        }
        const msg: TaskMessage = { id: nextId++, node, rollout };
        if (o.step !== undefined) msg.step = o.step;
        const task: Task = { msg, deadlineMs: o.deadlineMs ?? defaultDeadline, resolve };
        if (o.signal) {
          task.signal = o.signal;
          task.onAbort = () => {
            const qi = queue.indexOf(task);
            if (qi !== -1) {
              queue.splice(qi, 1);
              resolve({ score: null, error: { kind: "timeout", message: "cancelled before scoring" } });
              return;
            }
            const slot = slots.find((s) => s.task === task);
            if (slot) {
              finish(slot, {
                score: null,
                error: { kind: "timeout", message: "cancelled while scoring; worker replaced" },
              });
              replace(slot);
              pump();
            }
          };
          o.signal.addEventListener("abort", task.onAbort, { once: true });
        }
        queue.push(task);
        pump();
      });
    },
    stats() {
      return {
        size,
        alive: slots.filter((s) => s.ready).length,
        busy: slots.filter((s) => s.task).length,
        queued: queue.length,
        restarts,
        timeouts,
      };
    },
    async ready() {
      // Replacements may start while we wait; loop until every current worker is ready.
      const all = () => [...slots, ...spares];
      while (all().some((s) => !s.ready)) await Promise.all(all().map((s) => s.readyPromise));
    },
    async close() {
      closed = true;
      for (const t of queue.splice(0))
        t.resolve({ score: null, error: { kind: "timeout", message: "pool closed" } });
      const ws = [...slots.splice(0), ...spares.splice(0)];
      for (const s of ws) finish(s, { score: null, error: { kind: "timeout", message: "pool closed" } });
      await Promise.all(ws.map((s) => s.worker.terminate()));
    },
  };
}
