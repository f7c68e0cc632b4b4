import { z } from "zod";
import { tagContent } from "../extract/tags.ts";

/** Where a JSON verifier finds the JSON text: the whole completion, the answer tag, or the last ``` fence. */
export const jsonSource = z.enum(["whole", "answer_tag", "fence", "auto"]);
export type JsonSource = z.infer<typeof jsonSource>;

/** The last fenced code block's content (``` or ```json), found with indexOf. */
export function lastFence(text: string): string | null {
  const end = text.lastIndexOf("```");
  if (end === -1) return null;
  const start = text.lastIndexOf("```", end - 3);
  if (start === -1) return null;
  const body = text.slice(start + 3, end);
  const nl = body.indexOf("\n");
  return nl !== -1 && /^[A-Za-z0-9_-]*$/.test(body.slice(0, nl).trim()) ? body.slice(nl + 1) : body;
}

/** The JSON text to parse, or null; `auto` tries the answer tag, then a fence, then the whole text. */
export function jsonText(text: string, from: JsonSource, tag = "answer"): string | null {
  if (from === "whole") return text;
  if (from === "answer_tag") return tagContent(text, tag);
  if (from === "fence") return lastFence(text);
  return tagContent(text, tag) ?? lastFence(text) ?? text;
}

/** Parses JSON with a typed outcome (NaN/Infinity tokens are rejected, as JSON says). */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message.slice(0, 200) : "invalid JSON" };
  }
}
