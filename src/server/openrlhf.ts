import { isAnonymousCombinator, uniqueNames } from "../core/combinators/_children.ts";
import type { Reward, RewardResult, Rollout } from "../core/types.ts";

/**
 * Special tokens that trail an OpenRLHF `query` (decoded with `skip_special_tokens=False`): end-of-turn and
 * padding markers of common chat templates. Stripped from the end of the recovered response, repeatedly.
 */
export const DEFAULT_TRAILING_TOKENS: readonly string[] = [
  "<|im_end|>",
  "<|endoftext|>",
  "<|eot_id|>",
  "<|end_of_text|>",
  "<|end|>",
  "<end_of_turn>",
  "</s>",
  "<｜end▁of▁sentence｜>",
  "<|return|>",
  "<pad>",
  "[PAD]",
];

/** Assistant-turn openers, used only when the prompt is not found in the query. */
const ASSISTANT_MARKERS = [
  "<|im_start|>assistant\n",
  "<|start_header_id|>assistant<|end_header_id|>\n\n",
  "<start_of_turn>model\n",
  "<|assistant|>\n",
  "<｜Assistant｜>",
  "[/INST]",
];

/** How the response was found inside the query. */
export type Recovery = "prefix" | "contains" | "marker" | "whole_query";

/**
 * Recovers the model's response from an OpenRLHF `query` (= templated prompt + response):
 * 1. `query` starts with `prompt` → the rest (`prefix`);
 * 2. `prompt` occurs inside `query` (left padding decoded as text) → after its last occurrence (`contains`);
 * 3. otherwise → after the last assistant-turn marker of a known chat template (`marker`);
 * 4. otherwise → the whole query (`whole_query`).
 * Trailing end-of-turn/padding tokens are then stripped, so `</answer><|im_end|>` ends in `</answer>`.
 * @example recoverResponse("<|im_start|>user\n2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>", "<|im_start|>user\n2+2?<|im_end|>\n<|im_start|>assistant\n") // { response: "4", how: "prefix" }
 */
export function recoverResponse(
  query: string,
  prompt: string | undefined,
  trailing: readonly string[] = DEFAULT_TRAILING_TOKENS,
): { response: string; how: Recovery } {
  let response: string;
  let how: Recovery;
  if (prompt && query.startsWith(prompt)) {
    response = query.slice(prompt.length);
    how = "prefix";
  } else if (prompt && query.lastIndexOf(prompt) > 0) {
    response = query.slice(query.lastIndexOf(prompt) + prompt.length);
    how = "contains";
  } else {
    let at = -1;
    let len = 0;
    for (const m of ASSISTANT_MARKERS) {
      const i = query.lastIndexOf(m);
      if (i > at) {
        at = i;
        len = m.length;
      }
    }
    if (at >= 0) {
      response = query.slice(at + len);
      how = "marker";
    } else {
      response = query;
      how = "whole_query";
    }
  }
  return { response: stripTrailing(response, trailing), how };
}

/** Removes any run of the given tokens (and whitespace between them) from the end of `s`. */
export function stripTrailing(s: string, tokens: readonly string[]): string {
  let end = s.length;
  for (;;) {
    // Whitespace counts only when a token sits before it: the response keeps its own trailing spaces.
    let e = end;
    while (e > 0 && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 10)) e--;
    const t = tokens.find((x) => x && s.endsWith(x, e));
    if (!t) break;
    end = e - t.length;
  }
  return s.slice(0, end);
}

/** The rollouts an OpenRLHF request stands for, with how each response was recovered. */
export function openrlhfRollouts(
  query: readonly string[],
  prompts: readonly (string | undefined)[],
  labels: readonly unknown[],
  trailing?: readonly string[],
): { rollouts: Rollout[]; how: Recovery[] } {
  const rollouts: Rollout[] = new Array(query.length);
  const how: Recovery[] = new Array(query.length);
  for (let i = 0; i < query.length; i++) {
    const prompt = prompts[i];
    const rec = recoverResponse(query[i]!, prompt, trailing);
    const r: Rollout = { completion: rec.response };
    if (prompt !== undefined) r.prompt = prompt;
    if (labels[i] !== undefined) r.reference = labels[i];
    rollouts[i] = r;
    how[i] = rec.how;
  }
  return { rollouts, how };
}

/** The OpenRLHF response: `rewards` and `scores` as numbers, per-component series in `extra_logs`. */
export interface OpenRLHFResponse {
  rewards: number[];
  scores: number[];
  extra_logs: Record<string, number[]>;
}

/**
 * Builds OpenRLHF's `{rewards, scores, extra_logs}`. Its trainer needs a number per sample, so a result without
 * a score takes `fill` (default 0), and is never hidden: `extra_logs["rewardkit/error"]` is 1 for an error and
 * `extra_logs["rewardkit/not_applicable"]` 1 for a null score, next to one series per component (missing or
 * null components also take `fill`, and every series has one entry per sample so wandb aggregates cleanly).
 * `keys` are component names every answer lists even when no result has them (an empty batch included):
 * OpenRLHF merges the answers of several URLs by the first answer's keys and indexes every other answer with them.
 * `scores` equal `rewards` clamped to [0, 1] (OpenRLHF's dynamic filtering reads scores in that range).
 * @example toOpenRLHF([{ score: 1, components: { format: 1 } }]) // { rewards: [1], scores: [1], extra_logs: { format: [1], ... } }
 */
export function toOpenRLHF(
  results: readonly RewardResult[],
  fill = 0,
  keys: Iterable<string> = [],
): OpenRLHFResponse {
  const n = results.length;
  const rewards = new Array<number>(n);
  const scores = new Array<number>(n);
  const names = new Set<string>(keys);
  for (const r of results) if (r.components) for (const k of Object.keys(r.components)) names.add(k);
  names.delete(ERROR_KEY);
  names.delete(NA_KEY);
  const logs: Record<string, number[]> = {};
  for (const k of [...names].sort()) logs[k] = new Array<number>(n).fill(fill);
  const err = new Array<number>(n).fill(0);
  const na = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const r = results[i]!;
    const s = typeof r.score === "number" && Number.isFinite(r.score) ? r.score : null;
    if (r.error) err[i] = 1;
    else if (s === null) na[i] = 1;
    rewards[i] = s ?? fill;
    scores[i] = Math.min(1, Math.max(0, s ?? fill));
    if (r.components) {
      for (const [k, v] of Object.entries(r.components)) {
        if (typeof v === "number" && Number.isFinite(v) && logs[k]) logs[k]![i] = v;
      }
    }
  }
  logs[ERROR_KEY] = err;
  logs[NA_KEY] = na;
  return { rewards, scores, extra_logs: logs };
}

const ERROR_KEY = "rewardkit/error";
const NA_KEY = "rewardkit/not_applicable";

/** A finite number as JSON with a decimal point (`1` → `1.0`), so a JSON reader types it as a float. */
function floatJson(x: number): string {
  const s = JSON.stringify(Number.isFinite(x) ? x : 0);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

const floatList = (xs: readonly number[]) => `[${xs.map(floatJson).join(",")}]`;

/**
 * Serialises an OpenRLHF response with every number written as a float (`1.0`, never `1`): OpenRLHF turns
 * the lists into tensors with `torch.tensor`/`torch.as_tensor`, which gives int64 for a batch of integers, and
 * `mean()`/`std()` then raise on it (openrlhf/trainer/ppo_utils/experience_maker.py, v0.9.0 06ab51e).
 * @example openrlhfJson({ rewards: [1, 0], scores: [1, 0], extra_logs: {} }) // '{"rewards":[1.0,0.0],"scores":[1.0,0.0],"extra_logs":{}}'
 */
export function openrlhfJson(r: OpenRLHFResponse): string {
  const logs = Object.entries(r.extra_logs).map(([k, v]) => `${JSON.stringify(k)}:${floatList(v)}`);
  return `{"rewards":${floatList(r.rewards)},"scores":${floatList(r.scores)},"extra_logs":{${logs.join(",")}}}`;
}

/**
 * The component names a reward tree reports, found without scoring: each combinator's terms by the names the
 * combinators give them (`a`, `a#2`; a formula's variables; an unnamed nested combinator's own terms), a
 * single-child transform's child's names. Components a leaf adds itself are learned from results.
 * @example componentKeys(compileNode({ kind: "sum", terms: [{ kind: "text.exact", name: "correct" }] }, { registry })) // ["correct"]
 */
export function componentKeys(reward: Reward): string[] {
  const out = new Set<string>();
  walk(reward, out);
  return [...out];
}

function walk(reward: Reward, into: Set<string>): void {
  const children = reward.children ?? [];
  if (!children.length) return;
  const kind = reward.kind;
  if (children.length === 1 && !REDUCERS.has(kind)) {
    walk(children[0]!, into); // clamp, scale, transforms: the child's components pass through
    return;
  }
  const terms = reward.spec.terms;
  let names: string[];
  let flat: boolean[];
  if (kind === "formula" && terms && typeof terms === "object" && !Array.isArray(terms)) {
    names = Object.keys(terms);
    flat = names.map(() => false);
  } else if (kind === "gate" && children.length === 2) {
    const [check, gated] = children as [Reward, Reward];
    names = [check.name === gated.name ? `${check.name}#check` : check.name, gated.name];
    flat = [false, isAnonymousCombinator(gated)];
  } else {
    names = uniqueNames(children);
    flat = children.map(isAnonymousCombinator);
  }
  children.forEach((c, i) => {
    const sub = new Set<string>();
    walk(c, sub);
    if (!flat[i] || !sub.size) into.add(names[i]!);
    for (const k of sub) into.add(into.has(k) ? `${names[i]}.${k}` : k);
  });
}

const REDUCERS = new Set(["sum", "min", "max", "product"]);
