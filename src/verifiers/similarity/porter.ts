/**
 * The Porter stemmer (Porter 1980, "An algorithm for suffix stripping"), with the two revisions of Porter's own
 * published implementation (`bli`→`ble`, `logi`→`log` in step 2). NLTK's extra rules (irregular-forms table,
 * `ies` on four-letter words, `fulli`/`lessli`, the stricter `y`→`i` rule) are not reproduced.
 */

function isConsonant(w: string, i: number): boolean {
  const c = w[i];
  if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
  if (c === "y") return i === 0 ? true : !isConsonant(w, i - 1);
  return true;
}

/** m: the number of VC sequences in the stem w[0, end). */
function measure(w: string, end: number): number {
  let n = 0;
  let i = 0;
  while (i < end && isConsonant(w, i)) i++;
  while (i < end) {
    while (i < end && !isConsonant(w, i)) i++;
    if (i >= end) break;
    n++;
    while (i < end && isConsonant(w, i)) i++;
  }
  return n;
}

function hasVowel(w: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (!isConsonant(w, i)) return true;
  return false;
}

function doubleConsonant(w: string, end: number): boolean {
  return end >= 2 && w[end - 1] === w[end - 2] && isConsonant(w, end - 1);
}

/** cvc where the last c is not w, x or y. */
function cvc(w: string, end: number): boolean {
  if (end < 3) return false;
  if (!isConsonant(w, end - 1) || isConsonant(w, end - 2) || !isConsonant(w, end - 3)) return false;
  const c = w[end - 1];
  return c !== "w" && c !== "x" && c !== "y";
}

/** Replaces `suffix` by `rep` when the stem before it has measure > `minM`; returns null when `suffix` is absent. */
function rule(w: string, suffix: string, rep: string, minM: number): string | null {
  if (!w.endsWith(suffix)) return null;
  const stem = w.length - suffix.length;
  return measure(w, stem) > minM ? w.slice(0, stem) + rep : w;
}

const STEP2: [string, string][] = [
  ["ational", "ate"],
  ["tional", "tion"],
  ["enci", "ence"],
  ["anci", "ance"],
  ["izer", "ize"],
  ["bli", "ble"],
  ["alli", "al"],
  ["entli", "ent"],
  ["eli", "e"],
  ["ousli", "ous"],
  ["ization", "ize"],
  ["ation", "ate"],
  ["ator", "ate"],
  ["alism", "al"],
  ["iveness", "ive"],
  ["fulness", "ful"],
  ["ousness", "ous"],
  ["aliti", "al"],
  ["iviti", "ive"],
  ["biliti", "ble"],
  ["logi", "log"],
];
const STEP3: [string, string][] = [
  ["icate", "ic"],
  ["ative", ""],
  ["alize", "al"],
  ["iciti", "ic"],
  ["ical", "ic"],
  ["ful", ""],
  ["ness", ""],
];
const STEP4 = [
  "al",
  "ance",
  "ence",
  "er",
  "ic",
  "able",
  "ible",
  "ant",
  "ement",
  "ment",
  "ent",
  "ion",
  "ou",
  "ism",
  "ate",
  "iti",
  "ous",
  "ive",
  "ize",
];

/**
 * Stems one lowercase word; words of one or two letters are returned unchanged.
 * @example porterStem("running") // "run"
 */
export function porterStem(word: string): string {
  let w = word;
  if (w.length <= 2) return w;
  // Step 1a
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies")) w = w.slice(0, -2);
  else if (!w.endsWith("ss") && w.endsWith("s")) w = w.slice(0, -1);
  // Step 1b
  if (w.endsWith("eed")) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1);
  } else {
    let cut = -1;
    if (w.endsWith("ed") && hasVowel(w, w.length - 2)) cut = w.length - 2;
    else if (w.endsWith("ing") && hasVowel(w, w.length - 3)) cut = w.length - 3;
    if (cut !== -1) {
      w = w.slice(0, cut);
      if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) w += "e";
      else if (doubleConsonant(w, w.length) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
      else if (measure(w, w.length) === 1 && cvc(w, w.length)) w += "e";
    }
  }
  // Step 1c
  if (w.endsWith("y") && hasVowel(w, w.length - 1)) w = `${w.slice(0, -1)}i`;
  // Step 2 and 3: the first matching suffix decides, whether or not its condition holds.
  for (const [s, r] of STEP2) {
    const out = rule(w, s, r, 0);
    if (out !== null) {
      w = out;
      break;
    }
  }
  for (const [s, r] of STEP3) {
    const out = rule(w, s, r, 0);
    if (out !== null) {
      w = out;
      break;
    }
  }
  // Step 4: longest matching suffix; `ion` needs s or t before it.
  let longest = "";
  for (const s of STEP4) if (w.endsWith(s) && s.length > longest.length) longest = s;
  if (longest) {
    const stem = w.length - longest.length;
    const okIon = longest !== "ion" || w[stem - 1] === "s" || w[stem - 1] === "t";
    if (okIon && measure(w, stem) > 1) w = w.slice(0, stem);
  }
  // Step 5a and 5b
  if (w.endsWith("e")) {
    const m = measure(w, w.length - 1);
    if (m > 1 || (m === 1 && !cvc(w, w.length - 1))) w = w.slice(0, -1);
  }
  if (measure(w, w.length) > 1 && doubleConsonant(w, w.length) && w.endsWith("l")) w = w.slice(0, -1);
  return w;
}
