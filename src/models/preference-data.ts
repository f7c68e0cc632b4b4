import { completionText, promptText } from "../core/text.ts";
import type { Message } from "../core/types.ts";

/**
 * One preference record: a prompt, the chosen and rejected responses (lists for best-of-N and tie sets),
 * and optional tie flag, per-dimension labels, user, subset and embeddings.
 * @example { prompt: "2+2?", chosen: "4", rejected: "5", tie: false, user: "a" }
 */
export interface PreferencePair {
  prompt: string;
  chosen: string[];
  rejected: string[];
  tie: boolean;
  /** Per-dimension labels: +1 chosen better, −1 rejected better, 0 tie. */
  labels?: Record<string, number>;
  user?: string;
  subset?: string;
  section?: string;
  /** A known gap (e.g. score difference), usable as a BT margin. */
  margin?: number;
  /** SoliReward qualities (pass/fail) of the two responses. */
  qualityChosen?: number;
  qualityRejected?: number;
  id?: string;
  /** RewardBench 2 ties: "ref" (one reference answer) or "tied" (several correct answers). */
  sampleType?: string;
  chosenEmbedding?: number[][];
  rejectedEmbedding?: number[][];
  /** Where it came from (1-based line), for messages. */
  line: number;
}

/** A Contrast Instructions item: two similar instructions and the response preferred for each. */
export interface ContrastItem {
  instruction1: string;
  response1: string;
  instruction2: string;
  response2: string;
  subset?: string;
  line: number;
}

/** A labelled item for a per-dimension linear probe (MRMBench): text or features, dimension, class label. */
export interface ProbeItem {
  text?: string;
  prompt?: string;
  features?: number[];
  dimension: string;
  label: number;
  split?: "train" | "test";
  line: number;
}

/** Everything a preference JSONL file can hold, sorted by record shape. */
export interface PreferenceData {
  pairs: PreferencePair[];
  contrast: ContrastItem[];
  probes: ProbeItem[];
}

function asText(x: unknown, what: string): string {
  if (typeof x === "string") return x;
  if (Array.isArray(x)) return completionText({ completion: x as Message[] });
  throw new Error(`${what} must be a string or a list of chat messages`);
}

function asTexts(x: unknown, what: string): string[] {
  if (typeof x === "string") return [x];
  if (Array.isArray(x)) {
    // A list of chat messages is one response; a list of strings (or of message lists) is several.
    if (x.length && x.every((m) => m && typeof m === "object" && !Array.isArray(m) && "role" in m))
      return [asText(x, what)];
    return x.map((v, i) => asText(v, `${what}[${i}]`));
  }
  throw new Error(`${what} must be a string, a list of strings, or chat messages`);
}

function asEmbeddings(x: unknown, n: number, what: string): number[][] | undefined {
  if (x === undefined) return undefined;
  if (!Array.isArray(x)) throw new Error(`${what} must be an array of numbers`);
  const list = x.length && Array.isArray(x[0]) ? (x as unknown[][]) : [x];
  if (list.length !== n) throw new Error(`${what}: expected ${n} embedding(s), got ${list.length}`);
  return list.map((e) => e.map(Number));
}

/**
 * Parses one JSON object of a preference file into a pair, a contrast item or a probe item.
 * @example parsePreferenceRecord({ prompt: "q", chosen: "a", rejected: "b" }, 1, "embedding")
 */
export function parsePreferenceRecord(
  o: Record<string, unknown>,
  line: number,
  embeddingField?: string,
): { pair?: PreferencePair; contrast?: ContrastItem; probe?: ProbeItem } {
  if ("instruction1" in o || "instruction_1" in o) {
    const g = (a: string, b: string) => o[a] ?? o[b];
    return {
      contrast: {
        instruction1: asText(g("instruction1", "instruction_1"), "instruction1"),
        response1: asText(g("response1", "response_1"), "response1"),
        instruction2: asText(g("instruction2", "instruction_2"), "instruction2"),
        response2: asText(g("response2", "response_2"), "response2"),
        ...(typeof o.subset === "string" ? { subset: o.subset } : {}),
        line,
      },
    };
  }
  if (!("chosen" in o) && "label" in o && typeof o.dimension === "string") {
    const label = Number(o.label);
    if (!Number.isInteger(label) || label < 0) throw new Error("probe label must be a class index ≥ 0");
    const probe: ProbeItem = { dimension: o.dimension, label, line };
    if (o.text !== undefined || o.output !== undefined) probe.text = asText(o.text ?? o.output, "text");
    if (o.prompt !== undefined || o.input !== undefined) probe.prompt = asText(o.prompt ?? o.input, "prompt");
    if (Array.isArray(o.features)) probe.features = o.features.map(Number);
    if (o.split === "train" || o.split === "test") probe.split = o.split;
    if (probe.text === undefined && !probe.features) throw new Error("probe item needs text or features");
    return { probe };
  }
  if (!("chosen" in o) || !("rejected" in o)) {
    throw new Error('expected "chosen" and "rejected" (or a contrast or probe item)');
  }
  const prompt =
    o.prompt === undefined || o.prompt === null
      ? ""
      : typeof o.prompt === "string"
        ? o.prompt
        : promptText({ prompt: o.prompt as Message[] });
  const chosen = asTexts(o.chosen, "chosen");
  const rejected = asTexts(o.rejected, "rejected");
  if (!chosen.length || !rejected.length) throw new Error("chosen and rejected must not be empty");
  const pair: PreferencePair = { prompt, chosen, rejected, tie: o.tie === true || o.tie === 1, line };
  if (o.labels && typeof o.labels === "object" && !Array.isArray(o.labels)) {
    const labels: Record<string, number> = {};
    for (const [k, v] of Object.entries(o.labels as Record<string, unknown>)) {
      const n = Number(v);
      if (n !== 1 && n !== -1 && n !== 0) throw new Error(`labels.${k} must be 1, −1 or 0`);
      labels[k] = n;
    }
    pair.labels = labels;
  } else if (typeof o.dimension === "string") {
    pair.labels = { [o.dimension]: pair.tie ? 0 : 1 };
  }
  if (o.user !== undefined && o.user !== null) pair.user = String(o.user);
  if (typeof o.subset === "string") pair.subset = o.subset;
  if (typeof o.section === "string") pair.section = o.section;
  if (typeof o.margin === "number" && Number.isFinite(o.margin)) pair.margin = o.margin;
  if (typeof o.quality_chosen === "number") pair.qualityChosen = o.quality_chosen;
  if (typeof o.quality_rejected === "number") pair.qualityRejected = o.quality_rejected;
  if (o.id !== undefined) pair.id = String(o.id);
  if (typeof o.sample_type === "string") pair.sampleType = o.sample_type;
  if (embeddingField) {
    const ce = asEmbeddings(o[`chosen_${embeddingField}`], chosen.length, `chosen_${embeddingField}`);
    const re = asEmbeddings(o[`rejected_${embeddingField}`], rejected.length, `rejected_${embeddingField}`);
    if (ce) pair.chosenEmbedding = ce;
    if (re) pair.rejectedEmbedding = re;
  }
  return { pair };
}

/**
 * Parses preference JSONL text; every bad line is reported with its number (all of them, then throws).
 * @example parsePreferenceJsonl('{"prompt":"q","chosen":"a","rejected":"b"}\n').pairs.length // 1
 */
export function parsePreferenceJsonl(text: string, embeddingField?: string): PreferenceData {
  const out: PreferenceData = { pairs: [], contrast: [], probes: [] };
  const problems: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (!raw) continue;
    try {
      const o = JSON.parse(raw) as unknown;
      if (!o || typeof o !== "object" || Array.isArray(o)) throw new Error("expected a JSON object");
      const r = parsePreferenceRecord(o as Record<string, unknown>, i + 1, embeddingField);
      if (r.pair) out.pairs.push(r.pair);
      if (r.contrast) out.contrast.push(r.contrast);
      if (r.probe) out.probes.push(r.probe);
    } catch (e) {
      if (problems.length < 20) problems.push(`line ${i + 1}: ${e instanceof Error ? e.message : String(e)}`);
      else if (problems.length === 20) problems.push("…");
    }
  }
  if (problems.length) throw new Error(`invalid preference data:\n${problems.join("\n")}`);
  return out;
}
