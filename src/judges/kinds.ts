import type { KindDefinition } from "../spec/registry.ts";
import { judgeLabel } from "./judge-label.ts";
import { judgePairwise } from "./judge-pairwise.ts";
import { judgeRubric } from "./judge-rubric.ts";
import { judgeScore } from "./judge-score.ts";
import { judgeSteps } from "./judge-steps.ts";
import { remoteFlr } from "./remote-flr.ts";
import { remoteGetReward } from "./remote-get-reward.ts";
import { remoteRerank } from "./remote-rerank.ts";
import { remoteClassify, remotePooling } from "./remote-vllm.ts";

/** Reward kinds of LLM judges and remote reward models. */
export const judgeKinds: KindDefinition[] = [
  judgeScore,
  judgeLabel,
  judgePairwise,
  judgeRubric,
  judgeSteps,
  remoteClassify,
  remotePooling,
  remoteGetReward,
  remoteRerank,
  remoteFlr,
];
