/**
 * Tool calls as one shape, whichever way a model wrote them: `<tool_call>` JSON lines in text (ToolRL, Hermes,
 * Qwen) or OpenAI `tool_calls` messages. Parsing is linear: indexOf scans and a JSON parse that keeps each
 * number's written form (`6` vs `6.0`, see json-literal.ts), never a backtracking regex.
 */
import { completionText, completionToolCalls } from "../../core/text.ts";
import type { Rollout, ToolCall } from "../../core/types.ts";
import { parseJsonLiteral } from "./json-literal.ts";

/** One tool call: a name and its arguments (an object). */
export interface Call {
  name: string;
  args: Record<string, unknown>;
}

/** Where tool calls are read from: `<tool_call>` blocks in text, OpenAI messages, or messages when present. */
export type CallSource = "auto" | "text" | "messages";

/** A parse outcome: the calls, or why there are none usable. */
export type CallsParse =
  | { ok: true; calls: Call[]; from: "text" | "messages" }
  | { ok: false; reason: string; missing?: boolean };

/** Upper bound on calls read from one completion (a hostile output with 10⁵ lines stays cheap). */
export const MAX_CALLS = 256;

const OPEN = "<tool_call>";
const CLOSE = "</tool_call>";

/** True for a plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Normalises one decoded JSON call: `{name, parameters}` (ToolRL), `{name, arguments}` (Hermes/OpenAI, the
 * arguments may be a JSON string) or `{function: {name, arguments}}` (an OpenAI tool call object).
 * @example toCall({ name: "f", parameters: { x: 1 } }) // { name: "f", args: { x: 1 } }
 */
export function toCall(v: unknown): Call | string {
  if (!isObject(v)) return "a tool call must be a JSON object";
  const fn = isObject(v.function) ? v.function : v;
  const name = fn.name;
  if (typeof name !== "string") return "a tool call needs a string name";
  const raw = "parameters" in fn ? fn.parameters : "arguments" in fn ? fn.arguments : {};
  let args: unknown = raw;
  if (typeof raw === "string") {
    try {
      args = raw.trim() === "" ? {} : parseJsonLiteral(raw);
    } catch {
      return `arguments of ${name} are not valid JSON`;
    }
  }
  if (!isObject(args)) return `arguments of ${name} must be a JSON object`;
  return { name, args };
}

/**
 * The content of the first `<tool_call>…</tool_call>` block (ToolRL reads only the first), or null.
 * @example firstToolBlock("<tool_call>\n{}\n</tool_call>") // "\n{}\n"
 */
export function firstToolBlock(text: string): string | null {
  const i = text.indexOf(OPEN);
  if (i === -1) return null;
  const j = text.indexOf(CLOSE, i + OPEN.length);
  return j === -1 ? null : text.slice(i + OPEN.length, j);
}

/**
 * Parses ToolRL-style lines: the first `<tool_call>` block, trimmed, split on newlines, one JSON call per line.
 * A blank line inside the block is a parse failure, as `json.loads("")` is in the reference code.
 * @example parseToolLines('<tool_call>\n{"name":"f","parameters":{}}\n</tool_call>') // ok, 1 call
 */
export function parseTextCalls(text: string, all = false): CallsParse {
  if (text.indexOf(OPEN) === -1) return { ok: false, reason: "no <tool_call> tag", missing: true };
  const blocks: string[] = [];
  if (all) {
    let i = text.indexOf(OPEN);
    while (i !== -1) {
      const j = text.indexOf(CLOSE, i + OPEN.length);
      if (j === -1) break;
      blocks.push(text.slice(i + OPEN.length, j));
      i = text.indexOf(OPEN, j + CLOSE.length);
    }
  } else {
    const b = firstToolBlock(text);
    if (b !== null) blocks.push(b);
  }
  if (blocks.length === 0) return { ok: false, reason: "unclosed <tool_call> tag" };
  const calls: Call[] = [];
  for (const raw of blocks) {
    // Lines of the trimmed block, walked with indexOf (no intermediate array).
    const block = raw.trim();
    let at = 0;
    for (;;) {
      const nl = block.indexOf("\n", at);
      const line = nl === -1 ? block.slice(at) : block.slice(at, nl);
      if (calls.length >= MAX_CALLS) return { ok: false, reason: `more than ${MAX_CALLS} tool calls` };
      let v: unknown;
      try {
        v = parseJsonLiteral(line);
      } catch {
        return { ok: false, reason: `tool call line is not JSON: ${line.slice(0, 60)}` };
      }
      const c = toCall(v);
      if (typeof c === "string") return { ok: false, reason: c };
      calls.push(c);
      if (nl === -1) break;
      at = nl + 1;
    }
  }
  return { ok: true, calls, from: "text" };
}

/** Converts OpenAI `tool_calls` to calls; a malformed one is a parse failure, not a silent skip. */
export function messageCalls(tcs: readonly ToolCall[]): CallsParse {
  if (tcs.length > MAX_CALLS) return { ok: false, reason: `more than ${MAX_CALLS} tool calls` };
  const calls: Call[] = [];
  for (const tc of tcs) {
    const c = toCall(tc);
    if (typeof c === "string") return { ok: false, reason: c };
    calls.push(c);
  }
  return { ok: true, calls, from: "messages" };
}

/**
 * The completion's tool calls from `source`: `auto` reads OpenAI `tool_calls` when the assistant made any,
 * otherwise `<tool_call>` blocks in the last assistant text.
 * @example completionCalls({ completion: '<tool_call>\n{"name":"f","arguments":{}}\n</tool_call>' }, "auto")
 */
export function completionCalls(r: Rollout, source: CallSource, allBlocks = false): CallsParse {
  if (source !== "text") {
    const tcs = completionToolCalls(r);
    if (tcs.length > 0 || source === "messages") {
      if (tcs.length === 0)
        return { ok: false, reason: "no tool_calls in the assistant messages", missing: true };
      return messageCalls(tcs);
    }
  }
  return parseTextCalls(completionText(r), allBlocks);
}

/**
 * Reads reference calls: a list of call objects, `{tool_calls: [...]}`, or ToolRL ground-truth text.
 * @example referenceCalls([{ name: "f", arguments: { x: 1 } }]) // ok
 */
export function referenceCalls(ref: unknown): CallsParse {
  if (typeof ref === "string") return parseTextCalls(ref);
  const list = isObject(ref) && Array.isArray(ref.tool_calls) ? ref.tool_calls : ref;
  if (!Array.isArray(list)) return { ok: false, reason: "reference has no tool calls" };
  if (list.length > MAX_CALLS) return { ok: false, reason: `more than ${MAX_CALLS} reference calls` };
  const calls: Call[] = [];
  for (const v of list) {
    const c = toCall(v);
    if (typeof c === "string") return { ok: false, reason: `reference: ${c}` };
    calls.push(c);
  }
  return { ok: true, calls, from: "text" };
}

/**
 * JSON deep equality with Python's `==` semantics for JSON values: key order does not matter, and numbers
 * compare by value (JSON cannot tell 1 from 1.0). Booleans never equal numbers (unlike Python's True == 1).
 * @example jsonEqual({ a: [1, 2] }, { a: [1, 2.0] }) // true
 */
export function jsonEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (depth > 64) return false;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], bb[i], depth + 1)) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ka = Object.keys(ao);
  if (ka.length !== Object.keys(bo).length) return false;
  for (const k of ka) if (!Object.hasOwn(bo, k) || !jsonEqual(ao[k], bo[k], depth + 1)) return false;
  return true;
}
