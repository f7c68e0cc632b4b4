import { finiteResult } from "./finite.ts";
import { errorFromThrown, isPromise } from "./result.ts";
import type { Reward, RewardContext, RewardResult, Rollout } from "./types.ts";

/**
 * Scores one rollout and never throws: anything thrown becomes a typed error, and a non-finite score, component
 * or step becomes an `internal` error (`finiteResult`). Stays synchronous for sync rewards.
 * @example const r = scoreOne(reward, { completion: "4", reference: "4" });
 */
export function scoreOne(
  reward: Reward,
  rollout: Rollout,
  ctx: RewardContext = {},
): RewardResult | Promise<RewardResult> {
  try {
    const out = reward.score(rollout, ctx);
    return isPromise(out) ? out.then(finiteResult, thrownResult) : finiteResult(out);
  } catch (e) {
    return thrownResult(e);
  }
}

const thrownResult = (e: unknown): RewardResult => ({ score: null, error: errorFromThrown(e) });

/** Options of `scoreBatch`. */
export interface BatchOptions extends RewardContext {
  /** How many async (isolated or network) items run at once (default 64). */
  concurrency?: number;
}

/**
 * Scores a batch, results aligned with the input. Sync items finish inline; async items run with bounded
 * concurrency. An aborted signal marks the items not yet started as `timeout` ("cancelled") errors, and answers
 * items still running with a `timeout` error at once (a reward that ignores the signal cannot hold the batch).
 * @example const results = await scoreBatch(reward, rollouts, { executor: pool, deadlineMs: 5000 });
 */
export async function scoreBatch(
  reward: Reward,
  rollouts: readonly Rollout[],
  opts: BatchOptions = {},
): Promise<RewardResult[]> {
  const out: RewardResult[] = new Array(rollouts.length);
  const limit = Math.max(1, opts.concurrency ?? 64);
  let next = 0;
  const cancelled = (): RewardResult => ({
    score: null,
    error: { kind: "timeout", message: "cancelled before scoring" },
  });
  // Start items in order; when `limit` async items are in flight, wait for one before starting more.
  const inflight = new Set<Promise<void>>();
  while (next < rollouts.length) {
    const i = next++;
    if (opts.signal?.aborted) {
      out[i] = cancelled();
      continue;
    }
    const r0 = scoreOne(reward, rollouts[i]!, opts);
    const r = opts.signal && isPromise(r0) ? untilAborted(r0, opts.signal) : r0;
    if (!isPromise(r)) {
      out[i] = r;
      continue;
    }
    const done = r.then((v) => {
      out[i] = v;
      inflight.delete(done);
    });
    inflight.add(done);
    if (inflight.size >= limit) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  return out;
}

/** `p`, or a `timeout` error as soon as `signal` aborts (the abort reason, when a string, is the message). */
function untilAborted(p: Promise<RewardResult>, signal: AbortSignal): Promise<RewardResult> {
  return new Promise((resolve) => {
    const onAbort = () => {
      const why = typeof signal.reason === "string" ? signal.reason : "cancelled";
      resolve({ score: null, error: { kind: "timeout", message: `${why} (while scoring)` } });
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    p.then((v) => {
      signal.removeEventListener("abort", onAbort);
      resolve(v);
    });
  });
}
