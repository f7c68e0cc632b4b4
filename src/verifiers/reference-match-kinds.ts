import type { KindDefinition } from "../spec/registry.ts";
import { creditPartial } from "./partial/sub-answer-kind.ts";
import {
  similarityBleu,
  similarityFuzzy,
  similarityGleu,
  similarityMeteor,
  similarityRouge,
} from "./similarity/kinds.ts";
import { textCheck } from "./similarity/string-check.ts";
import { toolsMatch } from "./tools/match.ts";
import { toolsToolrl } from "./tools/toolrl.ts";

/** Reward kinds for tool calls, text similarity, string checks and partial credit. */
export const referenceMatchKinds: KindDefinition[] = [
  toolsToolrl,
  toolsMatch,
  similarityFuzzy,
  similarityBleu,
  similarityGleu,
  similarityMeteor,
  similarityRouge,
  textCheck,
  creditPartial,
] as KindDefinition[];
