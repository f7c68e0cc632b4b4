import { completionText, completionToolCalls, promptText } from "../core/text.ts";
import type { Message, Rollout } from "../core/types.ts";

/** The variables a judge template can read: OpenAI's `item` and `sample`, plus names a judge adds. */
export type Scope = Record<string, unknown>;

/**
 * The `item` and `sample` namespaces of a rollout, as OpenAI graders define them: `item` is the dataset row
 * (meta fields, then reference fields when the reference is an object, then `prompt`, `reference`, `group`,
 * `id`), `sample` the model output (`output_text`, `output_json`, `output_tools`, `choices`).
 * @example rolloutScope({ prompt: "2+2?", completion: "4", reference: { answer: "4" } }).item.answer // "4"
 */
export function rolloutScope(r: Rollout): { item: Record<string, unknown>; sample: Record<string, unknown> } {
  const item: Record<string, unknown> = {};
  if (r.meta && typeof r.meta === "object") Object.assign(item, r.meta);
  const ref = r.reference;
  if (ref && typeof ref === "object" && !Array.isArray(ref)) Object.assign(item, ref);
  item.prompt = promptText(r);
  if (Array.isArray(r.prompt)) item.messages = r.prompt;
  if (ref !== undefined) item.reference = ref;
  if (r.group !== undefined) item.group = r.group;
  if (r.id !== undefined) item.id = r.id;
  const text = completionText(r);
  const sample: Record<string, unknown> = { output_text: text, output_tools: completionToolCalls(r) };
  const json = tryJson(text);
  if (json !== undefined) sample.output_json = json;
  const last: Message = Array.isArray(r.completion)
    ? ([...r.completion].reverse().find((m) => m?.role === "assistant") ?? { role: "assistant", content: "" })
    : { role: "assistant", content: text };
  sample.choices = [{ index: 0, message: last }];
  return { item, sample };
}

function tryJson(text: string): unknown {
  const t = text.trim();
  if (!t || (t[0] !== "{" && t[0] !== "[")) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

/**
 * Reads a JSON-path style reference (`item.answer`, `sample.output_tools[0].function.name`) from a scope.
 * Returns `undefined` when any step is missing; only own properties are read.
 * @example lookup({ item: { a: [{ b: 1 }] } }, "item.a[0].b") // 1
 */
export function lookup(scope: Scope, path: string): unknown {
  const parts: (string | number)[] = [];
  for (const seg of path.split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(seg.trim());
    if (!m) return undefined;
    if (m[1]) parts.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) parts.push(Number(idx[1]));
  }
  let cur: unknown = scope;
  for (const p of parts) {
    if (cur == null || typeof cur !== "object") return undefined;
    if (!Object.hasOwn(cur as object, p)) return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

/** Result of rendering: the text, or the first variable that could not be resolved. */
export type Rendered = { ok: true; text: string } | { ok: false; missing: string };

/**
 * Replaces every `{{ path }}` with its value (strings as is, other values as JSON) in one left-to-right pass;
 * substituted text is never scanned again, so a response containing `{{item.secret}}` stays literal.
 * @example render("Q: {{item.prompt}} A: {{sample.output_text}}", scope) // { ok: true, text: "Q: 2+2? A: 4" }
 */
export function render(template: string, scope: Scope): Rendered {
  let out = "";
  let i = 0;
  for (;;) {
    const open = template.indexOf("{{", i);
    if (open < 0) break;
    const close = template.indexOf("}}", open + 2);
    if (close < 0) break;
    const path = template.slice(open + 2, close).trim();
    const value = lookup(scope, path);
    if (value === undefined) return { ok: false, missing: path };
    out += template.slice(i, open) + (typeof value === "string" ? value : JSON.stringify(value));
    i = close + 2;
  }
  return { ok: true, text: out + template.slice(i) };
}

/** Renders the text content of every message of a template (content parts: their `text` fields). */
export function renderMessages(messages: readonly Message[], scope: Scope): Message[] | { missing: string } {
  const out: Message[] = [];
  for (const m of messages) {
    if (typeof m.content === "string") {
      const r = render(m.content, scope);
      if (!r.ok) return { missing: r.missing };
      out.push({ ...m, content: r.text });
    } else if (Array.isArray(m.content)) {
      const parts = [];
      for (const p of m.content) {
        if (typeof p.text === "string") {
          const r = render(p.text, scope);
          if (!r.ok) return { missing: r.missing };
          parts.push({ ...p, text: r.text });
        } else parts.push(p);
      }
      out.push({ ...m, content: parts });
    } else out.push({ ...m });
  }
  return out;
}
