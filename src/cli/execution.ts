import { treeNeeds } from "../core/reward.ts";
import type { Reward } from "../core/types.ts";
import { createPool, type WorkerPool } from "../pool/index.ts";

/** Starts a worker pool only when some node of the reward needs isolation. */
export async function poolFor(
  reward: Reward,
  workers?: number,
  deadlineMs?: number,
): Promise<WorkerPool | undefined> {
  if (!treeNeeds(reward).isolation) return undefined;
  const pool = createPool({ ...(workers ? { size: workers } : {}), ...(deadlineMs ? { deadlineMs } : {}) });
  await pool.ready();
  return pool;
}
