import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText, referenceAt } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { checkTags } from "../format/tags.ts";
import { parseJson } from "../json/extract.ts";
import { answerText, positiveAt, temporalSource } from "./answer.ts";
import { spansFrom } from "./gold-spans.ts";
import { aggregateIou, tempsampShape } from "./tiou.ts";
import { parseSpans, parseTimeValue, type Span } from "./timestamps.ts";

const shaping = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("none") }),
  z.strictObject({
    type: z.literal("tempsamp"),
    /** Threshold τ of the plateau (third-party default 0.8, UNCONFIRMED against the paper). */
    tau: z.number().min(0).max(1).default(0.8),
    /** Steepness α of the penalty below τ (third-party default 1.0, UNCONFIRMED). */
    alpha: z.number().positive().default(1),
    /** Slope of the log plateau above τ (third-party default 0.01, UNCONFIRMED). */
    plateau: z.number().min(0).default(0.01),
  }),
]);

const unit = z.enum(["seconds", "fraction"]);

const params = z.strictObject({
  from: temporalSource.default("auto"),
  tag: z.string().min(1).default("answer"),
  /** `text`: TimeLens's free-text parser; `json`: an object with start/end keys (Temporal-RLT). */
  answer_format: z.enum(["text", "json"]).default("text"),
  json_keys: z.tuple([z.string(), z.string()]).default(["start_time", "end_time"]),
  /** Which predicted span(s) count: the first (TimeLens), the last (TempSamp-R1), or all of them. */
  pick: z.enum(["first", "last", "all"]).default("first"),
  reference_field: z.string().optional(),
  /** How several gold spans combine (TimeLens uses only the first gold span: `first`). */
  aggregate: z.enum(["first", "max", "mean", "match"]).default("max"),
  pred_unit: unit.default("seconds"),
  gold_unit: unit.default("seconds"),
  /** Path of the video length (seconds) in the reference, else in meta; needed when the units differ. */
  duration_field: z.string().min(1).default("duration"),
  /** Swap a reversed prediction (end < start) instead of scoring it 0 as TimeLens does. */
  swap_reversed: z.boolean().default(false),
  /** IoU thresholds reported as R@IoU components (1 when IoU ≥ t). */
  recall_at: z.array(z.number().gt(0).max(1)).max(16).default([0.3, 0.5, 0.7]),
  shaping: shaping.default({ type: "none" }),
  iou_weight: z.number().default(1),
  /** Weight of the format term (Temporal-RLT: 0.5 with iou_weight 0.5; TempSamp-R1: 0.1). */
  format_weight: z.number().default(0),
  /** Tags the format term requires, each once and in order, nothing outside them. */
  format_tags: z
    .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/))
    .min(1)
    .default(["answer"]),
  /** Most number tokens read from an answer (bounds work on huge outputs). */
  max_tokens: z.number().int().positive().default(10_000),
});

type Params = z.infer<typeof params>;

/** Predicted spans from the answer text or JSON, before unit conversion. */
function predictedSpans(answer: string, p: Params): { spans: Span[]; rule: string } {
  if (p.answer_format === "text") return parseSpans(answer, p.max_tokens);
  const parsed = parseJson(answer.trim());
  if (!parsed.ok) return { spans: [], rule: "invalid_json" };
  const items = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  const spans: Span[] = [];
  for (const it of items.slice(0, p.max_tokens)) {
    if (!it || typeof it !== "object" || Array.isArray(it)) continue;
    const o = it as Record<string, unknown>;
    const a = parseTimeValue(o[p.json_keys[0]]);
    const b = parseTimeValue(o[p.json_keys[1]]);
    if (a !== null && b !== null) spans.push([a, b]);
  }
  return { spans, rule: spans.length ? "json" : "json_without_span" };
}

/**
 * Temporal IoU of predicted against gold spans, with R@IoU components, optional TempSamp-R1 shaping and a format term.
 * score = iou_weight·f(IoU) + format_weight·format. (TimeLens arXiv 2512.14698; Temporal-RLT arXiv 2506.01908;
 * TempSamp-R1 arXiv 2509.18056)
 * @example { kind: temporal.tiou, aggregate: max, recall_at: [0.5, 0.7] }
 */
export const temporalTiou = leafKind({
  kind: "temporal.tiou",
  summary:
    "Temporal IoU of predicted vs gold time spans (TimeLens parser, several golds, normalised spans, R@IoU, TempSamp shaping).",
  params,
  // component names built once, not per call
  prepare: (p) => p.recall_at.map((t) => `r@${t}`),
  score(r, p, _ctx, prepared) {
    const gold = spansFrom(referenceAt(r, p.reference_field));
    if (!gold)
      return fail("invalid_input", "reference must be a span [start, end], {start, end} or a list of them");
    for (const g of gold)
      if (!(g[0] <= g[1])) return fail("invalid_input", `gold span [${g[0]}, ${g[1]}] ends before it starts`);
    let duration: number | null = null;
    if (p.pred_unit !== p.gold_unit) {
      duration = positiveAt(r, p.duration_field);
      if (duration === null)
        return fail("invalid_input", `pred_unit ≠ gold_unit needs a video length at "${p.duration_field}"`);
    }
    const answer = answerText(r, p.from, p.tag);
    const found = answer === null ? { spans: [], rule: "no_answer" } : predictedSpans(answer, p);
    let pred = found.spans;
    if (pred.length > 1 && p.pick !== "all") pred = [(p.pick === "first" ? pred[0] : pred.at(-1)) as Span];
    if (p.swap_reversed) pred = pred.map((s) => (s[1] < s[0] ? [s[1], s[0]] : s));
    // compare in the gold's unit: IoU is scale-free, so only the conversion matters
    if (duration !== null) {
      const f = p.pred_unit === "seconds" ? 1 / duration : duration;
      pred = pred.map((s) => [s[0] * f, s[1] * f]);
    }
    const iou = aggregateIou(pred, gold, p.aggregate);
    const shaped =
      p.shaping.type === "tempsamp"
        ? tempsampShape(iou, p.shaping.tau, p.shaping.alpha, p.shaping.plateau)
        : iou;
    const components: Record<string, number | null> = { iou };
    if (p.shaping.type !== "none") components.shaped = shaped;
    const keys = prepared as string[];
    for (let k = 0; k < keys.length; k++)
      components[keys[k] as string] = iou >= (p.recall_at[k] as number) ? 1 : 0;
    let score = p.iou_weight * shaped;
    if (p.format_weight !== 0) {
      const tags = checkTags(completionText(r), p.format_tags, { strictStart: true, strictEnd: true });
      const fmt = tags.ok && found.spans.length > 0 ? 1 : 0;
      components.format = fmt;
      score += p.format_weight * fmt;
    }
    const info: Record<string, unknown> = {
      rule: found.rule,
      pred: pred.slice(0, 8),
      gold: gold.slice(0, 8),
    };
    if (pred.length === 0) info.reason = "no time span in the answer";
    return ok(score, { components, info });
  },
});
