/**
 * The data model every stage of rewardkit shares: rollouts in, reward results out.
 * @example
 * const r: Rollout = { prompt: "2+2?", completion: "<answer>4</answer>", reference: "4" };
 */

/** One piece of an OpenAI-style multi-part message content. */
export interface ContentPart {
  type: string;
  text?: string;
  [key: string]: unknown;
}

/** A tool call in the OpenAI message format (`arguments` is a JSON string there; objects are accepted too). */
export interface ToolCall {
  id?: string;
  type?: string;
  function: { name: string; arguments: string | Record<string, unknown> };
}

/** A chat message in the OpenAI format, tool calls included. */
export interface Message {
  role: string;
  content?: string | ContentPart[] | null;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  [key: string]: unknown;
}

/** One step of a rollout: a reasoning step, a turn, a tool call or a frame; may carry a time or token span. */
export interface Step {
  text?: string;
  kind?: string;
  /** Time of the step (seconds, or any monotone unit). */
  t?: number;
  /** Token span [start, end) of the step in the completion. */
  span?: [number, number];
  /** A per-step reward supplied by an upstream process reward model. */
  reward?: number;
  meta?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One sampled response to one prompt. */
export interface Rollout {
  id?: string | number;
  prompt?: string | Message[];
  completion: string | Message[];
  steps?: Step[];
  /** Ground truth of any shape. */
  reference?: unknown;
  /** The prompt id that groups rollouts (GRPO, RLOO, ...). */
  group?: string | number;
  meta?: Record<string, unknown>;
}

/** The typed failure kinds a reward can report instead of a silent 0. */
export type ErrorKind =
  | "invalid_input"
  | "parse"
  | "timeout"
  | "resource"
  | "sandbox"
  | "upstream"
  | "compile"
  | "runtime"
  | "internal";

/** An explicit, countable failure of one reward on one rollout. */
export interface RewardError {
  kind: ErrorKind;
  message: string;
  /** Which node of the reward tree failed (component path). */
  path?: string;
}

/**
 * What a reward says about one rollout. `score: null` means "does not apply" (or failed, then `error` is set).
 * @example
 * const ok: RewardResult = { score: 1, components: { correct: 1, format: 1 } };
 * const bad: RewardResult = { score: null, error: { kind: "parse", message: "no answer tag" } };
 */
export interface RewardResult {
  score: number | null;
  /** Per-component values for logging (name → value; null = the component did not apply). */
  components?: Record<string, number | null>;
  /** Per-step rewards when the reward is dense. */
  steps?: (number | null)[];
  error?: RewardError;
  /** What was extracted, and why the reward decided as it did. */
  info?: Record<string, unknown>;
}

/** What a reward declares about how it must run. */
export interface RewardNeeds {
  /** CPU-heavy or hostile input: run in a killable worker with a deadline. */
  isolation?: boolean;
  /** Talks to the network (judges, remote reward models). */
  network?: boolean;
}

/** Executes isolated rewards; implemented by the killable worker pool. */
export interface IsolatedExecutor {
  /** Score `rollout` with the reward built from `node` in a worker, under `deadlineMs`. Never rejects. */
  run(
    node: NodeSpec,
    rollout: Rollout,
    opts?: { deadlineMs?: number; signal?: AbortSignal },
  ): Promise<RewardResult>;
}

/** Per-call context: cancellation, training step, seed, and the executor for isolated rewards. */
export interface RewardContext {
  signal?: AbortSignal;
  /** The trainer's global step, for step-dependent schedules. */
  step?: number;
  seed?: number;
  /** When present, rewards that declare isolation run here; when absent they run inline. */
  executor?: IsolatedExecutor;
  /** Per-item deadline for isolated rewards (ms). */
  deadlineMs?: number;
  /** Set inside a worker so isolated rewards do not dispatch again. */
  inWorker?: boolean;
}

/** A node of a reward spec: a `kind` plus its parameters. */
export interface NodeSpec {
  kind: string;
  name?: string;
  [param: string]: unknown;
}

/** A result or a promise of one: cheap rewards stay synchronous (no per-sample promise in hot loops). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * A compiled reward: stable `id@version`, its own parameters, and a scorer that may be sync or async.
 * @example
 * const r = exact({ reference_field: "answer" }); r.id === "text.exact@1"; r.score(rollout, {});
 */
export interface Reward {
  /** Stable identity, `kind@version`. */
  readonly id: string;
  readonly kind: string;
  /** Component name used in `components` by combinators. */
  readonly name: string;
  /** The node this reward was built from (JSON); enough to rebuild it inside a worker or hash it for a cache. */
  readonly spec: NodeSpec;
  readonly needs: RewardNeeds;
  readonly children?: readonly Reward[];
  score(rollout: Rollout, ctx: RewardContext): MaybePromise<RewardResult>;
}
