import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, basename } from "node:path";
import { RewardModel } from "./model.ts";

/**
 * Writes a file atomically: a temporary file in the same directory, then a rename, so a reader never sees
 * half a model.
 * @example writeFileAtomic("model.json", text)
 */
export function writeFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * Saves a model as JSON (atomic write).
 * @example saveModel(model, "model.json")
 */
export function saveModel(model: RewardModel, path: string): void {
  writeFileAtomic(path, `${JSON.stringify(model.toJSON())}\n`);
}

/**
 * Loads a model file, with the file name in any error.
 * @example const m = loadModel("model.json");
 */
export function loadModel(path: string): RewardModel {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`cannot read model ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return RewardModel.fromJSON(raw);
  } catch (e) {
    throw new Error(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
