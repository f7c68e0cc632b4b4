import type { KindDefinition } from "../../spec/registry.ts";
import { codeTests } from "./tests-kind.ts";

/** Reward kinds of code.tests (sandboxed code execution). */
export const codeKinds: KindDefinition[] = [codeTests];
