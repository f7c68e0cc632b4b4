/** Request limits of the scoring service; each one is named in the error it causes (HTTP 413/422). */
export interface Limits {
  /** Bytes of one request body, chunked bodies included. */
  max_body_bytes: number;
  /** Rollouts in one `/v1/score` request (or entries of `query` in `/get_reward`). */
  max_rollouts: number;
  /** Characters of one completion (all message contents summed for chat completions). */
  max_completion_chars: number;
  /** Steps of one rollout. */
  max_steps: number;
  /** Nesting depth of the JSON body. */
  max_json_depth: number;
}

/**
 * Defaults sized for RL batches: a 16 MiB body, 8192 rollouts, 256 Ki characters per completion
 * (about 64k tokens), 4096 steps, depth 64. Each is a named flag of `rewardkit serve`.
 * @example new Runtime({ limits: { ...defaultLimits, max_rollouts: 1024 } })
 */
export const defaultLimits: Readonly<Limits> = Object.freeze({
  max_body_bytes: 16 * 1024 * 1024,
  max_rollouts: 8192,
  max_completion_chars: 256 * 1024,
  max_steps: 4096,
  max_json_depth: 64,
});
