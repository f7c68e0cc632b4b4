import { z } from "zod";
import type { BuildContext } from "../../spec/registry.ts";
import { RewardModel } from "../model.ts";

/** A model named by file (read through the build context) or given inline as the saved JSON object. */
export const modelSource = z.union([z.string().min(1), z.record(z.string(), z.unknown())]);

/**
 * Resolves a model source: a file read with `ctx.load` (parsed once per compile), or an inline object.
 * Throws a message naming the file; the compiler reports it at the node's path.
 * @example resolveModel("rm.json", ctx)
 */
export function resolveModel(src: string | Record<string, unknown>, ctx: BuildContext): RewardModel {
  if (typeof src !== "string") return RewardModel.fromJSON(src);
  if (!ctx.load)
    throw new Error(
      `cannot read model file "${src}": no file loader in this context (give the model inline)`,
    );
  const text = ctx.load(src);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`model file "${src}" is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return RewardModel.fromJSON(raw);
  } catch (e) {
    throw new Error(`model file "${src}": ${e instanceof Error ? e.message : String(e)}`);
  }
}
