import type { KindDefinition } from "../../spec/registry.ts";
import { mathEquivalent } from "./equivalent.ts";

/** Reward kinds of math.equivalent (math answer verification). */
export const mathKinds: KindDefinition[] = [mathEquivalent];
