import { jsonText, parseJson } from "../json/extract.ts";

/** An axis-aligned box `[x1, y1, x2, y2]`. */
export type Box = [number, number, number, number];

/** How box coordinates are written: corners, or corner plus width and height. */
export type BoxFormat = "xyxy" | "xywh";

/** Converts a box to corners. */
export function toXyxy(b: Box, f: BoxFormat): Box {
  return f === "xyxy" ? b : [b[0], b[1], b[0] + b[2], b[1] + b[3]];
}

/**
 * Box IoU; `plusOne` uses the inclusive pixel convention (width = x2 − x1 + 1) as Veason-R1 does. A reversed
 * box has zero area; two empty boxes have IoU 0.
 * @example boxIou([0, 0, 10, 10], [5, 5, 15, 15]) // 25 / 175 = 0.142857…
 */
export function boxIou(a: Box, b: Box, plusOne = false): number {
  const e = plusOne ? 1 : 0;
  const area = (x: Box) => Math.max(0, x[2] - x[0] + e) * Math.max(0, x[3] - x[1] + e);
  const iw = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]) + e);
  const ih = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]) + e);
  const inter = iw * ih;
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

const isBox = (v: unknown): v is Box =>
  Array.isArray(v) && v.length === 4 && v.every((x) => typeof x === "number" && Number.isFinite(x));

const BOX_KEYS = ["bbox_2d", "bbox", "box", "bbox_2d_list", "boxes"];

/**
 * Boxes inside a JSON value: a 4-number array, arrays of them, or objects holding them under `bbox_2d`, `bbox`,
 * `box`, `bbox_2d_list` or `boxes` (Qwen-VL style), depth-first, at most `limit`.
 * @example boxesFrom([{ bbox_2d: [1, 2, 3, 4], label: "cat" }]) // [[1, 2, 3, 4]]
 */
export function boxesFrom(v: unknown, limit = 1000, out: Box[] = [], depth = 0): Box[] {
  if (out.length >= limit || depth > 8) return out;
  if (isBox(v)) out.push([v[0], v[1], v[2], v[3]]);
  else if (Array.isArray(v)) for (const x of v) boxesFrom(x, limit, out, depth + 1);
  else if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    for (const k of BOX_KEYS) if (k in o) boxesFrom(o[k], limit, out, depth + 1);
  }
  return out;
}

/** Reads `[-]digits[.digits]` at i; returns [value, end] or null. */
function scanNum(s: string, i: number): [number, number] | null {
  let j = i;
  if (s[j] === "-" || s[j] === "+") j++;
  const d0 = j;
  while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
  if (s[j] === "." && j + 1 < s.length && s.charCodeAt(j + 1) >= 48 && s.charCodeAt(j + 1) <= 57) {
    j++;
    while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
  }
  if (j === d0) return null;
  const v = Number(s.slice(i, j));
  return Number.isFinite(v) ? [v, j] : null;
}

/**
 * Every `[a, b, c, d]` group of exactly four numbers in free text, by a linear scan (for non-JSON answers).
 * @example scanBoxes("the cat at [1, 2, 30, 40] and [5,6]") // [[1, 2, 30, 40]]
 */
export function scanBoxes(s: string, limit = 1000): Box[] {
  const out: Box[] = [];
  let i = s.indexOf("[");
  while (i !== -1 && out.length < limit) {
    let j = i + 1;
    const nums: number[] = [];
    let closed = false;
    while (j < s.length && nums.length <= 4) {
      const c = s[j] as string;
      if (c === " " || c === "," || c === "\n" || c === "\t") j++;
      else if (c === "]") {
        closed = true;
        j++;
        break;
      } else {
        const n = scanNum(s, j);
        if (!n) break;
        nums.push(n[0]);
        j = n[1];
      }
    }
    if (closed && nums.length === 4) out.push(nums as Box);
    // resume where this scan stopped (a nested "[" is picked up there), so every character is read once
    i = s.indexOf("[", j);
  }
  return out;
}

/**
 * Predicted boxes of a completion: JSON in the answer tag, a fence or the whole text; else `[a, b, c, d]` groups.
 * @example extractBoxes('<answer>[{"bbox_2d": [1, 2, 3, 4]}]</answer>') // { boxes: [[1, 2, 3, 4]], json: [...] }
 */
export function extractBoxes(text: string, tag: string, limit: number): { boxes: Box[]; json: unknown } {
  const src = jsonText(text, "auto", tag);
  if (src !== null) {
    const parsed = parseJson(src.trim());
    if (parsed.ok) return { boxes: boxesFrom(parsed.value, limit), json: parsed.value };
  }
  return { boxes: scanBoxes(src ?? text, limit), json: undefined };
}
