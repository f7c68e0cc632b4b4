// Builds a batch of math checks from the dev vectors with a share of pathological inputs: half are math
// bombs the guards refuse (resource), half are legal but slow (a 60-element set of near-limit factorials,
// compared element by element), which only the worker deadline can stop.
import type { Rollout } from "../../src/core/types.ts";

/** A slow but within-limits check: two 60-element sets of factorials around 2990!. */
export function slowRollout(seed: number): Rollout {
  const items = Array.from({ length: 60 }, (_, i) => `${2990 - i - (seed % 5)}!`);
  return {
    completion: `$\\{${[...items]
      .reverse()
      .map((s) => `${s}+1`)
      .join(", ")}\\}$`,
    reference: `$\\{${items.join(", ")}\\}$`,
  };
}

const BOMBS = ["$5^{5^{5^{5^5}}}$", "$10^{10^{10}}$", "$100000!$", "$3^{20000000}$"];

/** `n` rollouts cycling through the rows, and the same batch with `share` of them made pathological. */
export function pathologicalBatch(
  rows: { gold: string; pred: string; flags?: string[] }[],
  n: number,
  share: number,
): { normal: Rollout[]; mixed: Rollout[]; slowAt: number[]; bombAt: number[] } {
  const plain = rows.filter((r) => !r.flags?.includes("quirk"));
  const normal: Rollout[] = Array.from({ length: n }, (_, i) => {
    const r = plain[i % plain.length]!;
    return { completion: r.pred, reference: r.gold };
  });
  const mixed = [...normal];
  const p = Math.round(n * share);
  const step = Math.floor(n / p);
  const slowAt: number[] = [];
  const bombAt: number[] = [];
  for (let k = 0; k < p; k++) {
    const i = k * step + 7;
    if (k % 2 === 0) {
      mixed[i] = slowRollout(k);
      slowAt.push(i);
    } else {
      mixed[i] = { completion: `\\boxed{${BOMBS[k % BOMBS.length]!.slice(1, -1)}}`, reference: "1" };
      bombAt.push(i);
    }
  }
  return { normal, mixed, slowAt, bombAt };
}
