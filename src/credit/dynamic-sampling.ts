import type { Groups } from "./groups.ts";

/** Which groups carry a learning signal under DAPO's dynamic sampling, and which rows to keep. */
export interface SignalReport {
  /** Groups whose scorable values are not all identical (or singletons, when kept). */
  kept: number[];
  /** Groups with no signal: every scorable value identical, or nothing scorable. */
  noSignal: number[];
  /** 1 for rows of kept groups, 0 otherwise. */
  rowMask: Uint8Array;
}

/**
 * DAPO dynamic-sampling filter: a group whose scorable values are all identical (all correct, all wrong) gives
 * every row advantage 0 under GRPO, so it carries no signal and is reported for dropping. verl keeps a group of
 * one (`std > 0 or len == 1`), which `keepSingletons` reproduces; null rows are ignored.
 * (DAPO, arXiv 2503.14476 §3.3; verl `filter_groups`)
 * @example dynamicSamplingFilter(Float64Array.of(1, 1, 0, 1), fixedGroups(4, 2)).noSignal // [0]
 */
export function dynamicSamplingFilter(
  scores: ArrayLike<number>,
  groups: Groups,
  o: { keepSingletons?: boolean } = {},
): SignalReport {
  const keepSingletons = o.keepSingletons ?? true;
  const { order, offsets } = groups;
  const kept: number[] = [];
  const noSignal: number[] = [];
  const rowMask = new Uint8Array(scores.length);
  for (let g = 0; g < offsets.length - 1; g++) {
    let first = Number.NaN;
    let n = 0;
    let varies = false;
    for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
      const x = scores[order ? order[k]! : k]!;
      if (Number.isNaN(x)) continue;
      if (n === 0) first = x;
      else if (x !== first) varies = true;
      n++;
    }
    if (varies || (n === 1 && keepSingletons)) {
      kept.push(g);
      for (let k = offsets[g]!; k < offsets[g + 1]!; k++) rowMask[order ? order[k]! : k] = 1;
    } else noSignal.push(g);
  }
  return { kept, noSignal, rowMask };
}
