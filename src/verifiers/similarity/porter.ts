/**
 * The Porter stemmer (Porter 1980, "An algorithm for suffix stripping") in the three modes of NLTK's
 * `PorterStemmer` (nltk/stem/porter.py @ f2a92bd), each named after the NLTK mode it equals:
 * - `nltk_extensions` (NLTK's default, what rouge-score and METEOR use): an irregular-forms table, `ies`/`ied` on
 *   four-letter words, `y`→`i` only after a consonant, `alli`, `fulli` and `logi` rules, two-letter `vc` words
 *   counted as cvc, words of one or two letters unchanged;
 * - `martin_extensions`: Martin Porter's own later implementation (`bli`→`ble`, `logi`→`log`);
 * - `original_algorithm`: the 1980 paper as written (`abli`→`able`, no `logi`, even two-letter words stemmed).
 */

/** The NLTK Porter modes. */
export type PorterMode = "nltk_extensions" | "martin_extensions" | "original_algorithm";

// NLTK_EXTENSIONS: irregular forms looked up before stemming (the word as given, not lowercased).
const POOL: Record<string, string> = {
  sky: "sky",
  skies: "sky",
  dying: "die",
  lying: "lie",
  tying: "tie",
  news: "news",
  innings: "inning",
  inning: "inning",
  outings: "outing",
  outing: "outing",
  cannings: "canning",
  canning: "canning",
  howe: "howe",
  proceed: "proceed",
  exceed: "exceed",
  succeed: "succeed",
};

function isConsonant(w: string, i: number): boolean {
  const c = w[i];
  if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
  if (c === "y") return i === 0 ? true : !isConsonant(w, i - 1);
  return true;
}

/** m: the number of VC sequences in w[0, end). */
function measure(w: string, end: number): number {
  let n = 0;
  let prevVowel = false;
  for (let i = 0; i < end; i++) {
    const cons = isConsonant(w, i);
    if (cons && prevVowel) n++;
    prevVowel = !cons;
  }
  return n;
}

function hasVowel(w: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (!isConsonant(w, i)) return true;
  return false;
}

function doubleConsonant(w: string): boolean {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && isConsonant(w, n - 1);
}

/** cvc where the last c is not w, x or y; NLTK's extension also counts a two-letter vc word. */
function cvc(w: string, nltk: boolean): boolean {
  const n = w.length;
  if (
    n >= 3 &&
    isConsonant(w, n - 3) &&
    !isConsonant(w, n - 2) &&
    isConsonant(w, n - 1) &&
    w[n - 1] !== "w" &&
    w[n - 1] !== "x" &&
    w[n - 1] !== "y"
  )
    return true;
  return nltk && n === 2 && !isConsonant(w, 0) && isConsonant(w, 1);
}

type Cond = ((stem: string) => boolean) | null;
type Rule = [suffix: string, replacement: string, cond: Cond];

/** NLTK's rule lists: the first rule whose suffix matches decides, whether or not its condition holds. */
function applyRules(w: string, rules: readonly Rule[]): string {
  for (const [suffix, rep, cond] of rules) {
    if (w.endsWith(suffix)) {
      const stem = w.slice(0, w.length - suffix.length);
      return cond === null || cond(stem) ? stem + rep : w;
    }
  }
  return w;
}

const positive = (s: string) => measure(s, s.length) > 0;
const gt1 = (s: string) => measure(s, s.length) > 1;

const STEP2_HEAD: Rule[] = [
  ["ational", "ate", positive],
  ["tional", "tion", positive],
  ["enci", "ence", positive],
  ["anci", "ance", positive],
  ["izer", "ize", positive],
];
const STEP2_TAIL: Rule[] = [
  ["alli", "al", positive],
  ["entli", "ent", positive],
  ["eli", "e", positive],
  ["ousli", "ous", positive],
  ["ization", "ize", positive],
  ["ation", "ate", positive],
  ["ator", "ate", positive],
  ["alism", "al", positive],
  ["iveness", "ive", positive],
  ["fulness", "ful", positive],
  ["ousness", "ous", positive],
  ["aliti", "al", positive],
  ["iviti", "ive", positive],
  ["biliti", "ble", positive],
];
const STEP2: Record<PorterMode, Rule[]> = {
  original_algorithm: [...STEP2_HEAD, ["abli", "able", positive], ...STEP2_TAIL],
  martin_extensions: [...STEP2_HEAD, ["bli", "ble", positive], ...STEP2_TAIL, ["logi", "log", positive]],
  // NLTK's `logi` condition reads the word minus "ogi" (its stem keeps the "l"); the same test on the stem
  // without "logi" plus its letter "l", which a trailing consonant leaves unchanged.
  nltk_extensions: [
    ...STEP2_HEAD,
    ["bli", "ble", positive],
    ...STEP2_TAIL,
    ["fulli", "ful", positive],
    ["logi", "log", (s) => positive(`${s}l`)],
  ],
};
const STEP3: Rule[] = [
  ["icate", "ic", positive],
  ["ative", "", positive],
  ["alize", "al", positive],
  ["iciti", "ic", positive],
  ["ical", "ic", positive],
  ["ful", "", positive],
  ["ness", "", positive],
];
const STEP4: Rule[] = [
  ["al", "", gt1],
  ["ance", "", gt1],
  ["ence", "", gt1],
  ["er", "", gt1],
  ["ic", "", gt1],
  ["able", "", gt1],
  ["ible", "", gt1],
  ["ant", "", gt1],
  ["ement", "", gt1],
  ["ment", "", gt1],
  ["ent", "", gt1],
  ["ion", "", (s) => gt1(s) && (s.endsWith("s") || s.endsWith("t"))],
  ["ou", "", gt1],
  ["ism", "", gt1],
  ["ate", "", gt1],
  ["iti", "", gt1],
  ["ous", "", gt1],
  ["ive", "", gt1],
  ["ize", "", gt1],
];

function step1a(w: string, nltk: boolean): string {
  if (nltk && w.length === 4 && w.endsWith("ies")) return `${w.slice(0, -3)}ie`;
  if (w.endsWith("sses") || w.endsWith("ies")) return w.slice(0, -2);
  if (w.endsWith("ss")) return w;
  return w.endsWith("s") ? w.slice(0, -1) : w;
}

function step1b(w: string, nltk: boolean): string {
  if (nltk && w.endsWith("ied")) return w.length === 4 ? `${w.slice(0, -3)}ie` : `${w.slice(0, -3)}i`;
  if (w.endsWith("eed")) return measure(w, w.length - 3) > 0 ? w.slice(0, -1) : w;
  let s: string;
  if (w.endsWith("ed") && hasVowel(w, w.length - 2)) s = w.slice(0, -2);
  else if (w.endsWith("ing") && hasVowel(w, w.length - 3)) s = w.slice(0, -3);
  else return w;
  if (s.endsWith("at") || s.endsWith("bl") || s.endsWith("iz")) return `${s}e`;
  if (doubleConsonant(s)) {
    const last = s[s.length - 1];
    return last === "l" || last === "s" || last === "z" ? s : s.slice(0, -1);
  }
  return measure(s, s.length) === 1 && cvc(s, nltk) ? `${s}e` : s;
}

function step1c(w: string, nltk: boolean): string {
  if (!w.endsWith("y")) return w;
  const n = w.length - 1;
  const ok = nltk ? n > 1 && isConsonant(w, n - 1) : hasVowel(w, n);
  return ok ? `${w.slice(0, n)}i` : w;
}

function step2(w: string, mode: PorterMode): string {
  if (mode === "nltk_extensions" && w.endsWith("alli") && positive(w.slice(0, -4)))
    return step2(`${w.slice(0, -4)}al`, mode);
  return applyRules(w, STEP2[mode]);
}

function step5(w: string, nltk: boolean): string {
  if (w.endsWith("e")) {
    const s = w.slice(0, -1);
    const m = measure(s, s.length);
    if (m > 1 || (m === 1 && !cvc(s, nltk))) w = s;
  }
  if (w.endsWith("ll") && measure(w, w.length - 1) > 1) w = w.slice(0, -1);
  return w;
}

// Astral characters are one character to Python: mapped to distinct BMP noncharacters while stemming.
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Stems one word as NLTK's `PorterStemmer(mode).stem(word)` does (lowercasing it first).
 * @example porterStem("dying") // "die" (nltk_extensions); porterStem("dying", "original_algorithm") // "dy"
 */
export function porterStem(word: string, mode: PorterMode = "nltk_extensions"): string {
  if (SURROGATE.test(word)) return stemAstral(word, mode);
  const nltk = mode === "nltk_extensions";
  const lower = word.toLowerCase();
  if (nltk && Object.hasOwn(POOL, word)) return POOL[lower]!;
  if (mode !== "original_algorithm" && word.length <= 2) return lower;
  let w = step1a(lower, nltk);
  w = step1b(w, nltk);
  w = step1c(w, nltk);
  w = step2(w, mode);
  w = applyRules(w, STEP3);
  w = applyRules(w, STEP4);
  return step5(w, nltk);
}

function stemAstral(word: string, mode: PorterMode): string {
  const map = new Map<string, string>();
  let mapped = "";
  for (const c of word.toLowerCase()) {
    if (c.length === 1) {
      const u = c.charCodeAt(0);
      // A word that already holds a placeholder, or more distinct astral characters than placeholders, is
      // left as it is (lowercased): no such word occurs in natural text.
      if (u >= 0xfdd0 && u <= 0xfdef) return word.toLowerCase();
      mapped += c;
      continue;
    }
    let p = map.get(c);
    if (p === undefined) {
      if (map.size >= 32) return word.toLowerCase();
      p = String.fromCharCode(0xfdd0 + map.size);
      map.set(c, p);
    }
    mapped += p;
  }
  const back = new Map([...map].map(([k, v]) => [v, k]));
  let out = "";
  for (const c of porterStem(mapped, mode)) out += back.get(c) ?? c;
  return out;
}

// Stems of recent words per mode: the stemmer is pure, and a corpus repeats its vocabulary across rollouts.
// Bounded: cleared when full, so hostile input cannot grow it.
const STEMS: Record<PorterMode, Map<string, string>> = {
  nltk_extensions: new Map(),
  martin_extensions: new Map(),
  original_algorithm: new Map(),
};
const STEM_CACHE_LIMIT = 50_000;

/**
 * `porterStem` through a bounded cache of recent words (words over 64 characters are not kept).
 * @example stemCached("running") // "run"
 */
export function stemCached(w: string, mode: PorterMode = "nltk_extensions"): string {
  const cache = STEMS[mode];
  let s = cache.get(w);
  if (s === undefined) {
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    s = porterStem(w, mode);
    if (w.length <= 64) cache.set(w, s);
  }
  return s;
}
