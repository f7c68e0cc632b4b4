// Reward hacks against math.equivalent: every attempt here must fail to score. Numeric tricks must be
// reported as undecided (never equal), with the reason in `info.note`.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import type { RewardResult } from "../../src/core/types.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { verifyMath } from "../../src/verifiers/math/verify.ts";

type Attempt = [gold: string, completion: string, why: string];

/** Values whose double error bound is too wide, or whose decisive term is below double resolution. */
const undecidable: Attempt[] = [
  ["42", "\\boxed{\\sin(10^{17})}", "sin of a huge argument: the bound on the reduced argument is ±10^4"],
  ["0", "\\boxed{\\tan^{-1}(\\tan(10^{300}))}", "arctan(tan(x)) has no usable error bound at 10^300"],
  ["1", "\\boxed{\\tan^{-1}(\\tan(10^{300}))}", "the same against 1"],
  ["42", "\\boxed{\\tan^{-1}(\\tan(10^{300}))}", "the same against 42"],
  ["\\pi", "\\boxed{\\tan^{-1}(\\tan(10^{300}))}", "the same against pi"],
  ["\\frac{1}{2}", "\\boxed{\\tan^{-1}(\\tan(10^{300}))}", "the same against 1/2"],
  ["-3", "\\boxed{\\tan^{-1}(\\tan(10^{300}))}", "the same against -3"],
  ["\\frac{1}{2}", "\\boxed{\\cos(10^{200})}", "cos of a huge argument"],
  ["7", "\\boxed{\\tan(10^{20})}", "tan of a huge argument"],
  ["16331239353195370", "\\boxed{\\tan(\\frac{\\pi}{2})}", "tan at its pole evaluates to 1.6e16 in doubles"],
  ["42", "\\boxed{42 + 10^{-40}\\sqrt{2}}", "a nonzero term below double resolution"],
  ["42", "\\boxed{42\\cdot\\frac{\\pi}{\\pi + 10^{-30}}}", "a factor that differs from 1 by 10^-30"],
  [
    "\\frac{\\pi}{2}",
    "\\boxed{\\arcsin(1 + 10^{-20})}",
    "arcsin outside [-1, 1], hidden by rounding 1 + 10^-20 to 1",
  ],
  ["\\sqrt{2}", "\\boxed{\\sqrt{2 + 10^{-35}\\pi}}", "a radicand off by 10^-35·pi"],
  [
    "x\\sqrt{2}",
    "\\boxed{\\sqrt{2}x + 10^{-40}\\sqrt{3}x}",
    "with a variable: the extra term is invisible at every sample",
  ],
  ["42", "\\boxed{\\sin(10^{17}) + 42}", "42 plus an undetermined bounded term"],
];

/** Forms that a naive checker accepts and that are mathematically not the answer. */
const wrong: Attempt[] = [
  ["42", "\\boxed{42 + 10^{-400}}", "exact rationals see the 10^-400"],
  ["42", "\\boxed{\\frac{42}{1 + 10^{-400}}}", "exact rationals see the difference"],
  ["\\frac{1}{2^{99}}", "\\boxed{\\frac{1}{2^{98}}}", "tiny magnitudes: exact rationals, never an epsilon"],
  ["6.5\\times10^{-19}", "\\boxed{6.6\\times10^{-19}}", "decimal mantissas differing in the written digit"],
  ["1.4\\times 10^{-12}", "\\boxed{1.3 \\times 10^{-12}}", "the same at 10^-12"],
  ["0", "\\boxed{6.5\\times10^{-19}}", "a tiny decimal is not zero"],
  ["42", "\\boxed{41} \\boxed{42} \\boxed{43}", "shotgun of adjacent boxes is a set, not a number"],
  ["42", "\\boxed{42 \\text{ or } 43}", "two answers are not one"],
  ["42", "\\boxed{42 \\pm 1}", "plus-minus is the set {41, 43}"],
  ["42", "\\boxed{\\mathbb{R}}", "the real line contains 42 but is not 42"],
  ["42", "\\boxed{(-\\infty, \\infty)}", "an interval is not a number"],
  ["42", "\\boxed{\\frac{0}{0}}", "an undefined value equals nothing"],
  ["42", "\\boxed{\\infty - \\infty}", "an undefined value equals nothing"],
  ["42", "\\boxed{x}", "a free symbol is not a number"],
  ["4", "$4\\sqrt(2)$", "the leading 4 of a malformed formula is not the answer"],
  ["B", "Answer: (C)", "another choice"],
  ["B", "\\boxed{\\textbf{(C)}\\ 42}", "another choice with a value"],
  ["154", "#### -154", "the sign matters after ####"],
  ["x<4", "**Answer:** x\\le 4", "strict and non-strict inequalities differ"],
  ["\\{1,2,3\\}", "\\boxed{\\{1,2,2\\}}", "repeats are forgiven, missing elements are not"],
  ["2, 3", "$x_1 = 2$, $x_2 = 2$", "indexed roots that repeat one value"],
  ["29000", "\\boxed{2.9E+05}", "E-notation with the wrong exponent"],
  ["3.75", "\\boxed{3{,}57}", "a decimal comma with other digits"],
  ["12345", "\\boxed{12\\,354}", "spaced thousands with other digits"],
  ["\\frac{\\pi}{6}", "\\boxed{30}", "a bare 30 is not 30 degrees"],
  ["42", "The final answer is $42$ or $43$.", "hedging between two answers in one line"],
  ["42", "**Answer:** 41 or 42", "hedging in a plain answer line"],
  ["42", "Answer: 42 and 43", "two answers after the marker"],
  ["5", "\\boxed{5,0}", "the pair {5, 0} is not read as the decimal 5,0"],
  ["A", "**Answer:** (A) or (B)", "two choices"],
  ["B", "\\boxed{C}\n\n**(B) 19**", "a bold option line after a boxed answer: the box decides"],
  ["B", "Compare the options.\n\n**(B) 19** or **(C) 20**", "two options in one bold line are no choice"],
  [
    "B",
    "The options are\n**(A) 19**\n**(B) 20**\n**(C) 21**",
    "a listed option block ending in another letter",
  ],
  ["123.58", "\\boxed{\\text{\\$}123.57}", "a dollar sign in text mode does not hide the digits"],
  ["B", "Answer: (B) 7 or (C) 8", "two options after a marker are no choice"],
  ["B", "Answer: (B) 7, (C) 8", "two options listed after a marker"],
  ["B", "Answer: B. 7 or C. 8", "two options written with periods"],
  ["B", "<answer>B) 7 or C) 8</answer>", "two options in the answer tag"],
  ["B", "We compare.\n**B. 7 C. 8**", "two options in one bold line"],
  ["B", "\\boxed{\\textbf{(B)}\\ 7 \\text{ or } \\textbf{(C)}\\ 8}", "two AMC options in one box"],
  ["B", "\\boxed{\\text{(B)} 7, \\text{(C)} 8}", "two AMC options listed in one box"],
  ["B", "\\boxed{\\textbf{(B) }7\\textbf{(C) }8}", "two AMC options run together in one box"],
];

describe("reward hacks against math.equivalent", () => {
  const kind = compileNode({ kind: "math.equivalent" }, { registry: defaultRegistry });
  for (const [gold, completion, why] of undecidable) {
    test(`undecided, never equal: ${completion} vs ${gold} (${why})`, () => {
      const v = verifyMath(gold, completion);
      assert.equal(v.correct, false, JSON.stringify(v));
      assert.equal(v.rule, "numeric-undecided");
      assert.match(v.note ?? "", /undecided/);
      const r = kind.score({ completion, reference: gold }, {}) as RewardResult;
      assert.equal(r.score, 0);
      assert.match(String((r.info as { note?: string }).note), /undecided/);
    });
  }
  for (const [gold, completion, why] of wrong) {
    test(`not equal: ${completion} vs ${gold} (${why})`, () => {
      const v = verifyMath(gold, completion);
      assert.equal(v.correct, false, JSON.stringify(v));
      const r = kind.score({ completion, reference: gold }, {}) as RewardResult;
      assert.notEqual(r.score, 1);
    });
  }
  test("the corpus is not all noise: the same golds accept their honest answers", () => {
    for (const [gold, completion] of [
      ["42", "\\boxed{42}"],
      ["\\frac{\\pi}{2}", "\\boxed{\\arcsin(1)}"],
      ["\\sqrt{2}", "\\boxed{\\frac{2}{\\sqrt{2}}}"],
      ["x\\sqrt{2}", "\\boxed{\\sqrt{2}x}"],
      ["6.5\\times10^{-19}", "\\boxed{6.50\\times10^{-19}}"],
      ["B", "Answer: (B)"],
      ["154", "#### +154"],
      ["\\{1,2,3\\}", "\\boxed{\\{3,1,2,2\\}}"],
      ["29000", "\\boxed{2.9E+04}"],
      ["\\frac{\\pi}{6}", "\\boxed{30^\\circ}"],
    ] as const) {
      assert.equal(verifyMath(gold, completion).correct, true, `${completion} vs ${gold}`);
    }
  });
});
