/**
 * LaTeX clean-up before parsing, in Math-Verify's four switchable groups (basic LaTeX, units, malformed
 * operators, nits). Every rule is a single-pass replacement without nested quantifiers, so it stays linear.
 */

/** Which normalisation groups run. */
export interface NormalizeConfig {
  /** `\left`/`\right`, spacing commands, `\dfrac`→`\frac`, `\mathrm`→`\text`, `and`/`or`→`,`, percent words. */
  basic_latex: boolean;
  /** Strip a trailing `\text{unit}` and trailing unit words. */
  units: boolean;
  /** Accept `sqrt(x)`, `\sqrt(x)` and brace-less `\frac12`-style arguments. */
  malformed_operators: boolean;
  /** `.5` → `0.5`, a trailing sentence period removed. */
  nits: boolean;
}

/** All groups on (Math-Verify's extraction default). */
export const NORMALIZE_ALL: NormalizeConfig = {
  basic_latex: true,
  units: true,
  malformed_operators: true,
  nits: true,
};

// Unit words dropped at the end of an answer (an illustrative list, not Math-Verify's exact ~140 words).
const UNIT_WORDS = [
  "units?",
  "square units?",
  "sq units?",
  "cubic units?",
  "degrees?",
  "cm",
  "mm",
  "km",
  "m",
  "meters?",
  "metres?",
  "centimeters?",
  "millimeters?",
  "kilometers?",
  "inch(?:es)?",
  "in",
  "feet",
  "foot",
  "ft",
  "yards?",
  "miles?",
  "mph",
  "hours?",
  "hrs?",
  "minutes?",
  "mins?",
  "seconds?",
  "secs?",
  "days?",
  "weeks?",
  "months?",
  "years?",
  "dollars?",
  "cents?",
  "yuan",
  "euros?",
  "pounds?",
  "kg",
  "g",
  "grams?",
  "kilograms?",
  "liters?",
  "litres?",
  "ml",
  "l",
  "people",
  "students?",
  "ways",
  "times",
  "points?",
  "coins?",
  "marbles?",
  "apples?",
  "books?",
  "pages?",
  "cups?",
  "boxes",
  "balls?",
];
const UNIT_TAIL = new RegExp(
  `(?<=[\\d}) ])\\s*(?:${UNIT_WORDS.join("|")})(?:\\^?\\{?[23]\\}?|²|³)?\\s*$`,
  "i",
);
const TEXT_CMDS =
  /\\(?:mathrm|mathbf|mathit|mathsf|textbf|textit|textrm|textnormal|mbox|operatorname\*?)\s*\{/g;

/**
 * Normalises one extracted LaTeX answer string.
 * @example normalizeLatex("\\left( \\dfrac{1}{3} \\right)", NORMALIZE_ALL) // "( \\frac{1}{3} )"
 */
export function normalizeLatex(input: string, cfg: NormalizeConfig): string {
  let s = input;
  if (cfg.basic_latex) {
    s = s
      .replace(/(?<!\\)\\\\(?=[a-zA-Z])/g, "\\")
      .replace(
        /\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big|bigg|Bigg)(?![a-zA-Z])\s*(\\\{|\\\}|\\\||[()[\]|.])?/g,
        (_m, d) => (d === "." || d === undefined ? " " : d),
      )
      .replace(/\\(?:displaystyle|textstyle|scriptstyle|limits)(?![a-zA-Z])/g, " ")
      // `\!` is a negative space that joins (`1,\!000,\!000`); the others separate.
      .replace(/(?<!\\)\\(?:!|negthinspace(?![a-zA-Z]))/g, "")
      .replace(/(?<!\\)\\(?:[,;:> ]|q?quad(?![a-zA-Z])|(?:thin|med|thick|en)space(?![a-zA-Z]))|~/g, " ")
      // `0.\bar{3}` and `0.\dot{3}` mark a repeating block as `0.\overline{3}` does.
      .replace(/(\d\.\d*)\\(?:bar|dot)\s*\{(\d+)\}/g, "$1\\overline{$2}")
      // `\mathrm{i}` is the imaginary unit, `\mathrm{e}` Euler's number, as upright letters.
      .replace(/\\(?:mathrm|text|operatorname)\s*\{\s*([ie])\s*\}/g, " $1 ")
      // `\text{\$}12` is a dollar sign set in text mode, as `\$12` is.
      .replace(/\\(?:text|mathrm|textrm)\s*\{\s*\\\$\s*\}/g, " ")
      .replace(/\$|\\\$/g, " ")
      .replace(/\\[dtc]frac(?![a-zA-Z])/g, "\\frac")
      .replace(/\\[dt]binom(?![a-zA-Z])/g, "\\binom")
      .replace(TEXT_CMDS, "\\text{")
      // `\text{km}/\text{h}` is one unit, as `\text{km/h}` is.
      .replace(/(\\text\s*\{[^{}]*)\}\s*\/\s*\\text\s*\{/g, "$1/")
      // `{5 \choose 2}` is `\binom{5}{2}`.
      .replace(
        /\{([^{}\\]*)\\choose(?![a-zA-Z])([^{}]*)\}/g,
        (_m, n: string, k: string) => `\\binom{${n.trim()}}{${k.trim()}}`,
      )
      .replace(/\\text\s*\{\s*(?:,?\s*(?:and|or)|,)\s*\}/g, ",")
      .replace(/(?<![a-zA-Z\\])(?:,\s*)?(?:and|or)(?![a-zA-Z])/g, ",")
      .replace(/\s*\\?(?:percentage|percent|pct)\b/gi, "\\%")
      .replace(/\\text\s*\{\s*\\%\s*\}/g, "\\%")
      .replace(/(?<![\\a-zA-Z])inf(?:inity)?(?![a-zA-Z])/g, "\\infty")
      .replace(/\\(?:ldots|cdots|dots|dotsc|dotsb|dotsm)(?![a-zA-Z])/g, "\\dots")
      .replace(/[""'']|``/g, (q) => (q === "'" ? "'" : " "))
      // `3{,}75` is a decimal comma, `14{,}916` a thousands separator (three digits follow).
      .replace(/(\d)\{,\}(\d+)/g, (_m, a: string, b: string) => (b.length === 3 ? `${a},${b}` : `${a}.${b}`))
      .replace(/\{,\}/g, ",")
      .replace(/[\u00a0\u2009\u202f\u2007\u2008\u200a]/g, " ")
      .replace(/[≈∈∪]/g, (c) => (c === "≈" ? "\\approx " : c === "∈" ? "\\in " : "\\cup "));
  }
  if (cfg.units) {
    // A trailing \text{...} unit after a value; a lone \text{word} answer is kept.
    s = s.replace(/(?<=[\d}).])\s*\\text\s*\{[^{}]*\}\s*(?:\^\s*\{?\s*[23]\s*\}?)?\s*\.?\s*$/, "");
    s = s.replace(UNIT_TAIL, "");
  }
  if (cfg.nits) {
    s = s.replace(/(?<![\d}])\.(?=\d)/g, "0.").replace(/\s*\.\s*$/, "");
  }
  return s.trim();
}
