import type { KindDefinition } from "../spec/registry.ts";
import { formatRegex } from "./format/regex.ts";
import { formatTags } from "./format/tags.ts";
import { jsonSchema } from "./json/schema.ts";
import { jsonValid } from "./json/valid.ts";
import { lengthOverlong } from "./length/overlong.ts";
import { lengthPenalty } from "./length/penalty.ts";
import { textChoice } from "./text/choice.ts";
import { textExact } from "./text/exact.ts";
import { textRepetition } from "./text/repetition.ts";

/** The first reward kinds: exact match, choice letters, format, length, repetition, JSON. */
export const basicKinds: KindDefinition[] = [
  textExact,
  textChoice,
  formatTags,
  formatRegex,
  lengthOverlong,
  lengthPenalty,
  textRepetition,
  jsonValid,
  jsonSchema,
] as KindDefinition[];
