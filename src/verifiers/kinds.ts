import type { KindDefinition } from "../spec/registry.ts";
import { referenceMatchKinds } from "./reference-match-kinds.ts";
import { groundingKinds } from "./grounding-kinds.ts";

/** Reward kinds of the verifier library (tools, temporal, memory, vision, similarity, partial credit, embeddings). */
export const verifierKinds: KindDefinition[] = [...referenceMatchKinds, ...groundingKinds];
