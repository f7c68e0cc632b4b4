/** Names of the text statistics, in the order they occupy the feature vector. */
export const TEXT_STAT_NAMES = [
  "bias",
  "log_chars",
  "log_words",
  "log_lines",
  "mean_word_length",
  "digit_ratio",
  "upper_ratio",
  "punct_ratio",
  "prompt_overlap",
] as const;

/**
 * Simple text statistics scaled to roughly [0, 1] so they train alongside hashed n-grams; one linear pass.
 * `bias` is always 1 (a learned offset; it cancels in pairwise losses but matters for BCE and centring).
 * @example textStats("Hello 42", "say hello") // [1, log1p(8)/8, ...]
 */
export function textStats(text: string, prompt?: string): number[] {
  const n = text.length;
  let digits = 0;
  let letters = 0;
  let upper = 0;
  let punct = 0;
  let lines = n > 0 ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lines++;
    else if (c >= 48 && c <= 57) digits++;
    else if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    } else if (c >= 97 && c <= 122) letters++;
    else if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126))
      punct++;
  }
  const words = wordsOf(text);
  let wordChars = 0;
  for (const w of words) wordChars += w.length;
  let overlap = 0;
  if (prompt && words.length) {
    const seen = new Set(wordsOf(prompt.toLowerCase()));
    let hit = 0;
    for (const w of words) if (seen.has(w.toLowerCase())) hit++;
    overlap = hit / words.length;
  }
  return [
    1,
    Math.log1p(n) / 8,
    Math.log1p(words.length) / 6,
    Math.log1p(lines) / 4,
    words.length ? Math.min(wordChars / words.length, 20) / 10 : 0,
    n ? digits / n : 0,
    letters ? upper / letters : 0,
    n ? punct / n : 0,
    overlap,
  ];
}

const WORD = /[\p{L}\p{N}_']+/gu;

function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}
