// Answer forms from the conformance classes written in ways the generator does not produce, each checked by
// hand: separators, choice letters, plain answers after markers, indexed roots, E-notation, decimal
// literals against exact values.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { verifyMath } from "../../src/verifiers/math/verify.ts";

const cases: [string, string, boolean][] = [
  ["1234567", "\\boxed{1{\\,}234{\\,}567}", true],
  ["1234567", "$\\boxed{1~234~567}$", true],
  ["-12345", "\\boxed{-12\\,345}", true],
  ["12345.67", "\\boxed{12\\,345.67}", true],
  ["1234", "\\boxed{\\$1{,}234}", true],
  ["1234.5", "\\boxed{\\$1{,}234.50}", true],
  ["B", "The answer is \\textbf{(B)} 12.", true],
  ["B", "$\\boxed{\\mathrm{(B)}}$", true],
  ["B", "\\boxed{\\text{B}}", true],
  ["B", "Answer: Option (B)", true],
  ["B", "The correct answer is: (B)", true],
  ["B", "The correct option is B.", true],
  ["B", "The correct option is C.", false],
  ["(B)", "\\boxed{B}", true],
  ["\\text{(B)}", "\\boxed{(C)}", false],
  ["2, 3", "**Answer:** x_1 = 2 and x_2 = 3", true],
  ["2, 3", "The roots are $x_1=2$ and $x_2=3$.", true],
  ["2, 3", "The roots are $x_1=2$ and $x_2=4$.", false],
  ["\\frac34", "**Answer:** 3/4", true],
  ["(2,3)", "**Answer:** (2, 3)", true],
  ["[1,5)", "Answer: [1, 5)", true],
  ["5", "Answer: x = 5", true],
  ["5", "Answer: 5 cm", true],
  ["-\\frac12", "**Answer:** -\\frac{1}{2}", true],
  ["\\sqrt2", "Answer: \\sqrt{2}", true],
  ["1000", "#### 1,000", true],
  ["154", "#### +154", true],
  ["-154", "#### +154", false],
  ["x<4", "**Answer:** x<4", true],
  ["x<4", "**Answer:** x\\le 4", false],
  ["(-\\infty,4)", "**Answer:** x<4", false],
  ["0.001", "Answer: 1e-3", true],
  ["0.001", "Answer: 1.0E-3", true],
  ["29000", "$2.9E+04$", true],
  ["29000", "The final answer is 2.9E+04.", true],
  ["630000", "so the result is 6.3e5", true],
  ["6.5\\times10^{-19}", "\\boxed{6.5 \\cdot 10^{-19}}", true],
  ["6.5\\times10^{-19}", "\\boxed{6.6 \\cdot 10^{-19}}", false],
  ["6.5\\times10^{-19}", "\\boxed{6.5\\times10^{-18}}", false],
  ["6.5\\times10^{-19}", "\\boxed{6.49\\times10^{-19}}", true],
  ["\\{1,2,3\\}", "\\boxed{\\{3,2,1,1\\}}", true],
  ["\\{1,2,3\\}", "\\boxed{\\{3,2\\}}", false],
  ["1,2,3", "\\boxed{3, 2, 2, 1}", true],
  ["3+\\sqrt5", "\\boxed{\\sqrt5+3}", true],
  ["a+b+c", "\\boxed{c+a+b}", true],
  ["2.5", "Die Antwort ist \\boxed{2,5}", true],
  ["2.5", "\\boxed{2{,}5}", true],
  ["2, 5", "\\boxed{2,5}", true],
  ["\\frac{\\pi}{6}", "\\boxed{30^\\circ}", true],
  ["30^\\circ", "\\boxed{\\frac{\\pi}{6}}", true],
  ["42", "\\boxed{\\sin(10^{17})}", false],
  ["0.9577", "\\boxed{\\tan^{-1}(\\tan(10^{300}))}", false],
  ["\\frac{\\sqrt3}{2}", "\\boxed{\\sin 60^\\circ}", true],
  ["1", "\\boxed{\\sin^2(10^{20}) + \\cos^2(10^{20})}", false],
];

// Decimal literals: equal when they agree to 6 significant digits or within one unit of the last digit
// written (rounded or truncated answers), never because both round to 0 at 6 decimals.
const precision: [string, string, boolean][] = [
  ["0.3", "\\boxed{0.30000000000000004}", true],
  ["\\frac{3}{10}", "\\boxed{0.30000000000000004}", true],
  ["\\frac23", "\\boxed{0.6666666}", true],
  ["\\frac23", "\\boxed{0.666667}", true],
  ["42", "\\boxed{42.0000001}", true],
  ["0.0012345678", "\\boxed{0.001235}", true],
  ["6.5\\times10^{-19}", "\\boxed{6.6\\times10^{-19}}", false],
  ["6.5\\times10^{-19}", "\\boxed{6.4\\times10^{-19}}", false],
  ["6.5\\times10^{-19}", "\\boxed{6.50\\times10^{-19}}", true],
  ["\\frac{1}{2^{70}}", "\\boxed{8.5\\times10^{-22}}", true],
  ["\\frac{1}{2^{70}}", "\\boxed{8.3\\times10^{-22}}", false],
  ["0", "\\boxed{6.5\\times10^{-19}}", false],
  ["\\frac{1}{2^{2000}}", "\\boxed{1.0\\times10^{-600}}", false],
  ["1.4\\times10^{-12}", "\\boxed{1.3\\times 10^{-12}}", false],
];

// MATH's `1,\!000,\!000`, `\$` in golds, more markers and separators. An equation per root (`y_2=4`) is
// compared by its right side, as Math-Verify does.
const markers: [string, string, boolean][] = [
  ["\\$18.90", "\\boxed{18.9}", true],
  ["1,\\!000,\\!000", "\\boxed{1000000}", true],
  ["1000000", "\\boxed{1,\\!000,\\!000}", true],
  ["1000000", "\\boxed{10^{6}}", true],
  ["1.6\\times10^{-19}", "The charge is \\boxed{1.6e-19}", true],
  ["1.6\\times10^{-19}", "\\boxed{1.60 \\times 10^{-19}\\text{ C}}", true],
  ["6.5\\times10^{-19}", "\\boxed{6.5 \\times 10^{-19} \\text{ J}}", true],
  ["6.5\\times10^{-19}", "\\boxed{6.6 \\times 10^{-19} \\text{ J}}", false],
  ["2,3", "\\boxed{x = 2 \\text{ or } x = 3}", true],
  ["2,3", "\\boxed{x=2}, \\boxed{x=3}", true],
  ["A", "Correct option: (A)", true],
  ["A", "The correct option is: A", true],
  ["A", "Correct answer: (A)", true],
  ["154", "#### $154", true],
  ["154", "#### \\$154", true],
  ["x<4", "**Answer: x < 4**", true],
  ["x<4", "Answer: $x<4$", true],
  ["29000", "The final answer is 2.9E+04", true],
  ["12", "\\boxed{12\\text{ cm}^2}", true],
  ["\\text{(C)}", "\\boxed{\\mathrm{C}}", true],
  ["C", "\\boxed{\\text{C}}", true],
  ["C", "\\boxed{c}", true],
  ["3", "The roots are $x_1 = 3$ and $x_2 = 3$.", true],
  ["-1, 4", "\\boxed{x_1=-1,\\; x_2=4}", true],
  ["-1, 4", "\\boxed{x_{1}=4, x_{2}=-1}", true],
  ["-1, 4", "\\boxed{x_1=-1, y_2=4}", true],
  ["\\{1,2\\}", "\\boxed{\\{2, 1, 2, 1\\}}", true],
  ["1, 2, 2", "\\boxed{1, 2}", true],
  ["0.5", "\\boxed{0{,}5}", true],
  ["1234.5", "\\boxed{1\\,234{,}5}", true],
  ["1234.5", "\\boxed{1\\,234.5}", true],
  ["12345", "\\boxed{12{\\,}345}", true],
  ["12345", "\\boxed{12\\thinspace 345}", true],
  ["12345", "\\boxed{12\\,345\\text{ dollars}}", true],
  ["2.9\\times 10^4", "\\boxed{2.9E4}", true],
  ["2.9\\times 10^4", "\\boxed{29000}", true],
  ["\\sqrt{3}+1", "\\boxed{1+\\sqrt3}", true],
  ["2x+3y", "\\boxed{3y+2x}", true],
  ["2x+3y", "\\boxed{3x+2y}", false],
  ["\\frac{1}{2}+\\frac{\\sqrt3}{2}i", "\\boxed{\\frac{\\sqrt3}{2}i+\\frac12}", true],
];

// Approximations: the exact value before `≈`/`\approx` is the answer when there is one.
const approximations: [string, string, boolean][] = [
  ["\\frac13", "Answer: 1/3 ≈ 0.333", true],
  ["\\frac13", "Answer: x = 1/3 ≈ 0.333", true],
  ["3.14", "Answer: π ≈ 3.14", true],
  ["3.14", "Answer: x ≈ 3.14", true],
  ["\\frac13", "**Answer:** $\\frac{1}{3} \\approx 0.333$", true],
  ["\\frac{\\sqrt2}{2}", "Answer: \\frac{\\sqrt{2}}{2} \\approx 0.707", true],
  ["\\frac13", "Answer: 1/4 ≈ 0.333", false],
  ["42", "Natalia sold 48/2 = <<48/2=24>>24 clips.\n#### 42", true],
  ["42", "**Answer:** 42 ✓", true],
];

describe("answer forms beyond the generated corpus", () => {
  for (const [gold, pred, expected] of [...cases, ...precision, ...markers, ...approximations]) {
    test(`${pred} vs ${gold}: ${expected}`, () => {
      const v = verifyMath(gold, pred);
      assert.equal(v.correct, expected, JSON.stringify(v));
    });
  }
});
