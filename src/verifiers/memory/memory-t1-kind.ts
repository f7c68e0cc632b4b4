import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText, promptText, referenceAt } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { parseJson } from "../json/extract.ts";
import {
  computationAccuracy,
  localizationAccuracy,
  optionAccuracy,
  timelineAccuracy,
} from "./answer-accuracy.ts";
import {
  DEFAULT_END,
  DEFAULT_START,
  rangeRelation,
  sessionProximity,
  textMatch,
  timestampDay,
} from "./session-time.ts";

const params = z.strictObject({
  /** Path of the Memory-T1 record inside the reference (answer, ability, gold_selected_sessions, …). */
  reference_field: z.string().optional(),
  /** Weights of accuracy, grounding and temporal consistency (from the reference code's file name). */
  weights: z
    .strictObject({ accuracy: z.number(), grounding: z.number(), time: z.number() })
    .default({ accuracy: 0.6, grounding: 0.2, time: 0.2 }),
  /** Reward of an output that is not a JSON object (the reference code's −1). */
  unparseable_score: z.number().default(-1),
  /** Accuracy of an answer its checker cannot evaluate (the reference code's −0.5, e.g. an empty timeline). */
  error_score: z.number().default(-0.5),
  /** `graded`: the day-distance score the code intends; `v7_compat`: reproduce the published code, where a
   * type error sends every localization answer to −0.5. */
  localization: z.enum(["graded", "v7_compat"]).default("graded"),
  /** Events whose summary matches the question less than this are ignored (reference: 0.2). */
  min_similarity: z.number().min(0).max(1).default(0.2),
  max_sessions: z.number().int().positive().default(10_000),
  max_events: z.number().int().positive().default(100_000),
});
type Params = z.infer<typeof params>;

/** Strips a markdown code fence around the output, as the reference parser does. */
function stripFence(text: string): string {
  let t = text.trim();
  if (t.startsWith("```")) {
    const nl = t.indexOf("\n");
    t = nl === -1 ? "" : t.slice(nl + 1).trim();
    if (t.endsWith("```")) t = t.slice(0, -3).trim();
  }
  return t;
}

/** The first `session_<digits>` id inside a string, found by a linear scan. */
export function sessionId(s: string): string | null {
  let i = s.indexOf("session_");
  while (i !== -1) {
    let j = i + 8;
    while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    if (j > i + 8) return s.slice(i, j);
    i = s.indexOf("session_", i + 8);
  }
  return null;
}

const asText = (v: unknown): string =>
  v == null
    ? ""
    : typeof v === "string"
      ? v.trim()
      : typeof v === "object"
        ? JSON.stringify(v)
        : String(v).trim();

/** The question's own text: what follows "Question:" up to `</question>`, or the whole text. */
function questionContext(q: string): string {
  const i = q.indexOf("Question:");
  if (i === -1) return q.trim();
  const rest = q.slice(i + 9);
  const end = rest.indexOf("\n</question>");
  return (end === -1 ? rest : rest.slice(0, end)).trim();
}

/** Reads the question range `{start, end}` from an object, JSON, or a Python-literal string. */
function questionRange(v: unknown): { start?: unknown; end?: unknown } {
  if (v && typeof v === "object" && !Array.isArray(v)) return v as { start?: unknown; end?: unknown };
  if (typeof v === "string" && v.length < 10_000) {
    const parsed = parseJson(v.replaceAll("'", '"').replaceAll("None", "null"));
    if (parsed.ok && parsed.value && typeof parsed.value === "object")
      return parsed.value as { start?: unknown };
  }
  return {};
}

interface SessionRec {
  session_id?: unknown;
  session_time?: unknown;
  utterances?: unknown;
}

function accuracy(pred: string, gold: string, qtype: string, p: Params): { value: number; rule: string } {
  const t = qtype.toLowerCase();
  if (t === "computation") return { value: computationAccuracy(pred, gold), rule: "computation" };
  if (t === "timeline") {
    const v = timelineAccuracy(pred, gold);
    return v === null ? { value: p.error_score, rule: "timeline: no items" } : { value: v, rule: "timeline" };
  }
  if (t === "localization") {
    if (p.localization === "v7_compat") return { value: p.error_score, rule: "localization (v7 compat)" };
    return { value: localizationAccuracy(pred, gold), rule: "localization" };
  }
  return { value: optionAccuracy(pred, gold), rule: "options" };
}

/**
 * Memory-T1's reward for temporal memory QA: R = 0.6·R_acc + 0.2·R_ground + 0.2·R_time over a JSON output
 * `{"selected_memory": [...], "answer": ...}`, with the reference code's localization bug fixed.
 * (Memory-T1, arXiv 2512.20092; reward file `time_reasoning_acc_tc_format_acc_06_02_02_v7.py`)
 * @example { kind: memory.t1, weights: { accuracy: 0.6, grounding: 0.2, time: 0.2 } }
 */
export const memoryT1 = leafKind({
  kind: "memory.t1",
  summary:
    "Memory-T1: answer accuracy by question type, evidence grounding, temporal consistency (0.6/0.2/0.2), localization bug fixed.",
  params,
  score(r, p) {
    const ref = referenceAt(r, p.reference_field);
    if (!ref || typeof ref !== "object" || Array.isArray(ref))
      return fail(
        "invalid_input",
        "reference must be a Memory-T1 record (an object with answer, ability, sessions…)",
      );
    const rec = ref as Record<string, unknown>;
    if (!("answer" in rec)) return fail("invalid_input", "reference has no answer");
    const sessions = rec.all_sessions ?? rec.sessions ?? [];
    const goldSel = rec.gold_selected_sessions ?? rec.gold_sessions ?? [];
    if (!Array.isArray(sessions) || sessions.length > p.max_sessions)
      return fail("invalid_input", "all_sessions must be a list (within max_sessions)");
    if (!Array.isArray(goldSel)) return fail("invalid_input", "gold_selected_sessions must be a list");

    const parsed = parseJson(stripFence(completionText(r)));
    if (!parsed.ok || !parsed.value || typeof parsed.value !== "object" || Array.isArray(parsed.value))
      return ok(p.unparseable_score, {
        info: { reason: parsed.ok ? "output is not a JSON object" : parsed.message },
      });
    const out = parsed.value as Record<string, unknown>;

    const qtype =
      typeof (rec.ability ?? rec.question_type) === "string"
        ? String(rec.ability ?? rec.question_type)
        : "default";
    const acc = accuracy(asText(out.answer), asText(rec.answer), qtype, p);

    const rawSel = Array.isArray(out.selected_memory) ? out.selected_memory.slice(0, p.max_sessions) : [];
    const selected: string[] = [];
    for (const s of rawSel) {
      const id = sessionId(typeof s === "string" ? s : asText(s));
      if (id !== null && !selected.includes(id)) selected.push(id);
    }
    const goldSet = new Set(goldSel.map((x) => String(x)));
    const selSet = new Set(selected);
    const same = selSet.size === goldSet.size && [...selSet].every((x) => goldSet.has(x));
    const grounding = same ? 1 : [...selSet].some((x) => goldSet.has(x)) ? 0.5 : -1;

    const range = questionRange(rec.question_time_range);
    const start = timestampDay(range.start, DEFAULT_START);
    const end = timestampDay(range.end, DEFAULT_END);
    const question = questionContext(typeof rec.question === "string" ? rec.question : promptText(r));
    let budget = p.max_events;
    let sessSum = 0;
    let uttSum = 0;
    for (const id of selected) {
      let sess = 0;
      let acc2 = 0;
      let count = 0;
      for (const s of sessions as SessionRec[]) {
        if (!s || typeof s !== "object" || s.session_id !== id) continue;
        sess = sessionProximity(timestampDay(s.session_time, DEFAULT_START), start, end);
        if (!Array.isArray(s.utterances)) continue;
        for (const u of s.utterances as { events?: unknown }[]) {
          if (!u || !Array.isArray(u.events)) continue;
          for (const e of u.events as { event_summary?: unknown; event_time?: unknown }[]) {
            if (--budget < 0) break;
            if (!e || !Array.isArray(e.event_time) || typeof e.event_summary !== "string") continue;
            const [es, ee] = e.event_time as unknown[];
            if (es === "unknown" && ee === "unknown") continue;
            const sim = textMatch(e.event_summary, question);
            if (sim < p.min_similarity) continue;
            acc2 +=
              sim * rangeRelation(start, end, timestampDay(es, DEFAULT_START), timestampDay(ee, DEFAULT_END));
            count++;
          }
        }
      }
      sessSum += sess;
      uttSum += count ? acc2 / count : 0;
    }
    const n = selected.length;
    const time = n ? (sessSum + uttSum) / (2 * n) : 0;
    const w = p.weights;
    const score = w.accuracy * acc.value + w.grounding * grounding + w.time * time;
    return ok(score, {
      components: {
        accuracy: acc.value,
        grounding,
        time,
        time_session: n ? sessSum / n : null,
        time_utterance: n ? uttSum / n : null,
      },
      info: { question_type: qtype, rule: acc.rule, selected, truncated_events: budget < 0 },
    });
  },
});
