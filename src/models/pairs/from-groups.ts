import type { PreferencePair } from "../preference-data.ts";

/** A prompt with scored responses (e.g. rollouts of one GRPO group and their rewards). */
export interface ScoredGroup {
  prompt: string;
  responses: { text: string; score: number }[];
  user?: string;
}

/** How pairs are drawn from a scored group. */
export interface GroupPairOptions {
  /** best-worst: one pair per group; all: every ordered pair; best-vs-rest: the best against each other. */
  mode?: "best-worst" | "all" | "best-vs-rest";
  /** Keep a pair only when the score gap is at least this (default: strictly positive). */
  minMargin?: number;
  /** Also emit equal-score pairs as ties (mode "all" only). */
  ties?: boolean;
}

/**
 * Builds preference pairs from scored groups; each pair's `margin` is its score gap, so training can use the
 * gap as a BT margin. Responses with non-finite scores are skipped; ordering is stable (index breaks ties).
 * @example pairsFromGroups([{ prompt: "q", responses: [{ text: "a", score: 1 }, { text: "b", score: 0 }] }])
 */
export function pairsFromGroups(groups: ScoredGroup[], o: GroupPairOptions = {}): PreferencePair[] {
  const mode = o.mode ?? "best-worst";
  const min = o.minMargin ?? 0;
  const out: PreferencePair[] = [];
  const push = (
    g: ScoredGroup,
    a: { text: string; score: number },
    b: { text: string; score: number },
    tie = false,
  ) => {
    const p: PreferencePair = {
      prompt: g.prompt,
      chosen: [a.text],
      rejected: [b.text],
      tie,
      margin: a.score - b.score,
      line: out.length + 1,
    };
    if (g.user !== undefined) p.user = g.user;
    out.push(p);
  };
  for (const g of groups) {
    const rs = g.responses
      .map((r, i) => ({ ...r, i }))
      .filter((r) => Number.isFinite(r.score))
      .sort((a, b) => b.score - a.score || a.i - b.i);
    if (rs.length < 2) continue;
    const ok = (a: { score: number }, b: { score: number }) =>
      a.score - b.score > 0 && a.score - b.score >= min;
    if (mode === "best-worst") {
      if (ok(rs[0]!, rs[rs.length - 1]!)) push(g, rs[0]!, rs[rs.length - 1]!);
    } else if (mode === "best-vs-rest") {
      for (let j = 1; j < rs.length; j++) if (ok(rs[0]!, rs[j]!)) push(g, rs[0]!, rs[j]!);
    } else {
      for (let i = 0; i < rs.length; i++) {
        for (let j = i + 1; j < rs.length; j++) {
          if (ok(rs[i]!, rs[j]!)) push(g, rs[i]!, rs[j]!);
          else if (o.ties && rs[i]!.score === rs[j]!.score) push(g, rs[i]!, rs[j]!, true);
        }
      }
    }
  }
  return out;
}
