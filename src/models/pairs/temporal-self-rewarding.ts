import type { PreferencePair } from "../preference-data.ts";

/** A judged sample. */
export interface JudgedSample {
  text: string;
  score: number;
}

/** One prompt's judged samples from the model generations involved. */
export interface GenerationSamples {
  prompt: string;
  /** Samples of the initial model M_0 (the anchor for rejection). */
  initial: JudgedSample[];
  /** Samples of the current model M_t. */
  current: JudgedSample[];
  /** Samples of a provisional next-generation model M_{t+1} (future-guided chosen); optional. */
  future?: JudgedSample[];
}

/** Options of Temporal Self-Rewarding pair construction. */
export interface TsrOptions {
  /** Which M_0 sample is the anchored rejection: its lowest-judged (default) or its median sample. */
  anchor?: "lowest" | "median";
  /** Minimum judged gap between chosen and rejected (default > 0). */
  minGap?: number;
}

/** A constructed pair with where each side came from, or the reason a prompt gave no pair. */
export interface TsrResult {
  pairs: (PreferencePair & { chosenFrom: "current" | "future" })[];
  skipped: { prompt: string; reason: string }[];
}

function finite(xs: JudgedSample[] | undefined): JudgedSample[] {
  return (xs ?? []).filter((s) => Number.isFinite(s.score));
}

/**
 * Temporal Self-Rewarding pairs (arXiv 2508.06026, formula sheet §3h): rejected is anchored to the initial
 * model M_0 (its lowest-judged sample — the selection rule is unconfirmed, so `anchor` is a parameter);
 * chosen is the current model's best sample, replaced by the future model's best when that is judged better.
 * This keeps the chosen–rejected gap from shrinking as the model improves.
 * @example temporalSelfRewardingPairs([{ prompt: "q", initial: [...], current: [...], future: [...] }])
 */
export function temporalSelfRewardingPairs(items: GenerationSamples[], o: TsrOptions = {}): TsrResult {
  const out: TsrResult = { pairs: [], skipped: [] };
  const minGap = o.minGap ?? 0;
  for (const it of items) {
    const init = finite(it.initial).sort((a, b) => a.score - b.score);
    const cur = finite(it.current);
    const fut = finite(it.future);
    if (!init.length) {
      out.skipped.push({
        prompt: it.prompt,
        reason: "no judged initial-model sample to anchor the rejection",
      });
      continue;
    }
    if (!cur.length && !fut.length) {
      out.skipped.push({
        prompt: it.prompt,
        reason: "no judged current or future sample for the chosen side",
      });
      continue;
    }
    const rejected = o.anchor === "median" ? init[(init.length - 1) >> 1]! : init[0]!;
    const best = (xs: JudgedSample[]) =>
      xs.reduce<JudgedSample | null>((b, s) => (!b || s.score > b.score ? s : b), null);
    const bc = best(cur);
    const bf = best(fut);
    const useFuture = bf !== null && (bc === null || bf.score > bc.score);
    const chosen = useFuture ? bf! : bc!;
    const gap = chosen.score - rejected.score;
    if (!(gap > 0) || gap < minGap) {
      out.skipped.push({ prompt: it.prompt, reason: `judged gap ${gap} is below the minimum` });
      continue;
    }
    out.pairs.push({
      prompt: it.prompt,
      chosen: [chosen.text],
      rejected: [rejected.text],
      tie: false,
      margin: gap,
      line: out.pairs.length + 1,
      chosenFrom: useFuture ? "future" : "current",
    });
  }
  return out;
}
