import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { writeFileAtomic } from "../io/atomic.ts";
import { RewardModel } from "./model.ts";

/**
 * Saves a model as JSON, creating its directory; the write is atomic, so a reader never sees half a model.
 * @example await saveModel(model, "model.json")
 */
export async function saveModel(model: RewardModel, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(model.toJSON())}\n`);
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
