import type { KindDefinition } from "../spec/registry.ts";
import { memoryT1 } from "./memory/t1-kind.ts";
import { temporalDate } from "./temporal/date-kind.ts";
import { temporalFrames } from "./temporal/frames-kind.ts";
import { temporalTiou } from "./temporal/tiou-kind.ts";

/** Reward kinds for time spans, temporal memory, dates, boxes and masks, and embeddings. */
export const libraryKindsB: KindDefinition[] = [
  temporalTiou,
  temporalFrames,
  temporalDate,
  memoryT1,
] as KindDefinition[];
