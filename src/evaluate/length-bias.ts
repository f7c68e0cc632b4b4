import { pearson, spearman } from "./stats.ts";

/** How much a reward model's scores follow response length. */
export interface LengthBiasReport {
  /** Pearson correlation of reward with length (characters) over every scored response. */
  pearson: number;
  /** Spearman rank correlation of reward with length. */
  spearman: number;
  /** Among pairs of unequal length: how often the model prefers the longer response. */
  modelPrefersLonger: number;
  /** Among the same pairs: how often the chosen (labelled) response is the longer one. */
  dataPrefersLonger: number;
  n: number;
}

/**
 * Length bias of a reward model: reward–length correlation over responses, and the model's preference for the
 * longer response compared with the labels' own preference for it (a model above the data rate is length-biased).
 * @example lengthBias([{ chosenLen: 10, rejectedLen: 5, chosen: 1, rejected: 0 }])
 */
export function lengthBias(
  pairs: { chosenLen: number; rejectedLen: number; chosen: number; rejected: number }[],
): LengthBiasReport {
  const lens: number[] = [];
  const scores: number[] = [];
  let unequal = 0;
  let modelLonger = 0;
  let dataLonger = 0;
  for (const p of pairs) {
    lens.push(p.chosenLen, p.rejectedLen);
    scores.push(p.chosen, p.rejected);
    if (p.chosenLen === p.rejectedLen) continue;
    unequal++;
    const chosenLonger = p.chosenLen > p.rejectedLen;
    if (chosenLonger) dataLonger++;
    const d = p.chosen - p.rejected;
    // The model prefers the longer one when the gap points to it; a zero gap counts half.
    modelLonger += d === 0 ? 0.5 : d > 0 === chosenLonger ? 1 : 0;
  }
  return {
    pearson: pearson(lens, scores),
    spearman: spearman(lens, scores),
    modelPrefersLonger: unequal ? modelLonger / unequal : Number.NaN,
    dataPrefersLonger: unequal ? dataLonger / unequal : Number.NaN,
    n: pairs.length,
  };
}
