/**
 * METEOR as NLTK's `meteor_score` computes it (Lavie & Agarwal 2007), with exact and Porter-stem matching.
 * NLTK's third stage, WordNet synonym matching, is not reproduced (no WordNet here), so a hypothesis that
 * uses synonyms scores lower than in NLTK.
 */
import { type PorterMode, stemCached } from "./porter.ts";

/** METEOR parameters (NLTK defaults α = 0.9, β = 3, γ = 0.5). */
export interface MeteorOptions {
  alpha?: number;
  beta?: number;
  gamma?: number;
  stem?: boolean;
  /** NLTK Porter mode of the stem stage (NLTK's default `nltk_extensions`). */
  stemmer?: PorterMode;
}

/**
 * Aligns words as NLTK does: hypothesis words from last to first each take the last unmatched reference word
 * that is equal (then, on what remains, the last with an equal stem). Returns (hyp index, ref index) pairs.
 */
function align(hyp: readonly string[], ref: readonly string[], stem: PorterMode | null): [number, number][] {
  const matches: [number, number][] = [];
  const hypLeft = new Uint8Array(hyp.length).fill(1);
  const refLeft = new Uint8Array(ref.length).fill(1);
  const stage = (key: (w: string) => string) => {
    const byWord = new Map<string, number[]>();
    for (let j = 0; j < ref.length; j++) {
      if (!refLeft[j]) continue;
      const k = key(ref[j]!);
      const list = byWord.get(k);
      if (list) list.push(j);
      else byWord.set(k, [j]);
    }
    for (let i = hyp.length - 1; i >= 0; i--) {
      if (!hypLeft[i]) continue;
      const list = byWord.get(key(hyp[i]!));
      const j = list?.pop();
      if (j === undefined) continue;
      matches.push([i, j]);
      hypLeft[i] = 0;
      refLeft[j] = 0;
    }
  };
  stage((w) => w);
  if (stem !== null) stage((w) => stemCached(w, stem));
  return matches.sort((a, b) => a[0] - b[0]);
}

/** Fewest chunks of adjacent matches (consecutive in both hypothesis and reference). */
function chunks(m: readonly [number, number][]): number {
  let c = 1;
  for (let i = 0; i + 1 < m.length; i++) {
    if (!(m[i + 1]![0] === m[i]![0] + 1 && m[i + 1]![1] === m[i]![1] + 1)) c++;
  }
  return c;
}

/**
 * METEOR = (1 − γ·(chunks/m)^β) · P·R/(α·P + (1 − α)·R), P = m/|hyp|, R = m/|ref|; 0 without a match
 * (Lavie & Agarwal 2007; NLTK `single_meteor_score`). Tokens are expected lowercased; the best reference counts.
 * @example meteor(["the", "cat"], [["the", "cat"]]) // (1 − 0.5·(1/2)³)·1 = 0.9375
 */
export function meteor(
  hyp: readonly string[],
  refs: readonly (readonly string[])[],
  o: MeteorOptions = {},
): number {
  const alpha = o.alpha ?? 0.9;
  const beta = o.beta ?? 3;
  const gamma = o.gamma ?? 0.5;
  let best = 0;
  for (const ref of refs) {
    const m = align(hyp, ref, (o.stem ?? true) ? (o.stemmer ?? "nltk_extensions") : null);
    if (m.length === 0 || hyp.length === 0 || ref.length === 0) continue;
    const p = m.length / hyp.length;
    const r = m.length / ref.length;
    const fmean = (p * r) / (alpha * p + (1 - alpha) * r);
    const penalty = gamma * (chunks(m) / m.length) ** beta;
    const s = (1 - penalty) * fmean;
    if (s > best) best = s;
  }
  return best;
}
