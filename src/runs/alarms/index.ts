import type { RunColumns } from "../columns.ts";
import type { Alarm } from "./alarm.ts";
import { disagreement } from "./disagreement.ts";
import { componentDominance } from "./dominance.ts";
import { judgeErrors } from "./judge-errors.ts";
import { lengthDrift } from "./length-drift.ts";
import { saturation } from "./saturation.ts";
import { varianceCollapse } from "./variance-collapse.ts";

export type { Alarm, AlarmKind } from "./alarm.ts";
export { MAX_SAMPLES } from "./alarm.ts";
export { componentDominance, disagreement, judgeErrors, lengthDrift, saturation, varianceCollapse };

/** Thresholds of every monitor (each has its own default). */
export interface AlarmOptions {
  dominance?: { threshold?: number; rise?: number };
  collapse?: { threshold?: number };
  length?: { ratio?: number };
  saturation?: { threshold?: number };
  errors?: { threshold?: number; kinds?: string[] };
  disagreement?: { threshold?: number; high?: number };
}

/**
 * Runs every monitor over a run's columns and returns the alarms raised, each with the ids of the rollouts
 * that raised it (the detectors follow rewardspy's list: dominance, variance collapse, length drift,
 * saturation; plus grader error rate and model-vs-verifier disagreement).
 * @example const alarms = runAlarms(loadColumns(run)); alarms[0].samples
 */
export function runAlarms(cols: RunColumns, o: AlarmOptions = {}): Alarm[] {
  return [
    ...componentDominance(cols, o.dominance),
    ...varianceCollapse(cols, o.collapse),
    ...lengthDrift(cols, o.length),
    ...saturation(cols, o.saturation),
    ...judgeErrors(cols, o.errors),
    ...disagreement(cols, o.disagreement),
  ];
}
