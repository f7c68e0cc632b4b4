import type { ContentPart, Message, Rollout, ToolCall } from "./types.ts";

/** The text of one message content (string or OpenAI content parts). */
export function contentText(content: Message["content"]): string {
  if (content == null) return "";
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let out = "";
  for (const part of content as ContentPart[]) {
    if (part && typeof part.text === "string") out += out ? `\n${part.text}` : part.text;
  }
  return out;
}

/**
 * The text a reward checks: the completion string, or the last assistant message's text.
 * @example completionText({ completion: [{ role: "assistant", content: "4" }] }) // "4"
 */
export function completionText(r: Pick<Rollout, "completion">): string {
  const c = r.completion;
  if (typeof c === "string") return c;
  if (!Array.isArray(c)) return "";
  for (let i = c.length - 1; i >= 0; i--) {
    const m = c[i];
    if (m && m.role === "assistant") return contentText(m.content);
  }
  return "";
}

/** All assistant text of a completion, turns joined by newlines. */
export function allAssistantText(r: Pick<Rollout, "completion">): string {
  const c = r.completion;
  if (typeof c === "string") return c;
  if (!Array.isArray(c)) return "";
  const parts: string[] = [];
  for (const m of c) if (m && m.role === "assistant") parts.push(contentText(m.content));
  return parts.join("\n");
}

/** The prompt as text (the last user message for chat prompts). */
export function promptText(r: Pick<Rollout, "prompt">): string {
  const p = r.prompt;
  if (p == null) return "";
  if (typeof p === "string") return p;
  if (!Array.isArray(p)) return "";
  for (let i = p.length - 1; i >= 0; i--) {
    const m = p[i];
    if (m && m.role === "user") return contentText(m.content);
  }
  return "";
}

/** Every tool call the completion's assistant messages made, in order. */
export function completionToolCalls(r: Pick<Rollout, "completion">): ToolCall[] {
  const c = r.completion;
  if (!Array.isArray(c)) return [];
  const out: ToolCall[] = [];
  for (const m of c)
    if (m && m.role === "assistant" && Array.isArray(m.tool_calls)) out.push(...m.tool_calls);
  return out;
}

/**
 * Reads `reference` or a dotted path inside it (`"answer"`, `"spans.0"`).
 * @example referenceAt({ reference: { answer: "4" } }, "answer") // "4"
 */
export function referenceAt(r: Pick<Rollout, "reference">, path?: string): unknown {
  if (!path) return r.reference;
  let cur: unknown = r.reference;
  for (const key of path.split(".")) {
    if (cur == null || typeof cur !== "object") return undefined;
    if (!Object.hasOwn(cur as object, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
