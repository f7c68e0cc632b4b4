import type { KindDefinition } from "../../spec/registry.ts";

/** Reward kinds of code.tests (sandboxed code execution). */
export const codeKinds: KindDefinition[] = [];
