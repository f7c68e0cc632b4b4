import { completionText, completionToolCalls } from "../core/text.ts";
import type { Rollout } from "../core/types.ts";

/** What grader templates can read: `item.*` (the dataset row) and `sample.*` (the model's output). */
export interface TemplateContext {
  item: unknown;
  sample: {
    output_text: string;
    output_json?: unknown;
    output_tools?: unknown;
    choices?: unknown;
  };
}

/**
 * The template context of a rollout: `item` is `rollout.reference`, `sample.output_text` the completion's text,
 * `sample.output_tools` its tool calls, `sample.output_json` the completion parsed as JSON when it is JSON
 * (or `meta.output_json`), `sample.choices` from `meta.choices`.
 * @example sampleContext({ completion: "4", reference: { answer: "4" } }).item // { answer: "4" }
 */
export function sampleContext(r: Rollout): TemplateContext {
  const output_text = completionText(r);
  const sample: TemplateContext["sample"] = { output_text };
  const meta = r.meta ?? {};
  if (meta.output_json !== undefined) sample.output_json = meta.output_json;
  else {
    const t = output_text.trim();
    if (t.startsWith("{") || t.startsWith("[")) {
      try {
        sample.output_json = JSON.parse(t);
      } catch {
        // Not JSON: templates that read output_json get a sample_parse_error.
      }
    }
  }
  const tools = completionToolCalls(r);
  if (tools.length) sample.output_tools = tools;
  if (meta.choices !== undefined) sample.choices = meta.choices;
  return { item: r.reference ?? {}, sample };
}

/** Why a template could not be rendered; maps to the OpenAI grader error flags. */
export class TemplateError extends Error {
  constructor(
    readonly flag: "sample_parse_error" | "invalid_variable_error",
    message: string,
  ) {
    super(message);
    this.name = "TemplateError";
  }
}

const OPEN = "{{";
const CLOSE = "}}";

/**
 * Renders `{{ namespace.path }}` placeholders (namespaces `item` and `sample`; JSON-path style access such as
 * `sample.output_tools[0].function.name`). Strings are inserted as they are, other values as JSON. A linear
 * `indexOf` scan, so hostile templates cannot make it slow. Text without placeholders is returned unchanged.
 * @example renderTemplate("{{ item.answer }}", { item: { answer: "4" }, sample: { output_text: "" } }) // "4"
 */
export function renderTemplate(tpl: string, ctx: TemplateContext): string {
  if (!tpl.includes(OPEN)) return tpl;
  let out = "";
  let at = 0;
  for (;;) {
    const i = tpl.indexOf(OPEN, at);
    if (i < 0) break;
    const j = tpl.indexOf(CLOSE, i + 2);
    if (j < 0) break;
    out += tpl.slice(at, i);
    const v = lookup(tpl.slice(i + 2, j).trim(), ctx);
    out += typeof v === "string" ? v : JSON.stringify(v ?? null);
    at = j + 2;
  }
  return out + tpl.slice(at);
}

/** Whether a template reads `sample.output_json` (so a non-JSON sample is a `sample_parse_error`). */
export function readsOutputJson(tpl: string): boolean {
  return tpl.includes("output_json");
}

/** Resolves `item.a.b[0]` / `sample.output_text` in the context. */
export function lookup(expr: string, ctx: TemplateContext): unknown {
  const parts = splitPath(expr);
  const ns = parts.shift();
  if (ns !== "item" && ns !== "sample") {
    throw new TemplateError(
      "invalid_variable_error",
      `unknown template namespace "${ns}" in {{ ${expr} }} (use item or sample)`,
    );
  }
  let cur: unknown = ns === "item" ? ctx.item : ctx.sample;
  if (ns === "sample" && parts[0] === "output_json" && ctx.sample.output_json === undefined) {
    throw new TemplateError(
      "sample_parse_error",
      "the sample is not valid JSON, but the grader reads sample.output_json",
    );
  }
  for (const p of parts) {
    if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur as object, p)) {
      throw new TemplateError("invalid_variable_error", `{{ ${expr} }} does not resolve (no "${p}")`);
    }
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** `a.b[0]["c"]` → ["a", "b", "0", "c"]. */
function splitPath(expr: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i]!;
    if (ch === "." || ch === "[" || ch === "]") {
      if (cur) out.push(cur);
      cur = "";
    } else if (ch === '"' || ch === "'") {
      // Quoted key inside brackets.
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out.map((s) => s.trim());
}
