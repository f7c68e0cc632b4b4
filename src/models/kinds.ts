import type { KindDefinition } from "../spec/registry.ts";
import { modelBt } from "./kinds/model-bt.ts";
import { modelEnsemble } from "./kinds/model-ensemble.ts";

/** Reward kinds of trained reward models (model.bt and ensembles). */
export const modelKinds: KindDefinition[] = [modelBt, modelEnsemble];
