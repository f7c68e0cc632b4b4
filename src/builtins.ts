import { codeKinds } from "./verifiers/code/kinds.ts";
import { judgeAgentic } from "./judges/agentic.ts";
import { judgeKinds } from "./judges/kinds.ts";
import { modelKinds } from "./models/kinds.ts";
import { shapingKinds } from "./shaping/kinds.ts";
import { Registry } from "./spec/registry.ts";
import { temporalKinds } from "./temporal/kinds.ts";
import { combinatorKinds } from "./spec/kinds/combinators.ts";
import { basicKinds } from "./verifiers/basic-kinds.ts";
import { verifierKinds } from "./verifiers/kinds.ts";
import { mathKinds } from "./verifiers/math/kinds.ts";

/**
 * The registry of every built-in reward kind; extend a `clone()` to add your own.
 * @example compileSpec(spec, { registry: defaultRegistry.clone().add(myKind) })
 */
export const defaultRegistry: Registry = new Registry().add(
  ...combinatorKinds,
  ...basicKinds,
  ...mathKinds,
  ...verifierKinds,
  ...codeKinds,
  ...shapingKinds,
  ...judgeKinds,
  ...modelKinds,
  ...temporalKinds,
  judgeAgentic,
);
