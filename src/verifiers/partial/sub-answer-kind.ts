import { z } from "zod";
import { fail, ok } from "../../core/result.ts";
import { completionText, referenceAt } from "../../core/text.ts";
import { leafKind } from "../../spec/define-kind.ts";
import { normalizeAnswer, parseNumber } from "../extract/normalize.ts";
import { tagContent } from "../extract/tags.ts";
import { jsonSource, jsonText, parseJson } from "../json/extract.ts";

const finite = z.number().refine(Number.isFinite, "expected a finite number");

const params = z.strictObject({
  /** Sub-answers come from one JSON object (`json`) or from one `<key>…</key>` tag per part (`tags`). */
  from: z.enum(["json", "tags"]).default("json"),
  /** Where the JSON object is found (answer tag, fence, whole text, or auto). */
  json_from: jsonSource.default("auto"),
  tag: z.string().min(1).default("answer"),
  reference_field: z.string().optional(),
  /** Weights by part key; override the reference's own weights (default 1). */
  weights: z.record(z.string(), finite).optional(),
  /** Difficulty level → multiplier, for the rollout and for single parts (RewardMap's w_city). */
  difficulty_weights: z.record(z.string(), finite).default({ easy: 1, middle: 1.2, hard: 1.5 }),
  /** A part scores this when wrong, and `missing_value` when absent: keep them gentle (bounded, small). */
  wrong_value: finite.default(0),
  missing_value: finite.default(0),
  /** Divide the detail sum by the total weight (→ [min value, 1]); off gives RewardMap's raw sum. */
  normalize: z.boolean().default(true),
  /** Upper clip of the detail term (RewardMap clips its detail reward at 10); none by default. */
  detail_max: finite.optional(),
  /** Bonus when every part is right (RewardMap: 10) and the detail term's weight (RewardMap: 0.5). */
  all_correct_bonus: finite.default(0),
  detail_weight: finite.default(1),
  /** Numbers within this relative tolerance count as equal. */
  rel_tol: z.number().min(0).default(0),
  ignore_case: z.boolean().default(true),
});

interface Part {
  key: string;
  answers: string[];
  weight: number;
  difficulty?: string;
}

/** A part with its answers normalised and read as numbers once (a group's rollouts share the reference). */
interface ReadyPart extends Part {
  /** Its component name, built once. */
  component: string;
  norm: string[];
  nums: (number | null)[];
}

type Ready = { parts: ReadyPart[]; difficulty?: string } | string;
type Params = z.infer<typeof params>;

/** Per compiled reward: parsed references by reference object (the normalisation depends on `ignore_case`). */
interface Prepared {
  refs: WeakMap<object, Ready>;
}

function readyParts(ref: unknown, ignoreCase: boolean): Ready {
  const r = readParts(ref);
  if (typeof r === "string") return r;
  const norm = { ignoreCase };
  const parts = r.parts.map((part): ReadyPart => {
    const n = part.answers.map((a) => normalizeAnswer(a, norm));
    return { ...part, component: `part.${part.key}`, norm: n, nums: n.map(parseNumber) };
  });
  return r.difficulty === undefined ? { parts } : { parts, difficulty: r.difficulty };
}

function cachedParts(prep: Prepared, ref: unknown, ignoreCase: boolean): Ready {
  if (ref === null || typeof ref !== "object") return readyParts(ref, ignoreCase);
  let r = prep.refs.get(ref);
  if (r === undefined) prep.refs.set(ref, (r = readyParts(ref, ignoreCase)));
  return r;
}

/** A part's answer as text: strings as they are, objects as JSON; null when absent. */
function readPart(p: Params, text: string, obj: Record<string, unknown> | null, key: string): string | null {
  if (p.from === "tags") return tagContent(text, key);
  const v = obj?.[key];
  if (v === undefined || v === null) return null;
  return typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
}

/**
 * True when `normalizeAnswer(s, { ignoreCase })` would return `s` unchanged: printable ASCII only (NFKC and the
 * invisible/minus/digit folds leave it alone), no capital letter when case is ignored, single inner spaces, no
 * leading or trailing space, and no trailing `.` or `!`. Lets the common short answer skip four regex passes.
 */
export function alreadyNormal(s: string, ignoreCase: boolean): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return false;
  const last = s.charCodeAt(n - 1);
  if (last === 46 || last === 33) return false;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126) return false;
    if (ignoreCase && c >= 65 && c <= 90) return false;
    const space = c === 32;
    if (space && prevSpace) return false;
    prevSpace = space;
  }
  return true;
}

/** parseNumber needs an ASCII digit; most non-numeric answers are rejected without its regexes. */
function numberOf(s: string): number | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return parseNumber(s);
  }
  return null;
}

/** Whether the answer matches one of the part's answers: equal after normalisation, or numerically close. */
function partRight(p: Params, got: string, part: ReadyPart): boolean {
  const capped = got.length > 10_000 ? got.slice(0, 10_000) : got;
  const a = alreadyNormal(capped, p.ignore_case)
    ? capped
    : normalizeAnswer(capped, { ignoreCase: p.ignore_case });
  let x: number | null | undefined;
  for (let i = 0; i < part.norm.length; i++) {
    if (a === part.norm[i]) return true;
    if (x === undefined) x = numberOf(a);
    const y = part.nums[i]!;
    if (x !== null && y !== null && Math.abs(x - y) <= p.rel_tol * Math.abs(y)) return true;
  }
  return false;
}

/** The multiplier of a difficulty level, or the error for an unknown one. */
function difficultyWeight(p: Params, d: string | undefined): number | string {
  if (d === undefined) return 1;
  const w = p.difficulty_weights[d];
  return w === undefined ? `unknown difficulty "${d}"` : w;
}

function asAnswers(v: unknown): string[] | null {
  if (typeof v === "string") return [v];
  if ((typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean") return [String(v)];
  if (Array.isArray(v) && v.length > 0 && v.every((x) => ["string", "number", "boolean"].includes(typeof x)))
    return v.map(String);
  return null;
}

/** Reads `{parts: [{key, answer, weight?, difficulty?}], difficulty?}` or a plain `{key: answer}` object. */
function readParts(ref: unknown): { parts: Part[]; difficulty?: string } | string {
  if (ref === null || typeof ref !== "object" || Array.isArray(ref))
    return "reference must be {parts: [...]} or an object of key → answer";
  const o = ref as Record<string, unknown>;
  const parts: Part[] = [];
  if (Array.isArray(o.parts)) {
    for (const [i, raw] of o.parts.entries()) {
      if (raw === null || typeof raw !== "object") return `parts[${i}] must be an object`;
      const p = raw as Record<string, unknown>;
      const answers = asAnswers(p.answer);
      if (typeof p.key !== "string" || !answers) return `parts[${i}] needs a string key and an answer`;
      const weight = p.weight === undefined ? 1 : p.weight;
      if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0)
        return `parts[${i}].weight must be a finite number ≥ 0`;
      parts.push({
        key: p.key,
        answers,
        weight,
        ...(typeof p.difficulty === "string" ? { difficulty: p.difficulty } : {}),
      });
    }
    return { parts, ...(typeof o.difficulty === "string" ? { difficulty: o.difficulty } : {}) };
  }
  for (const [key, v] of Object.entries(o)) {
    const answers = asAnswers(v);
    if (!answers) return `reference.${key} must be a string, number, boolean or a list of them`;
    parts.push({ key, answers, weight: 1 });
  }
  return { parts };
}

/**
 * Partial credit from weighted sub-answers: detail = Σ_k w_k·d_k·c_k (÷ Σ_k w_k·d_k when normalised), with c_k = 1
 * right, `wrong_value`, or `missing_value`; R = W_difficulty·(bonus·1[all right] + detail_weight·detail)
 * (RewardMap's difficulty-aware detail reward, arXiv 2510.02240 §3: R = w·(10·1[acc] + 0.5·R_detail)).
 * @example { kind: credit.partial, from: json, wrong_value: -0.25 }
 */
export const creditPartial = leafKind({
  kind: "credit.partial",
  summary:
    "Weighted sub-answer partial credit with difficulty weights (RewardMap's detail reward pattern, generic).",
  params,
  prepare(): Prepared {
    return { refs: new WeakMap() };
  },
  score(r, p, _ctx, prep: Prepared) {
    const ref = cachedParts(prep, referenceAt(r, p.reference_field), p.ignore_case);
    if (typeof ref === "string") return fail("invalid_input", ref);
    if (ref.parts.length === 0) return fail("invalid_input", "reference has no parts");
    const text = completionText(r);
    let obj: Record<string, unknown> | null = null;
    const info: Record<string, unknown> = {};
    if (p.from === "json") {
      const t = jsonText(text, p.json_from, p.tag);
      const j = t === null ? null : parseJson(t.length > 1_000_000 ? "" : t);
      if (j?.ok && j.value !== null && typeof j.value === "object" && !Array.isArray(j.value))
        obj = j.value as Record<string, unknown>;
      else info.reason = j && !j.ok ? j.message : "no JSON object found";
    }
    const level =
      ref.difficulty ?? (typeof r.meta?.difficulty === "string" ? (r.meta.difficulty as string) : undefined);
    const outer = difficultyWeight(p, level);
    if (typeof outer === "string") return fail("invalid_input", outer);

    const components: Record<string, number | null> = {};
    let sum = 0;
    let wsum = 0;
    let allRight = true;
    for (const part of ref.parts) {
      const d = difficultyWeight(p, part.difficulty);
      if (typeof d === "string") return fail("invalid_input", d);
      const w = (p.weights?.[part.key] ?? part.weight) * d;
      const got = readPart(p, text, obj, part.key);
      const c = got === null ? p.missing_value : partRight(p, got, part) ? 1 : p.wrong_value;
      if (c !== 1) allRight = false;
      components[part.component] = c;
      sum += w * c;
      wsum += w;
    }
    let detail = p.normalize ? (wsum === 0 ? 0 : sum / wsum) : sum;
    if (p.detail_max !== undefined) detail = Math.min(detail, p.detail_max);
    components.detail = detail;
    components.all_correct = allRight ? 1 : 0;
    const score = outer * (p.all_correct_bonus * (allRight ? 1 : 0) + p.detail_weight * detail);
    if (level !== undefined) info.difficulty = level;
    return ok(score, { components, ...(Object.keys(info).length ? { info } : {}) });
  },
});
