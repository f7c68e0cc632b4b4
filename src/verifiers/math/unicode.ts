/**
 * Unicode vulgar fractions and radicals (`½`, `2¾`, `∛2`) spelled as the LaTeX they stand for, so a
 * completion that writes them is read like one that writes `\frac{1}{2}`, `2\frac{3}{4}`, `\sqrt[3]{2}`.
 * @example spellUnicodeMath("2½") // "2\\frac{1}{2}"
 */
const FRACTIONS: Record<string, string> = {
  "½": "\\frac{1}{2}",
  "⅓": "\\frac{1}{3}",
  "⅔": "\\frac{2}{3}",
  "¼": "\\frac{1}{4}",
  "¾": "\\frac{3}{4}",
  "⅕": "\\frac{1}{5}",
  "⅖": "\\frac{2}{5}",
  "⅗": "\\frac{3}{5}",
  "⅘": "\\frac{4}{5}",
  "⅙": "\\frac{1}{6}",
  "⅚": "\\frac{5}{6}",
  "⅐": "\\frac{1}{7}",
  "⅛": "\\frac{1}{8}",
  "⅜": "\\frac{3}{8}",
  "⅝": "\\frac{5}{8}",
  "⅞": "\\frac{7}{8}",
  "⅑": "\\frac{1}{9}",
  "⅒": "\\frac{1}{10}",
  "∛": "\\sqrt[3]",
  "∜": "\\sqrt[4]",
};
const ANY = /[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒∛∜]/g;

export function spellUnicodeMath(text: string): string {
  if (!ANY.test(text)) return text;
  ANY.lastIndex = 0;
  return text.replace(ANY, (c) => FRACTIONS[c]!);
}
