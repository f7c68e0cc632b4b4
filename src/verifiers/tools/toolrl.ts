import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText, completionToolCalls, referenceAt } from "../../core/text.ts";
import type { Rollout } from "../../core/types.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { type Call, type CallsParse, isObject, messageCalls, parseTextCalls } from "./calls.ts";
import { type FormatCase, toolrlFormatOk } from "./toolrl-format.ts";
import { toolrlBounds, toolrlMatch } from "./toolrl-score.ts";

const params = z.strictObject({
  reference_field: z.string().optional(),
  /** Read calls from `<tool_call>` text, OpenAI `tool_calls` messages, or messages when present. */
  source: z.enum(["auto", "text", "messages"]).default("auto"),
  /** COARSEREWARD: any non-exact prediction scores the minimum. */
  coarse: z.boolean().default(false),
  /** INTERMEDIATEREWARD: per-tool all-or-nothing credit. */
  intermediate: z.boolean().default(false),
  /** REFINEDREWARD: strict list matching of names and parameter names. */
  refined: z.boolean().default(false),
  /** CORRECTMAX1: correctness range [−1, 1] instead of [−3, 3]. */
  correct_max1: z.boolean().default(false),
  /** Step schedule: none, dynamic (SCHEDULEREWARD, over 150 steps) or step30 (MAX1STEP30MAX3). */
  schedule: z.enum(["none", "dynamic", "step30"]).default("none"),
  /** WITHLENGTH: add min(1, words(think)/target) in [0, 1] (off by default, as in the paper's main runs). */
  length: z.boolean().default(false),
  length_target: z.number().positive().default(512),
  /** SCHEDULELENGTH: target = 384 + (640 − 384)·step/105. */
  length_schedule: z.boolean().default(false),
});
type Params = z.infer<typeof params>;

interface Truth {
  calls: Call[];
  fmt: FormatCase;
}

// The G rollouts of a group share one reference: parse it once (bounded, oldest entry evicted first).
const textCache = new Map<string, Truth | string>();
const objectCache = new WeakMap<object, Truth | string>();
const CACHE_LIMIT = 1024;

/** `readTruth`, memoised per reference string or object. Callers never mutate the result. */
function cachedTruth(ref: unknown): Truth | string {
  if (typeof ref === "string") {
    let t = textCache.get(ref);
    if (t === undefined) {
      t = readTruth(ref);
      if (textCache.size >= CACHE_LIMIT) textCache.delete(textCache.keys().next().value!);
      textCache.set(ref, t);
    }
    return t;
  }
  if (ref !== null && typeof ref === "object") {
    let t = objectCache.get(ref);
    if (t === undefined) objectCache.set(ref, (t = readTruth(ref)));
    return t;
  }
  return readTruth(ref);
}

/** Reads the ground truth: ToolRL answer text, `{tool_calls, response}`, or a list of calls. */
function readTruth(ref: unknown): Truth | string {
  if (typeof ref === "string") {
    const fmt = { toolCall: ref.includes("<tool_call>"), response: ref.includes("<response>") };
    if (!fmt.toolCall) return { calls: [], fmt };
    const p = parseTextCalls(ref);
    return p.ok ? { calls: p.calls, fmt } : `reference tool calls: ${p.reason}`;
  }
  const list = Array.isArray(ref) ? ref : isObject(ref) ? (ref.tool_calls ?? []) : undefined;
  if (!Array.isArray(list))
    return "reference must be ToolRL answer text, a list of calls or {tool_calls, response}";
  const p = messageCalls(list as never);
  if (!p.ok) return `reference tool calls: ${p.reason}`;
  const response = isObject(ref) && !!ref.response;
  return { calls: p.calls, fmt: { toolCall: p.calls.length > 0, response } };
}

function stepOf(r: Rollout, ctxStep: number | undefined): number | undefined {
  if (typeof ctxStep === "number" && Number.isFinite(ctxStep)) return ctxStep;
  const s = r.meta?.step;
  return typeof s === "number" && Number.isFinite(s) ? s : undefined;
}

/** Words of the last `<think>` block, as ToolRL's length reward splits it; null without both tags. */
function thinkWords(text: string): number | null {
  const i = text.lastIndexOf("<think>");
  if (i === -1 || !text.includes("</think>")) return null;
  const rest = text.slice(i + 7);
  const j = rest.indexOf("</think>");
  const body = (j === -1 ? rest : rest.slice(0, j)).trim();
  return body === "" ? 0 : body.split(/\s+/).length;
}

/** The completion's calls and the text the format check reads. */
function predicted(r: Rollout, p: Params): { parse: CallsParse; text: string; fromMessages: boolean } {
  const text = completionText(r);
  if (p.source !== "text") {
    const tcs = completionToolCalls(r);
    if (tcs.length > 0 || p.source === "messages") {
      const parse: CallsParse =
        tcs.length === 0
          ? { ok: false, reason: "no tool_calls in the assistant messages" }
          : messageCalls(tcs);
      return { parse, text, fromMessages: true };
    }
  }
  return { parse: parseTextCalls(text), text, fromMessages: false };
}

/**
 * ToolRL's reward R = R_format + R_correct (+ R_length): format ∈ {min_f, max_f} by its four cases, correctness
 * = (max−min)·score/S_max + min ∈ [−3, 3] with greedy one-to-one call matching, schedules by training step
 * (ToolRL, arXiv 2504.13958 §3).
 * @example { kind: tools.toolrl, reference_field: answer, schedule: dynamic }
 */
export const toolsToolrl = leafKind({
  kind: "tools.toolrl",
  summary:
    "ToolRL reward: format (four cases) + tool-call correctness in [-3, 3] with its ablation switches and step schedules.",
  params,
  score(r, p, ctx) {
    const truth = cachedTruth(referenceAt(r, p.reference_field));
    if (typeof truth === "string") return fail("invalid_input", truth);
    const step = stepOf(r, ctx.step);
    const needsStep = p.schedule !== "none" || (p.length && p.length_schedule);
    if (needsStep && step === undefined)
      return fail("invalid_input", "a step schedule is set but neither ctx.step nor meta.step is a number");
    const b = toolrlBounds(step ?? 0, p.schedule, p.correct_max1);
    const pred = predicted(r, p);

    let formatOk: boolean;
    if (pred.fromMessages) {
      // Calls travel outside the text: the text must be the think (+ response) part alone.
      formatOk =
        pred.parse.ok === truth.fmt.toolCall &&
        toolrlFormatOk(pred.text, { toolCall: false, response: truth.fmt.response });
    } else formatOk = toolrlFormatOk(pred.text, truth.fmt);
    const format = formatOk ? b.formatMax : b.formatMin;

    const info: Record<string, unknown> = { format_ok: formatOk, bounds: b };
    let correctness = 0;
    if (truth.fmt.toolCall) {
      if (!pred.parse.ok) {
        correctness = b.correctMin;
        info.reason = pred.parse.reason;
      } else {
        const m = toolrlMatch(truth.calls, pred.parse.calls, p);
        info.exact = m.exact;
        info.name_score = m.nameScore;
        info.raw = m.score;
        info.s_max = m.sMax;
        info.matched = m.matched;
        if (m.exact) correctness = b.correctMax;
        else if (p.coarse) correctness = b.correctMin;
        else correctness = ((b.correctMax - b.correctMin) * m.score) / m.sMax + b.correctMin;
      }
    } else info.reason = "ground truth has no tool call: correctness is 0";

    const components: Record<string, number | null> = { format, correctness };
    let total = format + correctness;
    if (p.length) {
      const target = p.length_schedule ? ((640 - 384) * (step ?? 0)) / 105 + 384 : p.length_target;
      const words = thinkWords(pred.text);
      const len = words === null ? 0 : Math.min(1, Math.round((words / target) * 100) / 100);
      components.length = len;
      total += len;
    }
    return ok(total, { components, info });
  },
});
