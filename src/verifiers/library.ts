import type { KindDefinition } from "../spec/registry.ts";
import { libraryKindsA } from "./library-a.ts";
import { libraryKindsB } from "./library-b.ts";

/** Reward kinds of the verifier library (tools, temporal, memory, vision, similarity, partial credit, embeddings). */
export const libraryKinds: KindDefinition[] = [...libraryKindsA, ...libraryKindsB];
