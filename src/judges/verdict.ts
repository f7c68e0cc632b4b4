/**
 * Reading judge answers, including long chain-of-thought ones (UnifiedReward-Think, arXiv 2505.03318: the
 * verdict comes after the reasoning). Every reader looks at the final segment only — after the last `</think>`,
 * inside the last `<answer>` when there is one — and prefers the last JSON object there. All scans are linear
 * and bounded, so a hostile or runaway answer cannot stall scoring.
 */

/** How many characters at the end of an answer are searched for a verdict. */
export const VERDICT_TAIL_CHARS = 20_000;
/** Brace-matching restarts after an unclosed `{` (bounds the work on hostile input). */
const MAX_RESTARTS = 64;

/**
 * The part of a judge answer that holds the verdict: after the last `</think>`; inside the last
 * `<answer>…</answer>` when present; capped to the last `VERDICT_TAIL_CHARS` characters.
 * An opened `<think>` that never closes means the judge never reached a verdict: the segment is empty.
 * @example finalSegment("<think>A looks right</think><answer>B</answer>") // "B"
 */
export function finalSegment(text: string): string {
  let t = text;
  const close = t.lastIndexOf("</think>");
  if (close >= 0) t = t.slice(close + 8);
  else if (t.includes("<think>")) return "";
  const a = t.lastIndexOf("<answer>");
  if (a >= 0) {
    const end = t.indexOf("</answer>", a + 8);
    t = end >= 0 ? t.slice(a + 8, end) : t.slice(a + 8);
  }
  if (t.length > VERDICT_TAIL_CHARS) t = t.slice(t.length - VERDICT_TAIL_CHARS);
  return t.trim();
}

/**
 * Top-level `{…}` spans of a text in order (string-aware inside braces). Linear per start; after an unclosed
 * brace it restarts at most `MAX_RESTARTS` times.
 */
function objectSpans(t: string): [number, number][] {
  const spans: [number, number][] = [];
  let i = 0;
  let restarts = 0;
  while (i < t.length) {
    const start = t.indexOf("{", i);
    if (start < 0) break;
    let depth = 0;
    let inStr = false;
    let end = -1;
    for (let j = start; j < t.length; j++) {
      const c = t.charCodeAt(j);
      if (inStr) {
        if (c === 92) j++;
        else if (c === 34) inStr = false;
      } else if (c === 34) inStr = true;
      else if (c === 123) depth++;
      else if (c === 125 && --depth === 0) {
        end = j + 1;
        break;
      }
    }
    if (end < 0) {
      if (++restarts > MAX_RESTARTS) break;
      i = start + 1;
    } else {
      spans.push([start, end]);
      i = end;
    }
  }
  return spans;
}

/**
 * The last JSON object in a text that parses (the final verdict follows the reasoning), or undefined.
 * @example lastJsonObject('I think 7. {"result": 7}') // { result: 7 }
 */
export function lastJsonObject(text: string): Record<string, unknown> | undefined {
  const t = text.length > VERDICT_TAIL_CHARS ? text.slice(text.length - VERDICT_TAIL_CHARS) : text;
  const spans = objectSpans(t);
  for (let k = spans.length - 1, tries = 0; k >= 0 && tries < 16; k--, tries++) {
    const [s, e] = spans[k]!;
    try {
      const v = JSON.parse(t.slice(s, e));
      if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // not JSON (prose in braces, a LaTeX group): try the previous span
    }
  }
  return undefined;
}

/** The JSON object of an answer: the whole text when it parses (structured outputs), else the last one in it. */
export function answerObject(text: string): Record<string, unknown> | undefined {
  const t = text.trim();
  if (t.startsWith("{")) {
    try {
      const v = JSON.parse(t);
      if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // a truncated or decorated object: fall through to the tolerant reader
    }
  }
  return lastJsonObject(finalSegment(text));
}

/** A number from a JSON value: finite numbers, and strings that are exactly a number. */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

const NUM = String.raw`([-+]?(?:\d+(?:\.\d+)?|\.\d+))`;
const NUM_AT = /[-+]?(?:\d+(?:\.\d+)?|\.\d+)/y;
const TAG_PATTERNS: RegExp[] = [
  new RegExp(String.raw`<score>\s*${NUM}\s*</score>`, "gi"),
  new RegExp(String.raw`\\boxed\{\s*${NUM}\s*\}`, "g"),
  new RegExp(String.raw`\[\[\s*${NUM}\s*\]\]`, "g"),
];
const KEYWORD = /\b(?:score|rating|grade|result)\b/gi;

/** Reads `keyword [is] [:=] [**] number` after a keyword by hand (adjacent `\s*` groups would backtrack). */
function numberAfterKeyword(t: string, from: number): number | undefined {
  let j = from;
  const skip = (chars: string) => {
    while (j < t.length && chars.includes(t[j]!)) j++;
  };
  skip(" \t");
  if (t.slice(j, j + 2).toLowerCase() === "is") j += 2;
  skip(" \t*");
  if (t[j] === ":" || t[j] === "=") j++;
  skip(" \t*");
  NUM_AT.lastIndex = j;
  const m = NUM_AT.exec(t);
  return m ? Number(m[0]) : undefined;
}

/** The last match (position and number) of any score pattern in `t`. */
function lastScoreMatch(t: string): { at: number; value: number } | undefined {
  let best: { at: number; value: number } | undefined;
  const consider = (at: number, v: number | undefined) => {
    if (v !== undefined && Number.isFinite(v) && (!best || at >= best.at)) best = { at, value: v };
  };
  for (const re of TAG_PATTERNS) {
    re.lastIndex = 0;
    for (const m of t.matchAll(re)) consider(m.index, Number(m[1]));
  }
  KEYWORD.lastIndex = 0;
  for (const m of t.matchAll(KEYWORD)) consider(m.index, numberAfterKeyword(t, m.index + m[0].length));
  return best;
}

/** A parsed numeric verdict, or why there is none. */
export type ScoreVerdict =
  | { ok: true; value: number; steps?: unknown; via: "json" | "text" }
  | { ok: false; reason: string };

/**
 * Reads a numeric verdict: `{"result": x}` (OpenAI score_model; also `score`), else the last `<score>x</score>`,
 * `\boxed{x}`, `[[x]]` or `score: x` in the final segment. Anything else is not a number — never 0.
 * @example parseScore('<think>…</think>Final score: 8') // { ok: true, value: 8, via: "text" }
 */
export function parseScore(text: string, fields: readonly string[] = ["result", "score"]): ScoreVerdict {
  const obj = answerObject(text);
  if (obj) {
    for (const f of fields) {
      if (f in obj) {
        const n = asNumber(obj[f]);
        if (n === undefined) return { ok: false, reason: `"${f}" is not a number: ${brief(obj[f])}` };
        return { ok: true, value: n, steps: obj.steps, via: "json" };
      }
    }
  }
  const seg = finalSegment(text);
  if (!seg)
    return { ok: false, reason: text.includes("<think>") ? "reasoning never closed" : "empty answer" };
  const m = lastScoreMatch(seg.length > 4000 ? seg.slice(seg.length - 4000) : seg);
  if (m) return { ok: true, value: m.value, via: "text" };
  const bare = asNumber(seg);
  if (bare !== undefined) return { ok: true, value: bare, via: "text" };
  return { ok: false, reason: `no numeric verdict in the answer (${brief(seg)})` };
}

const TRIM = new Set([..." \t\r\n*_`\"'“”"]);
const TRIM_END = new Set([...TRIM, ".", "!"]);

/** Lower-cased text without surrounding quotes, markdown emphasis or a trailing period (a loop, not a regex:
 * a trailing-whitespace regex is quadratic on long runs of spaces). */
function clean(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && TRIM.has(s[a]!)) a++;
  while (b > a && TRIM_END.has(s[b - 1]!)) b--;
  return s.slice(a, b).toLowerCase();
}

/** A label chosen by the judge, or why none was. */
export type LabelVerdict = { ok: true; label: string } | { ok: false; reason: string };

/**
 * Reads a label out of a fixed set (case-insensitive): a JSON `result`/`label`, a `<label>` tag, a
 * `label:`/`verdict:`/`answer:` line, or a final segment that is just the label. Substring matches do not count
 * ("incorrect" never reads as "correct").
 * @example parseLabel('{"result": "Correct"}', ["correct", "incorrect"]) // { ok: true, label: "correct" }
 */
export function parseLabel(text: string, labels: readonly string[]): LabelVerdict {
  const byClean = new Map(labels.map((l) => [clean(l), l]));
  const pick = (s: unknown): string | undefined =>
    typeof s === "string" ? byClean.get(clean(s)) : undefined;
  const obj = answerObject(text);
  if (obj) {
    for (const f of ["result", "label", "verdict", "answer"]) {
      if (f in obj) {
        const l = pick(obj[f]);
        if (l !== undefined) return { ok: true, label: l };
        return { ok: false, reason: `"${f}" is not one of the labels: ${brief(obj[f])}` };
      }
    }
  }
  const seg = finalSegment(text);
  if (!seg)
    return { ok: false, reason: text.includes("<think>") ? "reasoning never closed" : "empty answer" };
  const whole = pick(seg);
  if (whole !== undefined) return { ok: true, label: whole };
  const tag = lastTagContent(seg, "label");
  if (tag !== undefined && pick(tag) !== undefined) return { ok: true, label: pick(tag)! };
  const lines = seg.split("\n");
  for (let k = lines.length - 1; k >= 0 && k >= lines.length - 50; k--) {
    const line = lines[k]!;
    const m = /^\W*(?:final\s+)?(?:label|verdict|answer|classification|grade)\W*[:=-]\s*(.+)$/i.exec(line);
    if (m) {
      const l = pick(m[1]!);
      if (l !== undefined) return { ok: true, label: l };
    }
    const l = pick(line);
    if (l !== undefined) return { ok: true, label: l };
  }
  return { ok: false, reason: `no label among [${labels.join(", ")}] in the answer (${brief(seg)})` };
}

function lastTagContent(t: string, tag: string): string | undefined {
  const open = t.lastIndexOf(`<${tag}>`);
  if (open < 0) return undefined;
  const from = open + tag.length + 2;
  const end = t.indexOf(`</${tag}>`, from);
  return end < 0 ? undefined : t.slice(from, end);
}

/** A pairwise preference: the first response, the second, or a tie. */
export type Preference = "A" | "B" | "tie";

/** Maps one verdict phrase ("A", "Response B", "[[A]]", "Image 1 is better", "tie") to a preference. */
export function readPreference(s: string): Preference | undefined {
  const t = clean(s.replace(/^\[\[|\]\]$/g, ""));
  if (/^(tie|draw|equal|same|both|neither|equally good|equally bad)\b/.test(t)) return "tie";
  const m = /^(?:(?:response|answer|output|assistant|candidate|action|image|option)\s*)?(a|b|1|2)\b/.exec(t);
  if (m) return m[1] === "a" || m[1] === "1" ? "A" : "B";
  const better =
    /\b(?:response|answer|output|assistant|candidate|action|image|option)\s*(a|b|1|2)\s+is\s+(?:better|preferred|superior)/.exec(
      t,
    );
  if (better) return better[1] === "a" || better[1] === "1" ? "A" : "B";
  return undefined;
}

/** A parsed preference, or why there is none. */
export type PreferenceVerdict = { ok: true; preference: Preference } | { ok: false; reason: string };

/**
 * Reads a pairwise verdict: JSON `verdict`/`result`/`preferred`, `[[A]]`, `<verdict>` or the final segment or a
 * `verdict:` line, the last one in the answer winning.
 * @example parsePreference("Both are fine but … [[B]]") // { ok: true, preference: "B" }
 */
export function parsePreference(text: string): PreferenceVerdict {
  const obj = answerObject(text);
  if (obj) {
    for (const f of ["verdict", "result", "preferred", "winner", "better"]) {
      if (f in obj) {
        const p = typeof obj[f] === "string" ? readPreference(obj[f] as string) : undefined;
        if (p) return { ok: true, preference: p };
        return { ok: false, reason: `"${f}" is not A, B or tie: ${brief(obj[f])}` };
      }
    }
  }
  const seg = finalSegment(text);
  if (!seg)
    return { ok: false, reason: text.includes("<think>") ? "reasoning never closed" : "empty answer" };
  const tag = lastTagContent(seg, "verdict");
  if (tag !== undefined) {
    const p = readPreference(tag);
    if (p) return { ok: true, preference: p };
  }
  const br = seg.lastIndexOf("[[");
  if (br >= 0) {
    const end = seg.indexOf("]]", br);
    const p = end > br ? readPreference(seg.slice(br + 2, end)) : undefined;
    if (p) return { ok: true, preference: p };
  }
  const whole = readPreference(seg);
  if (whole && seg.length <= 80) return { ok: true, preference: whole };
  const lines = seg.split("\n");
  for (let k = lines.length - 1; k >= 0 && k >= lines.length - 50; k--) {
    const m = /^\W*(?:final\s+)?(?:verdict|answer|preference|decision|winner)\W*[:=-]\s*(.+)$/i.exec(
      lines[k]!,
    );
    if (m) {
      const p = readPreference(m[1]!);
      if (p) return { ok: true, preference: p };
    }
  }
  return { ok: false, reason: `no verdict (A, B or tie) in the answer (${brief(seg)})` };
}

/** A short, single-line preview of a value for error messages. */
export function brief(v: unknown): string {
  const s = typeof v === "string" ? v : (JSON.stringify(v) ?? String(v));
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > 80 ? `${one.slice(0, 80)}…` : one;
}
