// Traps Math-Verify falls into (or that a naive checker falls into), each worked out by hand.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type MathOptions, verifyMath } from "../../src/verifiers/math/verify.ts";
import { NO_HANG_MS } from "../fixtures/budget.ts";

type Case = [gold: string, pred: string, expected: boolean, why: string, opts?: Partial<MathOptions>];

const cases: Case[] = [
  // Tiny magnitudes: exact rationals, never an epsilon (Math-Verify issue #14 says True for all three).
  ["$\\frac{1}{2^{99}}$", "$\\frac{1}{2^{98}}$", false, "2^-99 / 2^-98 = 1/2, exact values differ"],
  ["$\\frac{1}{2004!}$", "$\\frac{1}{2006!}$", false, "ratio 2005·2006 = 4022030, not 1"],
  [
    "$\\frac{2^{2005}+1}{3\\cdot 2^{2006}}$",
    "$\\frac{1}{3\\cdot 2^{2006}}$",
    false,
    "numerators 2^2005+1 and 1 differ over the same denominator",
  ],
  ["$\\frac{1}{2^{99}}$", "$2^{-99}$", true, "the same rational written two ways"],
  [
    "$\\frac{\\sqrt{2}}{2^{99}}$",
    "$\\frac{\\sqrt{2}}{2^{98}}$",
    false,
    "irrational: error bound is relative, ratio 2",
  ],
  // Equations: the trailing 0 must not be extracted on both sides (issue #60).
  ["3x-y+13=0", "3x+4y+14=0", false, "lines with different slopes (3 vs -3/4)"],
  ["3*x-1*y+13=0", "3x + 4y + 14=0", false, "same with expression extraction only", { extract: ["expr"] }],
  ["3x-y+13=0", "The line is $-3x+y-13=0$.", true, "the same equation times -1"],
  // Invalid LaTeX must not leave its leading number as the answer (issue #41).
  ["4", "$4\\sqrt(2)$", false, "read as 4·sqrt(2) ≈ 5.657 ≠ 4"],
  [
    "$4$",
    "$4\\sqrt(2)$",
    false,
    "with malformed operators off it does not parse at all",
    { normalize: { basic_latex: true, units: true, malformed_operators: false, nits: false } },
  ],
  // Echoed question: an anchorless formula copied from the prompt is not an answer.
  [
    "x+1",
    "We need to simplify $\\frac{2x+2}{2}$.",
    false,
    "(2x+2)/2 = x+1 but it is the question",
    { question: "Simplify $\\frac{2x+2}{2}$." },
  ],
  [
    "x+1",
    "We need to simplify $\\frac{2x+2}{2}$, which gives \\boxed{x+1}.",
    true,
    "the boxed answer still counts",
    { question: "Simplify $\\frac{2x+2}{2}$." },
  ],
  // Percent vs plain number.
  ["$28\\%$", "28", true, "the number of percent, written without the sign"],
  ["28", "$28\\%$", true, "the sign added to a percent answer"],
  ["$28\\%$", "0.28", true, "28/100 = 0.28 exactly"],
  ["$0.28$", "28", false, "no percent sign anywhere: 0.28 ≠ 28"],
  ["$28\\%$", "2.8", false, "neither 0.28 nor 28"],
  ["$28\\%$", "28", false, "with percent_as_number off (Math-Verify 0.8)", { percent_as_number: false }],
  // Degrees vs radians.
  ["$90^\\circ$", "$\\frac{\\pi}{2}$", true, "90·π/180 = π/2"],
  ["$30^\\circ$", "30", true, "the degree sign dropped"],
  ["90", "$\\frac{\\pi}{2}$", false, "no degree sign: 90 ≠ 1.5708"],
  ["$\\frac{\\pi}{6}$", "30", false, "no degree sign: 0.5236 ≠ 30"],
  ["$90^\\circ$", "$\\frac{\\pi}{2}$", false, "with degrees_as_radians off", { degrees_as_radians: false }],
  // Rounding only with a decimal literal, at `precision` decimals.
  ["$\\frac{1}{3}$", "0.333333", true, "1/3 rounds to 0.333333 at 6 decimals"],
  ["$\\frac{1}{3}$", "0.3333", false, "0.3333 vs 0.333333 at 6 decimals"],
  ["$\\frac{1}{3}$", "0.3333", true, "equal at 4 decimals", { precision: 4 }],
  ["$\\frac{\\sqrt{2}}{2}$", "0.707107", true, "√2/2 = 0.70710678 → 0.707107"],
  // Bare LaTeX gold (Math-Verify returns nothing for an undelimited \dfrac, issue #70).
  ["\\dfrac{9}{7}", "The answer is $\\frac{18}{14}$", true, "18/14 = 9/7"],
  ["\\frac{\\sqrt{3}}{2}", "so \\boxed{\\frac{\\sqrt3}{2}}", true, "brace-less \\sqrt3 is √3"],
  // Assignments follow the gold.
  ["$x=3$", "3", true, "gold assignment vs bare value: rhs compared"],
  ["$2x+z=1$", "1", false, "not an assignment: 2x+z=1 is not the value 1"],
  ["$y=2x+1$", "$y = 1+2x$", true, "same right-hand side reordered"],
  // Multiple choice.
  ["B", "The answer is B.", true, "letter after the answer anchor", { extract: ["string"] }],
  ["B", "The answer is C.", false, "a different letter", { extract: ["string"] }],
  // Answer tags restrict where the answer is read.
  ["5", "I think 7 is wrong. <answer>5</answer>", true, "the tag content is the answer"],
  ["7", "I think 7 is wrong. <answer>5</answer>", false, "numbers outside the tag are ignored"],
];

describe("math traps", () => {
  for (const [gold, pred, expected, why, opts] of cases) {
    test(`${JSON.stringify(gold)} vs ${JSON.stringify(pred).slice(0, 60)} → ${expected}: ${why}`, () => {
      const v = verifyMath(gold, pred, opts ?? {});
      assert.equal(v.correct, expected, JSON.stringify(v));
      assert.equal(v.error, undefined);
    });
  }
});

describe("math bombs are refused up front, fast", () => {
  const bombs: [string, string][] = [
    ["$5^{5^{5^{5^5}}}$", "exponent tower"],
    ["$10^{10^{10}}$", "10^(10^10) has 10^10 digits"],
    ["$100000!$", "factorial far beyond the exact budget"],
    ["$3^{20000000}$", "3^20000000 has ~9.5 million digits"],
    [`$${"{".repeat(5000)}1${"}".repeat(5000)}$`, "nesting 5000 deep"],
    [`$${"\\log(".repeat(400)}2${")".repeat(400)}$`, "log chain 400 deep"],
    [`$1${"0".repeat(100_000)}$`, "a 100,001-digit literal"],
  ];
  for (const [pred, why] of bombs) {
    test(`${why} → resource`, () => {
      const t0 = performance.now();
      const v = verifyMath("1", pred);
      const ms = performance.now() - t0;
      assert.equal(v.error?.kind, "resource", JSON.stringify(v));
      assert.equal(v.correct, false);
      assert.ok(ms < NO_HANG_MS, `took ${ms} ms`);
    });
  }
  test("2^(2^30) vs 2^(2^30)+1 is refused, not equated by tolerance", () => {
    const v = verifyMath("$2^{2^{30}}$", "$2^{2^{30}}+1$");
    assert.equal(v.error?.kind, "resource");
  });
  const floods: [string, string][] = [
    ["\\boxed{".repeat(10_000), "\\boxed{ × 10,000 unclosed"],
    ["<answer>".repeat(20_000), "<answer> × 20,000 unclosed"],
    [`<answer>${" ".repeat(4000)}x`, "<answer> + 4000 spaces"],
    [`${"$".repeat(50_000)}`, "50,000 dollar signs"],
    [`${"1 ".repeat(100_000)}`, "100,000 separated numbers"],
    ["½".repeat(100_000), "100,000 Unicode halves (each spelled as \\frac{1}{2})"],
    [`<answer>${"(B) 7 or ".repeat(20_000)}</answer>`, "20,000 hedged options in an answer tag"],
    [`{${" ".repeat(100_000)}\\choose`, "\\choose after 100,000 spaces"],
  ];
  for (const [pred, why] of floods) {
    // Generous bound: the machine is shared; a quadratic scan of these inputs would take minutes.
    test(`${why}: linear scan, a decision without a quadratic blow-up`, () => {
      verifyMath("1", pred); // warm-up of the code paths
      const t0 = performance.now();
      const v = verifyMath("1", pred);
      const ms = performance.now() - t0;
      assert.ok(ms < NO_HANG_MS, `took ${ms} ms`);
      assert.equal(typeof v.correct, "boolean");
    });
  }
});
