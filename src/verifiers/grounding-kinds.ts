import type { KindDefinition } from "../spec/registry.ts";
import { embeddingGoal } from "./embedding/goal-kind.ts";
import { embeddingOt } from "./embedding/ot-kind.ts";
import { memoryT1 } from "./memory/memory-t1-kind.ts";
import { temporalDate } from "./temporal/date-kind.ts";
import { temporalFrames } from "./temporal/frames-kind.ts";
import { temporalTiou } from "./temporal/tiou-kind.ts";
import { visionBoxIou } from "./vision/box-iou-kind.ts";
import { visionGrounding } from "./vision/grounding-kind.ts";
import { visionKeyframe } from "./vision/keyframe-kind.ts";
import { visionMatch } from "./vision/match-kind.ts";
import { visionVeason } from "./vision/veason-kind.ts";

/** Reward kinds for time spans, temporal memory, dates, boxes and masks, and embeddings. */
export const groundingKinds: KindDefinition[] = [
  temporalTiou,
  temporalFrames,
  temporalDate,
  memoryT1,
  visionBoxIou,
  visionMatch,
  visionKeyframe,
  visionVeason,
  visionGrounding,
  embeddingGoal,
  embeddingOt,
] as KindDefinition[];
