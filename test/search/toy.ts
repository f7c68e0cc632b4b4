/**
 * Toy generators with a known optimum. The "model" writes one letter of {a, b, c} per step (a seeded draw
 * from the prompt, the seed and the choice index, so runs repeat exactly); the reward is the fraction of
 * positions that match the hidden target "abca", so the optimum is exactly "abca" with reward 1.
 */
import { createHash } from "node:crypto";
import { functionGenerator, type Generator } from "../../src/search/generator.ts";
import type { Objective } from "../../src/search/objective.ts";

export const TARGET = "abca";
export const LETTERS = ["a", "b", "c"];

/** A number in [0, 1) from a string (SHA-256). */
export function h(s: string): number {
  return Number.parseInt(createHash("sha256").update(s).digest("hex").slice(0, 8), 16) / 2 ** 32;
}

/** One letter per call when `stop` is given (a step), else a whole 4-letter answer. */
export function letterGenerator(): Generator {
  return functionGenerator((prompt, o) =>
    Array.from({ length: o.n }, (_, i) => {
      const len = o.stop ? 1 : TARGET.length;
      let out = "";
      for (let k = 0; k < len; k++) out += LETTERS[Math.floor(h(`${prompt}|${o.seed}|${i}|${k}`) * 3)]!;
      return out;
    }),
  );
}

/** Steps are separated by newlines; the answer is the letters with the newlines removed. */
export const letters = (text: string) => text.replace(/\n/g, "");

/** Outcome reward: matches with the target over its length (the optimum 1 is "abca"). */
export const outcome: Objective = async (text) => {
  const s = letters(text);
  let m = 0;
  for (let i = 0; i < TARGET.length; i++) if (s[i] === TARGET[i]) m++;
  return s.length > TARGET.length ? 0 : m / TARGET.length;
};

/** Process reward: a perfect PRM scores a prefix by its matches so far (a wrong letter can never recover). */
export const processReward: Objective = async (text) => {
  const s = letters(text);
  let m = 0;
  for (let i = 0; i < s.length; i++) if (s[i] === TARGET[i]) m++;
  return m / TARGET.length - (s.length - m);
};
