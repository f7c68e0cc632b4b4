// A pool worker: rebuilds rewards from their node specs and scores one rollout at a time.
// It may be terminated at any moment by the pool (deadline, cancel); it holds no state worth keeping.
import { parentPort, workerData } from "node:worker_threads";
import { scoreOne } from "../core/score-batch.ts";
import type { Reward, RewardResult } from "../core/types.ts";
import { compileNode } from "../spec/compile.ts";
import type { Registry } from "../spec/registry.ts";
import type { TaskMessage, WorkerData, WorkerMessage } from "./protocol.ts";

const data = (workerData ?? {}) as WorkerData;
const port = parentPort!;
const CACHE_MAX = 64;
const cache = new Map<string, Reward>();

async function loadRegistry(): Promise<Registry> {
  if (data.registryModule) return (await import(data.registryModule)).registry as Registry;
  return (await import("../builtins.ts")).defaultRegistry;
}

function rewardFor(registry: Registry, node: TaskMessage["node"]): Reward {
  const key = JSON.stringify(node);
  let r = cache.get(key);
  if (!r) {
    r = compileNode(node, { registry });
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, r);
  }
  return r;
}

const registry = await loadRegistry();
port.on("message", async (msg: TaskMessage) => {
  let result: RewardResult;
  try {
    const reward = rewardFor(registry, msg.node);
    const ctx = {
      inWorker: true,
      ...(msg.step !== undefined ? { step: msg.step } : {}),
      ...(msg.seed !== undefined ? { seed: msg.seed } : {}),
    };
    result = await scoreOne(reward, msg.rollout, ctx);
  } catch (e) {
    result = {
      score: null,
      error: { kind: "internal", message: e instanceof Error ? e.message : String(e) },
    };
  }
  port.postMessage({ type: "result", id: msg.id, result } satisfies WorkerMessage);
});
port.postMessage({ type: "ready" } satisfies WorkerMessage);
