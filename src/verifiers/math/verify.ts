/**
 * `verifyMath(gold, pred, options)`: extract the answer from each side, normalise, parse and decide
 * equivalence, reporting what was extracted and which rule decided. Pure and synchronous; inputs too big
 * to evaluate are refused with a `resource` error instead of being attempted.
 */
import { RewardFailure } from "../../core/result.ts";
import { tagContent } from "../extract/tags.ts";
import { type MathNode, show } from "./ast.ts";
import { casParseExpr, casParseLatex } from "./cas.ts";
import { type CompareOptions, compareNodes } from "./compare.ts";
import { type Candidate, type ExtractKind, findCandidates, MATH_WORDS, OTHER_OPTION } from "./extract.ts";
import { NORMALIZE_ALL, type NormalizeConfig, normalizeLatex } from "./normalize.ts";
import { type Dialect, parseMath } from "./parse.ts";
import { spellUnicodeMath } from "./unicode.ts";

/** Options of `verifyMath`; names and defaults mirror Math-Verify where it has the option. */
export interface MathOptions {
  /** What to extract (Math-Verify `LatexExtractionConfig`, `ExprExtractionConfig`, `StringExtractionConfig`). */
  extract: readonly ExtractKind[];
  /** Priority of `\boxed{}` answers (0 = before every anchor, 50 = Math-Verify's library default, -1 = off). */
  boxed_priority: number;
  /** Decimals both sides are rounded to when either holds a decimal literal (Math-Verify `float_rounding`). */
  precision: number;
  /** Variable names matter; false renames the prediction's symbols to the gold's by position. */
  strict: boolean;
  /** Compare a relation prediction with a set gold (`x>1` vs `(1,\infty)`); off so echoing the question fails. */
  allow_set_relation: boolean;
  /** LaTeX normalisation groups. */
  normalize: NormalizeConfig;
  /** `28\%` equals `28` (percent written on one side only). Math-Verify 0.8: no. */
  percent_as_number: boolean;
  /** `90^\circ` equals `\frac{\pi}{2}`. Math-Verify: no. */
  degrees_as_radians: boolean;
  /** Letters for multiple-choice (string) extraction. */
  choices: readonly string[];
  /** Read only the last `<tag>…</tag>` block when the text has one (null: never). */
  answer_tag: string | null;
  /** A text that is one bare formula (no `$`, no `\boxed`, no prose) is parsed whole, so `x+1` works as gold. */
  bare_formula: boolean;
  /** Fall back to @cortex-js/compute-engine (LaTeX) and mathjs (plain) for boxed/anchored/bare answers. */
  cas_fallback: boolean;
  /** The question: anchorless candidates of the prediction that merely repeat a formula of it are skipped. */
  question?: string;
}

/** Defaults: Math-Verify's extraction defaults with the reward-recommended `boxed_priority: 0`. */
export const DEFAULT_MATH_OPTIONS: MathOptions = {
  extract: ["latex", "expr"],
  boxed_priority: 0,
  precision: 6,
  strict: true,
  allow_set_relation: false,
  normalize: NORMALIZE_ALL,
  percent_as_number: true,
  degrees_as_radians: true,
  choices: ["A", "B", "C", "D"],
  answer_tag: "answer",
  bare_formula: true,
  cas_fallback: true,
};

/** What was taken from one side. */
export interface SideInfo {
  /** The extracted answer text (after normalisation), or null when nothing was found. */
  extracted: string | null;
  /** The parsed answer, rendered canonically, or null when nothing parsed. */
  parsed: string | null;
  /** Where it came from: `bare`, `boxed`, `final-answer`, `answer-anchor`, `anchorless`, `answer-tag:…`. */
  source: string | null;
}

/** The verdict of one check. */
export interface MathVerdict {
  correct: boolean;
  /** The rule that decided (`exact-rational`, `float-rounding`, `set`, `relation`, `no-answer`, ...). */
  rule: string;
  gold: SideInfo;
  pred: SideInfo;
  /** Why the comparison was left undecided (a numeric error bound too wide to separate the values). */
  note?: string;
  /** Set when the check was refused (`resource`) instead of decided. */
  error?: { kind: "resource"; message: string };
}

/** Longest answer piece that is parsed; longer ones are refused as a resource problem. */
export const MAX_PIECE_CHARS = 20_000;
/** How many compute-engine/mathjs fallback parses one side may use. */
const CAS_BUDGET = 2;

interface Extracted {
  node: MathNode | null;
  raw: string | null;
  source: string | null;
  /** The value after a choice letter (`\textbf{(B)}\ 71` → 71), tried when the letter does not match. */
  alt?: MathNode | null;
}

/** Both answers were extracted as the same non-blank text (decides when parsing or comparison cannot). */
function sameText(g: Extracted, p: Extracted): boolean {
  return !!g.raw && !!p.raw && g.raw.trim() !== "" && g.raw.trim() === p.raw.trim();
}

/** A text that is nothing but one formula (so it can be parsed whole). */
function isBareFormula(t: string): boolean {
  if (t.length === 0 || t.length > 400) return false;
  if (/(?<!\\)\$|\\\(|\\\[|\\boxed|\\fbox|\n\s*\n/.test(t)) return false;
  const stripped = t
    .replace(/\\(?:begin|end)\s*\{[a-zA-Z*]*\}/g, " ")
    .replace(/\\text\s*\{[^{}]*\}/g, " ")
    .replace(/\\[a-zA-Z]+/g, " ");
  for (const w of stripped.match(/[A-Za-z]{3,}/g) ?? []) if (!MATH_WORDS.has(w.toLowerCase())) return false;
  return /[0-9A-Za-z\\]/.test(t);
}

/** A text that is one option: `**(E)**`, `(E)`, `E) 7`, `(E) 7`, `**E.** 7` (letter, then its value). */
const OPTION_ONLY = /^\*{0,2}(?:\(([A-Z])\)|([A-Z])[).:]?)\*{0,2}(?:\s+([-+\d.\\][^\n]{0,60}))?$/;
const WHOLE_THOUSANDS = /^\s*-?\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*$/;
/** `12\,345`, `12\!345`, `1 230 252`: digit groups of three after spacing commands became spaces. */
const SPACED_THOUSANDS = /^\s*-?\d{1,3}(?: +\d{3})+(?:\.\d+)?\s*$/;
/** An AMC-style choice `\text{(B)}\ 57`: the letter is the answer. */
const CHOICE_FIRST = /^\s*\\text\s*\{\s*\(\s*([A-Za-z])\s*\)\s*\}\s*(?:[-+\d.]|\\(?!text))/;

/** `\approx`: keep the exact value or equation before it, or take the value after it (`x\approx 11` → `11`). */
function dropApprox(s: string): string {
  const i = s.indexOf("\\approx");
  if (i === -1) return s;
  const before = s.slice(0, i);
  // `x = 5 \approx`, `\frac{1}{3} \approx 0.333`: the exact value before it; `x \approx 11`: the value after.
  if (before.includes("=") || /[\d\\]/.test(before)) return before;
  const j = s.lastIndexOf("\\approx");
  return s.slice(j + "\\approx".length);
}

interface ParseCtx {
  o: MathOptions;
  cas: number;
}

function parseLatexPiece(
  text: string,
  ctx: ParseCtx,
  allowCas: boolean,
): { node: MathNode | null; norm: string; alt?: MathNode | null } {
  if (text.length > MAX_PIECE_CHARS)
    throw new RewardFailure("resource", `answer longer than ${MAX_PIECE_CHARS} characters`);
  // (Trimmed: a display block's leading newline must not make `\text{(B)}` look like a trailing unit.)
  let norm = normalizeLatex(text.trim(), ctx.o.normalize);
  if (WHOLE_THOUSANDS.test(norm)) norm = norm.replace(/,/g, "");
  else if (SPACED_THOUSANDS.test(norm)) norm = norm.replace(/ /g, "");
  const popts = { dialect: "latex" as Dialect, malformed: ctx.o.normalize.malformed_operators };
  const choice = CHOICE_FIRST.exec(norm);
  // `\text{(B)} 7, \text{(C)} 8` names two options: no single choice, so the letter does not decide.
  if (choice && !/\\text\s*\{\s*\(\s*[A-Za-z]\s*\)|\(\s*[A-Z]\s*\)/.test(norm.slice(choice[0].length - 1))) {
    const alt = parseMath(norm.slice(choice[0].length - 1), popts);
    return { node: parseMath(`\\text{${choice[1]}}`, popts), norm, alt };
  }
  norm = dropApprox(norm);
  let node = parseMath(norm, popts);
  if (!node && !/[,;]/.test(norm)) {
    // Math-Verify retries on the last `=` segment of a chain it cannot parse.
    const parts = norm.split(/(?<![\\<>!])=/);
    if (parts.length > 2) node = parseMath(parts[parts.length - 1]!, popts);
  }
  if (!node && allowCas && ctx.o.cas_fallback && ctx.cas < CAS_BUDGET) {
    ctx.cas++;
    node = casParseLatex(norm);
  }
  return { node, norm };
}

function parseExprPiece(text: string, ctx: ParseCtx, allowCas: boolean): MathNode | null {
  if (text.length > MAX_PIECE_CHARS)
    throw new RewardFailure("resource", `answer longer than ${MAX_PIECE_CHARS} characters`);
  const src = (WHOLE_THOUSANDS.test(text) ? text.replace(/,/g, "") : text)
    .replace(/×/g, "*")
    .replace(/÷/g, "/")
    .replace(/\s+$/, "")
    .replace(/\.+$/, "");
  let node = parseMath(src, { dialect: "expr", malformed: true });
  if (!node && allowCas && ctx.o.cas_fallback && ctx.cas < CAS_BUDGET) {
    ctx.cas++;
    node = casParseExpr(src);
  }
  return node;
}

function sourceOf(c: Candidate, o: MathOptions): string {
  if (c.priority === o.boxed_priority && c.kind === "latex" && !c.anchorless && o.boxed_priority >= 0) {
    return "boxed";
  }
  if (c.priority === 0 || c.priority === 50) return "final-answer";
  if (c.priority === 100 || c.priority === 200) return "answer-anchor";
  if (c.priority === 250) return "line-start";
  return "anchorless";
}

function parseCandidate(
  c: Candidate,
  ctx: ParseCtx,
): { node: MathNode | null; raw: string; alt?: MathNode | null } {
  const allowCas = !c.anchorless;
  if (c.kind === "string") return { node: { t: "text", value: c.pieces[0]!.text }, raw: c.pieces[0]!.text };
  if (c.kind === "expr") {
    const p = c.pieces[0]!;
    let node = parseExprPiece(p.text, ctx, allowCas);
    if (node && p.percent) node = { t: "pct", arg: node };
    return { node, raw: p.text };
  }
  if (c.plain) {
    const text = c.pieces[0]!.text;
    const r = parseLatexPiece(text, ctx, false);
    return { node: r.node ?? parseExprPiece(text, ctx, false), raw: r.norm, alt: r.alt ?? null };
  }
  const nodes: (MathNode | null)[] = [];
  const raws: string[] = [];
  const alts: (MathNode | null)[] = [];
  for (const p of c.pieces) {
    const r = parseLatexPiece(p.text, ctx, allowCas);
    raws.push(r.norm);
    alts.push(r.alt ?? null);
    nodes.push(r.node && p.percent ? { t: "pct", arg: r.node } : r.node);
  }
  const raw = raws.join(" and ");
  if (nodes.length === 1) return { node: nodes[0]!, raw, alt: alts[0] ?? null };
  if (nodes.some((n) => !n)) return { node: null, raw };
  const items: MathNode[] = [];
  for (const n of nodes as MathNode[]) {
    if (n.t === "set") items.push(...n.items);
    else items.push(n);
  }
  return { node: { t: "set", items }, raw };
}

/** Normalised formulas of the question, so an echoed question is not taken as the answer. */
function questionFormulas(q: string | undefined, o: MathOptions): Set<string> {
  const out = new Set<string>();
  if (!q) return out;
  for (const c of findCandidates(q, { kinds: o.extract, boxedPriority: -1, choices: o.choices })) {
    for (const p of c.pieces) out.add(normalizeLatex(p.text, o.normalize).replace(/\s+/g, ""));
  }
  return out;
}

/** Extracts and parses the answer of one side, Math-Verify's way: the first candidate that parses wins. */
export function extractSide(text: string, o: MathOptions, echo?: Set<string>): Extracted {
  let body = text;
  let tagNote = "";
  if (o.answer_tag && body.includes(`<${o.answer_tag}>`)) {
    const inner = tagContent(body, o.answer_tag);
    if (inner !== null) {
      body = inner;
      tagNote = `answer-tag:`;
    }
  }
  const ctx: ParseCtx = { o, cas: 0 };
  // `7.6 x 10^4` written in plain text is scientific notation, not a product with a variable x.
  const trimmed = body.trim().replace(/(\d)\s+[x×]\s+10\^/g, "$1*10^");
  // A whole text (or answer tag) that is one marked option, `**(E)**`, `E) 7`, `(E) 7`: the choice.
  const opt = OPTION_ONLY.exec(trimmed);
  if (
    opt &&
    o.choices.length > 0 &&
    (opt[1] || opt[3] || /^\*\*|\($/.test(trimmed.slice(0, 2))) &&
    !OTHER_OPTION.test(opt[3] ?? "")
  ) {
    const letter = opt[1] ?? opt[2]!;
    const r = parseLatexPiece(opt[3] ? `\\text{(${letter})} ${opt[3]}` : `\\text{${letter}}`, ctx, false);
    if (r.node) return { node: r.node, raw: r.norm, alt: r.alt, source: `${tagNote}choice` };
  }
  if (o.bare_formula && isBareFormula(trimmed)) {
    const isLatex = /[\\{}^]/.test(trimmed);
    let node: MathNode | null = null;
    let raw = trimmed;
    if (!isLatex) node = parseExprPiece(trimmed, { ...ctx, cas: CAS_BUDGET }, false);
    if (!node) {
      const r = parseLatexPiece(trimmed, ctx, isLatex);
      node = r.node;
      raw = r.norm;
    }
    if (node) return { node, raw, source: `${tagNote}bare` };
  }
  const eo = { kinds: o.extract, boxedPriority: o.boxed_priority, choices: o.choices };
  let firstRaw: string | null = null;
  let firstSource: string | null = null;
  const failed: [number, number][] = [];
  // A cheap first pass over the top priorities (Minerva anchor, boxes) before scanning every number.
  const early =
    o.boxed_priority >= 0 && o.boxed_priority < 50 ? findCandidates(body, eo, o.boxed_priority) : [];
  const key = (c: Candidate) => `${c.priority}:${c.start}:${c.end}:${c.kind}`;
  const seen = new Set(early.map(key));
  const cands = function* () {
    yield* early;
    for (const c of findCandidates(body, eo)) if (!seen.has(key(c))) yield c;
  };
  for (const c of cands()) {
    if (echo?.size && c.anchorless) {
      const key = c.pieces.map((p) => normalizeLatex(p.text, o.normalize).replace(/\s+/g, "")).join(",");
      if (echo.has(key)) continue;
    }
    // A formula that failed to parse must not supply an isolated number from inside it (`$4\sqrt(2)$` is not 4).
    if (c.kind === "expr" && failed.slice(-256).some(([a, b]) => c.start < b && c.end > a)) continue;
    const r = parseCandidate(c, ctx);
    // (A plain answer line that fails is only a guess at the line's shape; its numbers stay available.)
    if (!r.node && c.kind === "latex" && !c.plain) failed.push([c.start, c.end]);
    if (firstRaw === null) {
      firstRaw = r.raw;
      firstSource = tagNote + sourceOf(c, o);
    }
    if (r.node) return { node: r.node, raw: firstRaw, source: tagNote + sourceOf(c, o), alt: r.alt ?? null };
  }
  return { node: null, raw: firstRaw, source: firstSource };
}

// Not `5,0`: a zero fraction adds nothing to a decimal and reads as the pair {5, 0} (a hedge).
const DECIMAL_COMMA = /^\s*-?\d+,(?!0+\s*$)(?:\d{1,2}|\d{4,})\s*$/;

/**
 * Gold-driven: against a single-number gold, `\boxed{19,86}` (no space, not three digits after the comma)
 * is read as the decimal 19.86 rather than the set {19, 86}.
 */
function decimalCommaReading(gold: MathNode, p: Extracted, o: MathOptions): MathNode | null {
  if (gold.t !== "num" && !(gold.t === "neg" && gold.arg.t === "num")) return null;
  if (!p.raw || !DECIMAL_COMMA.test(p.raw)) return null;
  return parseMath(p.raw.replace(",", "."), { dialect: "latex", malformed: o.normalize.malformed_operators });
}

function cut(s: string | null): string | null {
  return s && s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

function info(e: Extracted): SideInfo {
  return { extracted: cut(e.raw), parsed: e.node ? cut(show(e.node)) : null, source: e.source };
}

/**
 * Checks whether `pred` answers like `gold`: Math-Verify's extraction and gold-driven rules, exact rationals
 * first, rounding only with decimal literals, and a `resource` error for inputs too big to evaluate.
 * @example verifyMath("$\\frac{1}{2}$", "so the answer is \\boxed{0.5}").correct // true
 */
export function verifyMath(gold: string, pred: string, options: Partial<MathOptions> = {}): MathVerdict {
  const o: MathOptions = { ...DEFAULT_MATH_OPTIONS, ...options };
  const empty: SideInfo = { extracted: null, parsed: null, source: null };
  let g: Extracted | null = null;
  let p: Extracted | null = null;
  try {
    g = extractSide(spellUnicodeMath(gold), o);
    p = extractSide(spellUnicodeMath(pred), o, questionFormulas(o.question, o));
    const co: CompareOptions = {
      precision: o.precision,
      strict: o.strict,
      allowSetRelation: o.allow_set_relation,
      percentAsNumber: o.percent_as_number,
      degreesAsRadians: o.degrees_as_radians,
    };
    if (g.node && p.node) {
      const d = compareNodes(g.node, p.node, co);
      if (d.equal) return { correct: true, rule: d.rule, gold: info(g), pred: info(p) };
      const dc = decimalCommaReading(g.node, p, o);
      if (dc && compareNodes(g.node, dc, co).equal) {
        return { correct: true, rule: "decimal-comma", gold: info(g), pred: info(p) };
      }
      if (p.alt && compareNodes(g.node, p.alt, co).equal) {
        return { correct: true, rule: "choice-value", gold: info(g), pred: info(p) };
      }
      // A gold `\textbf{(C)}\ 12` names option C and its value 12: the value alone answers it too.
      if (g.alt && compareNodes(g.alt, p.node, co).equal) {
        return { correct: true, rule: "choice-value", gold: info(g), pred: info(p) };
      }
      if (sameText(g, p)) return { correct: true, rule: "same-text", gold: info(g), pred: info(p) };
      return {
        correct: false,
        rule: d.rule,
        gold: info(g),
        pred: info(p),
        ...(d.note ? { note: d.note } : {}),
      };
    }
    if (sameText(g, p)) {
      return { correct: true, rule: "same-text", gold: info(g), pred: info(p) };
    }
    const rule = !p.node && !p.raw ? "no-answer" : !g.node ? "gold-unparsed" : "pred-unparsed";
    return { correct: false, rule, gold: info(g), pred: info(p) };
  } catch (e) {
    if ((e instanceof RewardFailure && e.kind === "resource") || e instanceof RangeError) {
      return {
        correct: false,
        rule: "resource",
        gold: g ? info(g) : empty,
        pred: p ? info(p) : empty,
        error: { kind: "resource", message: e.message },
      };
    }
    throw e;
  }
}
