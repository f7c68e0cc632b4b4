/**
 * Finding the answer in a text, following Math-Verify's priorities (Minerva "final answer is … I hope" 0,
 * "final answer … is" 50, "answer:" 100, "answer" 200, line-start letter 250, anchorless 300; `\boxed` at
 * `boxed_priority`), with hand-written scanners so that every pass is linear in the text.
 */
import { matchBraces } from "../extract/braces.ts";

/** Anchorless candidates kept per text (the rightmost ones); more are never reached in practice. */
export const MAX_ANCHORLESS = 256;

/** Which kinds of answers are looked for. */
export type ExtractKind = "latex" | "expr" | "string";

/** One place an answer may be, with everything needed to parse it. */
export interface Candidate {
  kind: ExtractKind;
  priority: number;
  start: number;
  end: number;
  /** LaTeX pieces (several when environments are joined by `,`/`and`/`or`), or the one expression/letter. */
  pieces: { text: string; percent: boolean }[];
  /** True when no anchor or box led to it (those are the ones an echoed question can produce). */
  anchorless: boolean;
  /** The rest of an answer line in plain text (`**Answer:** x<4`, `#### +154`), parsed whole. */
  plain?: boolean;
}

/** Options of `findCandidates`. */
export interface ExtractOptions {
  kinds: readonly ExtractKind[];
  /** Priority of `\boxed{}` answers; -1 disables boxed matching. */
  boxedPriority: number;
  /** Letters accepted by string extraction (multiple choice). */
  choices: readonly string[];
}

interface Env {
  start: number;
  end: number;
  content: string;
  percent: boolean;
}

const PERCENT_AFTER = /^\s*(?:\\?%|[Pp]ercentage|[Pp]ercent|[Pp]ct)/;

function percentAt(text: string, at: number): number {
  const m = PERCENT_AFTER.exec(text.slice(at, at + 16));
  return m ? m[0].length : 0;
}

/** LaTeX environments in one left-to-right pass: `$$…$$`, `\[…\]`, `$…$`, `\(…\)`, ` […] `, bare `\frac{n}{m}`. */
export function scanEnvs(text: string): Env[] {
  const out: Env[] = [];
  const n = text.length;
  let noMoreDD = -1;
  let noMoreBr = -1;
  let i = 0;
  const push = (start: number, cs: number, ce: number, end: number) => {
    const pct = percentAt(text, end);
    out.push({ start, end: end + pct, content: text.slice(cs, ce), percent: pct > 0 });
    i = end + pct;
  };
  while (i < n) {
    const c = text[i]!;
    const prev = i > 0 ? text[i - 1]! : "";
    if (c === "$" && prev !== "\\") {
      if (text[i + 1] === "$" && i > noMoreDD) {
        let j = text.indexOf("$$", i + 2);
        while (j !== -1 && text[j - 1] === "\\") j = text.indexOf("$$", j + 1);
        if (j !== -1 && j > i + 2) {
          push(i, i + 2, j, j + 2);
          continue;
        }
        if (j === -1) noMoreDD = i;
      }
      if (!/\d/.test(prev)) {
        // Inline: single line, content of escaped dollars or anything but newline and dollar.
        let j = i + 1;
        while (j < n && text[j] !== "\n" && !(text[j] === "$" && text[j - 1] !== "\\")) j++;
        if (j < n && text[j] === "$" && j > i + 1) {
          push(i, i + 1, j, j + 1);
          continue;
        }
      }
      i++;
      continue;
    }
    if (c === "\\" && prev !== "\\") {
      const nx = text[i + 1];
      if (nx === "[" && i > noMoreBr) {
        const j = text.indexOf("\\]", i + 2);
        if (j > i + 2) {
          push(i, i + 2, j, j + 2);
          continue;
        }
        if (j === -1) noMoreBr = i;
      } else if (nx === "(") {
        let j = i + 2;
        while (j < n && text[j] !== "\n" && !(text[j] === "\\" && text[j + 1] === ")")) j++;
        if (j < n && text[j] === "\\" && j > i + 2) {
          push(i, i + 2, j, j + 2);
          continue;
        }
      } else if (text.startsWith("\\frac{", i)) {
        const m = /^\\frac\{-?\d+(?:[.,]\d+)?\}\{-?\d+(?:[.,]\d+)?\}/.exec(text.slice(i, i + 60));
        if (m) {
          const neg = prev === "-" ? 1 : 0;
          push(i - neg, i - neg, i + m[0].length, i + m[0].length);
          continue;
        }
      }
    }
    if (c === "[" && /\s/.test(prev)) {
      let j = i + 1;
      while (j < n && text[j] !== "\n" && text[j] !== "[" && text[j] !== "]") j++;
      if (j < n && text[j] === "]" && j > i + 1 && /\s/.test(text[j + 1] ?? "")) {
        push(i, i + 1, j, j + 1);
        continue;
      }
    }
    i++;
  }
  return out;
}

const JOIN = /^\s*(?:,?\s*and|,?\s*or|,)\s*$/;

/** Environments joined by `,`/`and`/`or` (up to six), as one answer. */
function groupEnvs(text: string, envs: Env[]): Env[][] {
  const groups: Env[][] = [];
  let cur: Env[] = [];
  for (const e of envs) {
    const last = cur[cur.length - 1];
    if (last && cur.length < 6 && e.start - last.end <= 12 && JOIN.test(text.slice(last.end, e.start))) {
      cur.push(e);
      continue;
    }
    if (cur.length) groups.push(cur);
    cur = [e];
  }
  if (cur.length) groups.push(cur);
  return groups;
}

interface Box {
  at: number;
  cs: number;
  ce: number;
  end: number;
}

function findBoxes(text: string): Box[] {
  if (!text.includes("\\boxed") && !text.includes("\\fbox")) return [];
  const match = matchBraces(text);
  const out: Box[] = [];
  for (const cmd of ["\\boxed", "\\fbox"]) {
    let i = text.indexOf(cmd);
    while (i !== -1) {
      let b = i + cmd.length;
      while (text[b] === " ") b++;
      if (text[b] === "{" && match[b]! !== -1)
        out.push({ at: i, cs: b + 1, ce: match[b]!, end: match[b]! + 1 });
      i = text.indexOf(cmd, i + cmd.length);
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

const BOX_SEP = /,|;|\band\b|\bor\b/;
/** Words of a self-correction between two boxes (`\boxed{4}... wait, actually \boxed{5}`): the later box replaces. */
const BOX_CORRECTION =
  /\b(?:wait|actually|instead|mistake|oops|hmm|rather|re-?check|recalculat\w*|correct(?:ion|ed|ing)?)\b/i;

/** The last box, joined with earlier ones that sit within 10 characters, or 70 with a separator. */
function lastBoxes(text: string, boxes: Box[]): string[] {
  const picked = [boxes[boxes.length - 1]!];
  for (let k = boxes.length - 2; k >= 0; k--) {
    const b = boxes[k]!;
    const next = picked[0]!;
    if (b.end > next.at) continue;
    const gap = text.slice(b.end, next.at);
    if (BOX_CORRECTION.test(gap)) break;
    if (gap.length <= 10 || (gap.length <= 70 && BOX_SEP.test(gap))) picked.unshift(b);
    else break;
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const b of picked) {
    const c = text.slice(b.cs, b.ce).trim();
    if (!seen.has(c)) {
      seen.add(c);
      out.push(c);
    }
  }
  return out;
}

interface Atom {
  start: number;
  end: number;
  text: string;
  percent: boolean;
  isExpr: boolean;
}

const CURRENCY = "$€£¥₹₽₪₩₫฿₡₢₣₤₥₦₧₨₭₮₯₰₱₲₳₴₵₶₷₸₺₻₼₾₿";
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isWs = (c: string | undefined) => c === " " || c === "\n" || c === "\t" || c === "\r";
// Character classes by code unit: 1 = expression character, 2 = also an operator, 4 = a stop (. space )).
const CLASS = new Uint8Array(128);
for (const c of "0123456789.") CLASS[c.charCodeAt(0)]! |= 1;
for (const c of " \n\t\r") CLASS[c.charCodeAt(0)]! |= 1;
for (const c of "+-*/^()") CLASS[c.charCodeAt(0)]! |= 3;
for (const c of ". \n\t\r)") CLASS[c.charCodeAt(0)]! |= 4;
const classOf = (text: string, i: number): number => {
  const k = text.charCodeAt(i);
  if (k < 128) return CLASS[k]!;
  return k === 0xd7 || k === 0xf7 ? 3 : 0;
};

/** Plain numbers (separators, decimal commas, currency, percent) and digit-led operator expressions. */
export function scanAtoms(text: string): Atom[] {
  const n = text.length;
  // runEnd[i]: end of the run of expression characters starting at i; prevStop/nextOp for O(1) lookups.
  const runEnd = new Int32Array(n + 1);
  runEnd[n] = n;
  const nextOp = new Int32Array(n + 1);
  nextOp[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    const k = classOf(text, i);
    runEnd[i] = k & 1 ? runEnd[i + 1]! : i;
    nextOp[i] = k & 2 ? i : nextOp[i + 1]!;
  }
  const prevStop = new Int32Array(n + 1);
  let last = -1;
  for (let i = 0; i < n; i++) {
    prevStop[i] = last;
    if (classOf(text, i) & 4) last = i;
  }
  prevStop[n] = last;
  const endOk = (e: number) => e >= n || ",:$".includes(text[e]!);
  const out: Atom[] = [];
  let i = 0;
  while (i < n) {
    const prev = i > 0 ? text[i - 1] : undefined;
    if (!(i === 0 || isWs(prev) || prev === "=")) {
      i++;
      continue;
    }
    let s = i;
    if (text.startsWith("**", s)) s += 2;
    // Digit-led expression with at least one operator.
    let d = s;
    if (text[d] === "-") d++;
    if (text[d] === "(") d++;
    if (text[d] === "-") d++;
    let matched = false;
    if (isDigit(text[d])) {
      const re = runEnd[d]!;
      let m = endOk(re) ? re : prevStop[re]!;
      if (m > re) m = -1;
      if (m > d && nextOp[d + 1]! <= m - 2) {
        const body = text.slice(s, m).trim();
        if (/[+\-*×/^÷]/.test(body.slice(1))) {
          out.push({ start: i, end: m, text: body, percent: false, isExpr: true });
        }
      }
    }
    // Number with optional currency prefix and percent suffix.
    let k = s;
    if (CURRENCY.includes(text[k] ?? "\u0000") && text[k] !== undefined) k++;
    const num = readNumber(text, k);
    if (num) {
      const pct = /^\s*(?:%|[Pp]ercent(?:age)?|[Pp]ct)/.exec(text.slice(num.end, num.end + 14));
      const end = num.end + (pct ? pct[0].length : 0);
      out.push({ start: i, end, text: num.value, percent: !!pct, isExpr: false });
      i = Math.max(end, i + 1);
      matched = true;
    }
    if (!matched) i++;
  }
  return out;
}

function digitsEnd(text: string, j: number): number {
  const n = text.length;
  while (j < n) {
    const k = text.charCodeAt(j);
    if (k < 48 || k > 57) break;
    j++;
  }
  return j;
}

const E_SUFFIX = /^[eE][+-]?\d{1,4}(?![\w.])/;

/** A number as `readDecimal` reads it, with an E-notation exponent (`6.3e5`, `2.9E+04`) kept. */
function readNumber(text: string, k: number): { end: number; value: string } | null {
  const num = readDecimal(text, k);
  if (!num || (text[num.end] !== "e" && text[num.end] !== "E")) return num;
  const m = E_SUFFIX.exec(text.slice(num.end, num.end + 8));
  return m ? { end: num.end + m[0].length, value: num.value + m[0] } : num;
}

/** Number formats of Math-Verify in order: thousands groups, decimal point or comma, `.5`, integer. */
function readDecimal(text: string, k: number): { end: number; value: string } | null {
  let i = k;
  let sign = "";
  if (text[i] === "-") {
    sign = "-";
    i++;
  }
  const d0 = digitsEnd(text, i);
  if (d0 === i) {
    if (text[i] === "." && isDigit(text[i + 1])) {
      const e = digitsEnd(text, i + 1);
      return { end: e, value: `${sign}0${text.slice(i, e)}` };
    }
    return null;
  }
  // Thousands groups: 1-3 leading digits (not 0), then one or more [ ,]ddd groups.
  if (d0 - i <= 3 && text[i] !== "0") {
    let j = d0;
    let groups = 0;
    while ((text[j] === " " || text[j] === ",") && digitsEnd(text, j + 1) - (j + 1) >= 3) {
      j += 4;
      groups++;
      if (isDigit(text[j]) && !(text[j - 4] === " " || text[j - 4] === ",")) break;
    }
    if (groups > 0) {
      let value = text.slice(i, j).replace(/[ ,]/g, "");
      if (text[j] === "." && isDigit(text[j + 1])) {
        const e = digitsEnd(text, j + 1);
        value += text.slice(j, e);
        j = e;
      }
      return { end: j, value: sign + value };
    }
  }
  const int = text.slice(i, d0).replace(/^0+(?=\d)/, "");
  if ((text[d0] === "." || text[d0] === ",") && isDigit(text[d0 + 1])) {
    const e = digitsEnd(text, d0 + 1);
    return { end: e, value: `${sign}${int}.${text.slice(d0 + 1, e)}` };
  }
  return { end: d0, value: sign + int };
}

/** Multiple-choice letters as whole tokens (` B.`, `**C**`, `(A)` excluded as Math-Verify does). */
function scanLetters(text: string, choices: readonly string[]): Atom[] {
  const out: Atom[] = [];
  const set = new Set(choices);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!set.has(c)) continue;
    let s = i;
    if (text.startsWith("**", i - 2)) s = i - 2;
    const before = s > 0 ? text[s - 1] : undefined;
    if (!(s === 0 || isWs(before))) continue;
    let e = i + 1;
    if (text.startsWith("**", e)) e += 2;
    const after = text[e];
    if (!(after === undefined || ".,:".includes(after) || isWs(after))) continue;
    out.push({ start: s, end: i + 1, text: c.toLowerCase(), percent: false, isExpr: false });
  }
  return out;
}

/** Offsets just after each case-insensitive occurrence of `word` (linear: one indexOf sweep). */
function occurrences(lower: string, word: string): number[] {
  const out: number[] = [];
  for (let i = lower.indexOf(word); i !== -1; i = lower.indexOf(word, i + word.length))
    out.push(i + word.length);
  return out;
}

interface Item {
  start: number;
  valueStart: number;
  end: number;
  idx: number;
}

/** The rightmost items (sorted by start): only those can be reached before the anchorless cap. */
function tail(items: Item[]): Item[] {
  return items.length > 2 * MAX_ANCHORLESS ? items.slice(items.length - 2 * MAX_ANCHORLESS) : items;
}

/** The first item (by start) whose value begins in [from, to], via binary search over sorted items. */
function firstIn(items: Item[], from: number, to: number): Item | undefined {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.valueStart < from) lo = mid + 1;
    else hi = mid;
  }
  const it = items[lo];
  return it && it.valueStart <= to ? it : undefined;
}

/** Answer markers whose line may hold a plain-text answer, with Math-Verify's priority of each. */
const LINE_ANCHORS: [string, number][] = [
  ["final answer is", 50],
  ["answer:", 100],
  ["####", 100],
  ["answer is", 200],
  ["option is", 200],
  ["choice is", 200],
  ["option:", 100],
  ["choice:", 100],
];
/** Function and constant names a plain-text math answer may contain (any other word makes it prose). */
export const MATH_WORDS: ReadonlySet<string> = new Set([
  "sin",
  "cos",
  "tan",
  "sec",
  "csc",
  "cot",
  "log",
  "exp",
  "sqrt",
  "pi",
  "inf",
  "ln",
]);
/** An answer line may also join its parts with "and". */
const LINE_WORDS = new Set([...MATH_WORDS, "and"]);

/** A second option or a hedge in an option's value (`(B) 7 or (C) 8`): then no single choice was made. */
export const OTHER_OPTION = /(?:^|[\s,;])(?:or|and)(?![a-zA-Z])|\(?(?<![a-zA-Z])[A-Z](?:\)|[.:](?=\s|$))/;

/** The plain-text answer after a marker, or null when the line is prose, LaTeX or a number with a unit. */
export function plainAnswer(line: string): string | null {
  // `The answer is **10**. Note: 3 is extraneous.`: the emphasised span right after the marker is the answer.
  const bold = /^[\s:]*\*\*([^*\n]{1,80})\*\*/.exec(line);
  let s = (bold ? bold[1]! : line)
    .replace(/\*\*/g, " ")
    .replace(/\\\$|^\s*\$(?=\d[\d,.]*\s*$)/g, " ")
    .replace(/^[\s:]+/, "")
    .replace(/^(?:option|choice)\s+/i, "")
    .replace(/[\s.]+$/, "")
    .replace(/(\d)\s*[x×]\s*10\^/g, "$1*10^");
  if (s === "" || s.length > 120 || /\$|\\boxed|\\\(|\\\[/.test(s)) return null;
  // `1/3 ≈ 0.333`: the exact value before the approximation is the answer; `x ≈ 3.14` has none before it.
  const approxAt = s.search(/≈|\\approx(?![a-zA-Z])/);
  if (approxAt !== -1) {
    const before = s.slice(0, approxAt).trim();
    s = /[\d\\]/.test(before) ? before : s.slice(approxAt).replace(/^(?:≈|\\approx)\s*/, "");
  }
  // A plain `pi` (`4pi`, `pi/2`) is the constant, not the product p·i the LaTeX reading would give.
  s = s.replace(/(?<![A-Za-z\\])pi(?![A-Za-z])/g, "\\pi ");
  for (const w of s.replace(/\\[a-zA-Z]+/g, " ").match(/[A-Za-z]{3,}/g) ?? [])
    if (!LINE_WORDS.has(w.toLowerCase())) return null;
  if (/\d\s*(?!(?:and|or)\b)[A-Za-z]{2,}/.test(s.replace(/\d[eE][+-]?\d/g, "0"))) return null;
  const letter = /^\(?\s*([A-Za-z])\s*\)?$/.exec(s);
  if (letter) return `\\text{${letter[1]}}`;
  // `(B) 42`: the choice, with its value as the alternative reading (see CHOICE_FIRST in verify.ts).
  const choice = /^(?:\(([A-Z])\)|([A-Z])[).:])\s+([-+\d.\\].*)$/.exec(s);
  if (choice && !OTHER_OPTION.test(choice[3]!)) return `\\text{(${choice[1] ?? choice[2]})} ${choice[3]}`;
  // A number then a parenthesis (`12 (3 × 4)`) is a remark, not a product.
  if (/\d\s+\(/.test(s)) return null;
  if (/^\+\d/.test(s)) s = s.slice(1);
  const num = readNumber(s, CURRENCY.includes(s[0]!) ? 1 : 0);
  if (num && num.end === s.length) return num.value;
  return s;
}

/** A last line that is one emphasised option, `**(B) 19**`, `**B**`: the choice, read as `Answer: (B) 19` is. */
const BOLD_OPTION_LINE = /\n\s*\*\*\s*(\(?[A-Z](?:\)|[).:]?\s[^*\n]{0,60})?)\*\*\s*\.?\s*$/;

function lineCandidates(text: string, lower: string): Candidate[] {
  const out: Candidate[] = [];
  const off = Math.max(0, text.length - 100);
  const bold = BOLD_OPTION_LINE.exec(text.slice(off));
  if (bold) {
    const ans = plainAnswer(bold[1]!);
    if (ans !== null)
      out.push({
        kind: "latex",
        priority: 240,
        start: off + bold.index,
        end: text.length,
        pieces: [{ text: ans, percent: false }],
        anchorless: false,
        plain: true,
      });
  }
  for (const [word, priority] of LINE_ANCHORS) {
    for (const q of occurrences(lower, word)) {
      // Bounded look-ahead keeps the scan linear however many markers a line repeats.
      const nl = text.slice(q, q + 201).indexOf("\n");
      if (nl === -1 && q + 200 < text.length) continue;
      const e = nl === -1 ? text.length : q + nl;
      const ans = plainAnswer(text.slice(q, e));
      if (ans === null) continue;
      out.push({
        kind: "latex",
        priority,
        start: q - word.length,
        end: e,
        pieces: [{ text: ans, percent: false }],
        anchorless: false,
        plain: true,
      });
    }
  }
  return out;
}

/**
 * Every candidate answer in `text`, highest priority (lowest number) first, rightmost first within a priority.
 * @example findCandidates("so \\boxed{4}", { kinds: ["latex"], boxedPriority: 0, choices: [] })[0].pieces // [{ text: "4", ... }]
 */
export function findCandidates(
  text: string,
  o: ExtractOptions,
  upTo = Number.POSITIVE_INFINITY,
): Candidate[] {
  const cands: Candidate[] = [];
  const lower = text.toLowerCase();
  // With upTo below 50 only the Minerva anchor and the boxes are wanted: the cheap first pass.
  const all = upTo >= 50;
  const finalIs = occurrences(lower, "final answer is");
  const finalAns = all ? occurrences(lower, "final answer") : [];
  const answerColon = all ? occurrences(lower, "answer:") : [];
  const answer = all ? occurrences(lower, "answer") : [];

  if (all && (o.kinds.includes("latex") || o.kinds.includes("expr")))
    cands.push(...lineCandidates(text, lower));
  type Make = (it: Item, priority: number, start: number, end: number, anchorless: boolean) => Candidate;
  const anchored = (items: Item[], eqVariant: boolean, make: Make) => {
    for (const q of finalIs) {
      let j = q;
      if (text[j] === ":") j++;
      const it = firstIn(items, j, j + 3);
      if (
        it &&
        /^\s*\\?\s*(?:[^\w\s]\s*)?/.test("") &&
        /^\.?\s?I hope/.test(text.slice(it.end, it.end + 10))
      ) {
        if (/^\s*$/.test(text.slice(j, it.valueStart).replace(/\*/g, "")))
          cands.push(make(it, 0, q, it.end, false));
      }
    }
    for (const q of finalAns) {
      const window = text.slice(q, q + 110);
      const m = /\s+is:?\s*/g;
      for (let r = m.exec(window); r; r = m.exec(window)) {
        const at = q + r.index + r[0].length;
        const it = firstIn(items, at, at + 2);
        if (it && /^[\s=*]*$/.test(text.slice(at, it.valueStart))) {
          cands.push(make(it, 50, q, it.end, false));
          break;
        }
      }
    }
    for (const [list, pr] of [
      [answerColon, 100],
      [answer, 200],
    ] as const) {
      for (const q of list) {
        let it: Item | undefined;
        if (eqVariant) {
          const window = text.slice(q, q + 100);
          const eq = window.lastIndexOf("=");
          if (eq !== -1) {
            const cand = firstIn(items, q + eq + 1, q + eq + 1 + (window.length - eq));
            if (cand && /^\s*$/.test(text.slice(q + eq + 1, Math.max(q + eq + 1, cand.valueStart - 1))))
              it = cand;
          }
        }
        it ??= firstIn(items, q, q + 52);
        if (it && !(eqVariant && /^\s*=/.test(text.slice(it.end, it.end + 8))))
          cands.push(make(it, pr, q, it.end, false));
      }
    }
  };

  if (o.kinds.includes("latex")) {
    const envs = scanEnvs(text);
    const groups = groupEnvs(text, envs);
    const items: Item[] = groups.map((g, idx) => ({
      start: g[0]!.start,
      valueStart: g[0]!.start,
      end: g[g.length - 1]!.end,
      idx,
    }));
    const make: Make = (it, priority, start, end, anchorless) => ({
      kind: "latex",
      priority,
      start,
      end,
      pieces: groups[it.idx]!.map((e) => ({ text: e.content, percent: e.percent })),
      anchorless,
    });
    anchored(items, false, make);
    if (all) for (const it of tail(items)) cands.push(make(it, 300, it.start, it.end, true));
    if (o.boxedPriority >= 0 && o.boxedPriority <= upTo) {
      const boxes = findBoxes(text);
      if (boxes.length) {
        for (const g of groups) {
          const inside = boxes.filter((b) => b.at >= g[0]!.start && b.end <= g[g.length - 1]!.end);
          if (inside.length) {
            const pct = g[g.length - 1]!.percent;
            const content = inside.map((b) => text.slice(b.cs, b.ce).trim());
            cands.push({
              kind: "latex",
              priority: o.boxedPriority,
              start: g[0]!.start,
              end: g[g.length - 1]!.end,
              pieces: [{ text: [...new Set(content)].join(","), percent: pct }],
              anchorless: false,
            });
          }
        }
        const first = boxes[0]!;
        const lastBrace = text.lastIndexOf("}");
        cands.push({
          kind: "latex",
          priority: o.boxedPriority,
          start: first.at,
          end: lastBrace + 1,
          pieces: [{ text: lastBoxes(text, boxes).join(","), percent: false }],
          anchorless: false,
        });
      }
    }
  }
  if (o.kinds.includes("expr") && (all || finalIs.length > 0)) {
    const atoms = scanAtoms(text);
    const items: Item[] = [];
    for (let idx = 0; idx < atoms.length; idx++) {
      const a = atoms[idx]!;
      items.push({ start: a.start, valueStart: a.start, end: a.end, idx });
    }
    const make: Make = (it, priority, start, end, anchorless) => {
      const a = atoms[it.idx]!;
      return {
        kind: "expr",
        priority,
        start,
        end,
        pieces: [{ text: a.text, percent: a.percent }],
        anchorless,
      };
    };
    // An expression is preferred to the bare number at the same place.
    items.sort((a, b) => a.valueStart - b.valueStart || b.end - a.end);
    anchored(items, true, make);
    if (all) for (const it of tail(items)) cands.push(make(it, 300, it.start, it.end, true));
  }
  if (o.kinds.includes("string") && (all || finalIs.length > 0)) {
    const letters = scanLetters(text, o.choices);
    const items: Item[] = letters.map((a, idx) => ({ start: a.start, valueStart: a.start, end: a.end, idx }));
    const make: Make = (it, priority, start, end, anchorless) => ({
      kind: "string",
      priority,
      start,
      end,
      pieces: [{ text: letters[it.idx]!.text, percent: false }],
      anchorless,
    });
    anchored(items, false, make);
    if (all)
      for (const it of items) {
        const lineStart = it.start === 0 || text[it.start - 1] === "\n";
        cands.push(make(it, lineStart ? 250 : 300, it.start, it.end, !lineStart));
      }
  }
  let out = all ? cands : cands.filter((c) => c.priority <= upTo);
  // Rightmost-first with a stop at the first parse: beyond the rightmost MAX_ANCHORLESS anchorless
  // candidates nothing is tried, so they are not kept (bounds the sort on number-flooded text).
  const loose = out.filter((c) => c.anchorless);
  if (loose.length > MAX_ANCHORLESS) {
    loose.sort((a, b) => b.end - a.end);
    const keep = new Set(loose.slice(0, MAX_ANCHORLESS));
    out = out.filter((c) => !c.anchorless || keep.has(c));
  }
  out.sort((a, b) => a.priority - b.priority || b.end - a.end || a.start - b.start);
  return out;
}
