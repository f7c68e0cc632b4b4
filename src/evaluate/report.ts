import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PreferenceData, PreferencePair } from "../models/preference-data.ts";
import type { SparseVec } from "../models/sparse.ts";
import { type AccuracyReport, pairwiseAccuracy, type ScoredPair } from "./accuracy.ts";
import { bestOfN, type TiesPrompt, type TiesReport, tiesScore } from "./best-of-n.ts";
import { type CalibrationReport, expectedCalibrationError, pairConfidence } from "./calibration.ts";
import { type ConsistencyReport, contrastConsistency } from "./consistency.ts";
import { type LengthBiasReport, lengthBias } from "./length-bias.ts";
import { type ProbeExample, type ProbeOptions, type ProbeReport, probeDimensions } from "./probes.ts";
import { type FusionEntry, rewardFusion } from "./reward-fusion.ts";
import type { ResponseScorer } from "./scorer.ts";
import { barChart, reliabilityDiagram, scatter } from "./svg.ts";
import { type TieAccuracyReport, tieCalibratedAccuracy } from "./tie-accuracy.ts";

/** Everything `evaluatePreferences` measures; sections are absent when the data has nothing for them. */
export interface EvalReport {
  accuracy: AccuracyReport;
  tieAccuracy?: TieAccuracyReport;
  bestOfN?: { score: number; n: number };
  ties?: TiesReport;
  perDimension?: Record<string, { accuracy: number; n: number }>;
  perUser?: Record<string, { accuracy: number; n: number }>;
  consistency?: ConsistencyReport;
  fusion?: {
    accuracy: number;
    fusedAccuracy: number;
    n: number;
    corpus: number;
    k: number;
    threshold: number;
  };
  calibration: CalibrationReport;
  lengthBias: LengthBiasReport;
  probes?: ProbeReport;
  /** Per-pair scores, for the charts (not printed). */
  scatter: { lengths: number[]; rewards: number[] };
  notes: string[];
}

/** Options of the evaluation. */
export interface EvalOptions {
  /** RewardFusion neighbours and similarity threshold; `false` skips fusion. */
  fusion?: { k?: number; threshold?: number; maxCorpus?: number } | false;
  probes?: ProbeOptions;
  bins?: number;
}

/**
 * Evaluates a reward model on preference data: strict pairwise accuracy with RewardBench section weighting,
 * VideoAlign tie-calibrated accuracy, RewardBench 2 best-of-N and Ties, per-dimension and per-user accuracy,
 * Contrast Instructions consistency and RewardFusion, calibration (ECE), length bias and MRMBench probes.
 * @example const report = evaluatePreferences(parsePreferenceJsonl(text), scorerFor(model));
 */
export function evaluatePreferences(
  data: PreferenceData,
  scorer: ResponseScorer,
  o: EvalOptions = {},
): EvalReport {
  const notes: string[] = [];
  const simple: PreferencePair[] = [];
  const many: PreferencePair[] = [];
  const tiesGroups = new Map<string, TiesPrompt>();
  for (const p of data.pairs) {
    if (p.sampleType === "ref" || p.sampleType === "tied") {
      const key = p.id ?? p.prompt;
      let g = tiesGroups.get(key);
      if (!g) tiesGroups.set(key, (g = {}));
      g[p.sampleType] = { correct: [], incorrect: [] };
      // Filled below once scored.
      many.push(p);
    } else if (p.chosen.length === 1 && p.rejected.length === 1) simple.push(p);
    else many.push(p);
  }
  const s = (p: PreferencePair, text: string, emb?: number[], head?: string) =>
    scorer.score(text, p.prompt, {
      ...(p.user !== undefined ? { user: p.user } : {}),
      ...(emb ? { embedding: emb } : {}),
      ...(head !== undefined ? { head } : {}),
    });
  const scoredSimple = simple.map((p) => ({
    p,
    c: s(p, p.chosen[0]!, p.chosenEmbedding?.[0]),
    r: s(p, p.rejected[0]!, p.rejectedEmbedding?.[0]),
  }));
  const strict: ScoredPair[] = scoredSimple
    .filter((x) => !x.p.tie)
    .map((x) => ({
      chosen: x.c,
      rejected: x.r,
      ...(x.p.subset !== undefined ? { subset: x.p.subset } : {}),
      ...(x.p.section !== undefined ? { section: x.p.section } : {}),
    }));
  const report: EvalReport = {
    accuracy: pairwiseAccuracy(strict),
    calibration: expectedCalibrationError(
      scoredSimple.filter((x) => !x.p.tie).map((x) => pairConfidence(x.c - x.r)),
      o.bins !== undefined ? { bins: o.bins } : {},
    ),
    lengthBias: lengthBias(
      scoredSimple
        .filter((x) => !x.p.tie)
        .map((x) => ({
          chosenLen: x.p.chosen[0]!.length,
          rejectedLen: x.p.rejected[0]!.length,
          chosen: x.c,
          rejected: x.r,
        })),
    ),
    scatter: {
      lengths: scoredSimple.flatMap((x) => [x.p.chosen[0]!.length, x.p.rejected[0]!.length]),
      rewards: scoredSimple.flatMap((x) => [x.c, x.r]),
    },
    notes,
  };
  if (scoredSimple.some((x) => x.p.tie)) {
    report.tieAccuracy = tieCalibratedAccuracy(
      scoredSimple.map((x) => ({ delta: x.c - x.r, humanTie: x.p.tie })),
    );
  }
  // Best-of-N (RewardBench 2): one correct answer against several rejected ones.
  const bon: number[] = [];
  for (const p of many) {
    if (p.sampleType) continue;
    if (p.chosen.length !== 1) {
      notes.push(`line ${p.line}: several chosen answers outside a Ties item; skipped for best-of-N`);
      continue;
    }
    const scores = [
      s(p, p.chosen[0]!, p.chosenEmbedding?.[0]),
      ...p.rejected.map((t, j) => s(p, t, p.rejectedEmbedding?.[j])),
    ];
    bon.push(bestOfN(scores));
  }
  if (bon.length) report.bestOfN = { score: bon.reduce((a, b) => a + b, 0) / bon.length, n: bon.length };
  if (tiesGroups.size) {
    for (const p of many) {
      if (p.sampleType !== "ref" && p.sampleType !== "tied") continue;
      const g = tiesGroups.get(p.id ?? p.prompt)!;
      const v = g[p.sampleType]!;
      v.correct = p.chosen.map((t, j) => s(p, t, p.chosenEmbedding?.[j]));
      v.incorrect = p.rejected.map((t, j) => s(p, t, p.rejectedEmbedding?.[j]));
    }
    report.ties = tiesScore([...tiesGroups.values()]);
  }
  // Per-dimension accuracy for multi-dimensional models, from per-dimension labels.
  if (scorer.heads) {
    const dims: Record<string, { c: number; n: number }> = {};
    for (const x of scoredSimple) {
      for (const [d, y] of Object.entries(x.p.labels ?? {})) {
        if (y === 0 || !scorer.heads.includes(d)) continue;
        const gap =
          s(x.p, x.p.chosen[0]!, x.p.chosenEmbedding?.[0], d) -
          s(x.p, x.p.rejected[0]!, x.p.rejectedEmbedding?.[0], d);
        const e = (dims[d] ??= { c: 0, n: 0 });
        e.n++;
        if (y * gap > 0) e.c++;
      }
    }
    report.perDimension = Object.fromEntries(
      Object.entries(dims)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, { accuracy: v.c / v.n, n: v.n }]),
    );
  }
  if (scoredSimple.some((x) => x.p.user !== undefined)) {
    const users: Record<string, { c: number; n: number }> = {};
    for (const x of scoredSimple) {
      if (x.p.tie || x.p.user === undefined) continue;
      const e = (users[x.p.user] ??= { c: 0, n: 0 });
      e.n++;
      if (x.c > x.r) e.c++;
    }
    report.perUser = Object.fromEntries(
      Object.entries(users)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, { accuracy: v.c / v.n, n: v.n }]),
    );
  }
  if (data.contrast.length) {
    report.consistency = contrastConsistency(
      data.contrast.map((c) => ({
        i1r1: scorer.score(c.response1, c.instruction1),
        i2r1: scorer.score(c.response1, c.instruction2),
        i1r2: scorer.score(c.response2, c.instruction1),
        i2r2: scorer.score(c.response2, c.instruction2),
      })),
    );
  }
  if (o.fusion !== false && strict.length) {
    const f = o.fusion ?? {};
    const maxCorpus = f.maxCorpus ?? 5000;
    const k = f.k ?? 5;
    const threshold = f.threshold ?? 0.9;
    // The corpus is every distinct response of the non-tie pairs with its own score.
    const corpus: (FusionEntry & { key: string })[] = [];
    const seen = new Map<string, number>();
    const keyOf = (p: PreferencePair, t: string) => `${p.prompt}\u0000${t}`;
    for (const x of scoredSimple) {
      if (x.p.tie) continue;
      for (const [t, sc, emb] of [
        [x.p.chosen[0]!, x.c, x.p.chosenEmbedding?.[0]],
        [x.p.rejected[0]!, x.r, x.p.rejectedEmbedding?.[0]],
      ] as const) {
        const key = keyOf(x.p, t);
        if (seen.has(key)) continue;
        seen.set(key, corpus.length);
        corpus.push({
          key,
          vec: scorer.represent(`${x.p.prompt}\n${t}`, x.p.prompt, emb ? [...emb] : undefined),
          score: sc,
        });
      }
    }
    if (corpus.length > maxCorpus) {
      notes.push(`RewardFusion skipped: ${corpus.length} responses exceed the corpus limit ${maxCorpus}`);
    } else {
      let acc = 0;
      let fused = 0;
      let n = 0;
      const fuse = (key: string, sc: number) => {
        const i = seen.get(key)!;
        const q: SparseVec = corpus[i]!.vec;
        // The query is added with sim 1 by the formula, so it is left out of its own neighbours.
        const others = corpus.filter((_, j) => j !== i);
        return rewardFusion(q, sc, others, { k, threshold });
      };
      for (const x of scoredSimple) {
        if (x.p.tie) continue;
        n++;
        if (x.c > x.r) acc++;
        if (fuse(keyOf(x.p, x.p.chosen[0]!), x.c) > fuse(keyOf(x.p, x.p.rejected[0]!), x.r)) fused++;
      }
      report.fusion = { accuracy: acc / n, fusedAccuracy: fused / n, n, corpus: corpus.length, k, threshold };
    }
  }
  if (data.probes.length) {
    const byDim: Record<string, ProbeExample[]> = {};
    let provided = 0;
    for (const it of data.probes) {
      let x: SparseVec;
      if (it.features) {
        provided++;
        const idx: number[] = [];
        const val: number[] = [];
        it.features.forEach((v, i) => {
          if (v !== 0) {
            idx.push(i);
            val.push(v);
          }
        });
        x = { idx: Int32Array.from(idx), val: Float64Array.from(val) };
      } else x = scorer.represent(it.text ?? "", it.prompt ?? "");
      (byDim[it.dimension] ??= []).push({ x, label: it.label, ...(it.split ? { split: it.split } : {}) });
    }
    if (provided && provided < data.probes.length)
      notes.push("some probe items have no features: the model's features were used for them");
    report.probes = probeDimensions(byDim, o.probes ?? {});
  }
  return report;
}

const pct = (x: number | undefined) =>
  x === undefined || Number.isNaN(x) ? "n/a" : `${(100 * x).toFixed(1)}%`;
const num = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? "n/a" : x.toFixed(3));

/**
 * The headline metrics as lines, accuracy first (what `rm eval` prints).
 * @example headline(report).join("\n")
 */
export function headline(r: EvalReport): string[] {
  const out = [`accuracy            ${pct(r.accuracy.accuracy)}  (${r.accuracy.n} pairs, strict)`];
  if (Object.keys(r.accuracy.sections).length > 1)
    out.push(`section-weighted    ${pct(r.accuracy.weighted)}`);
  if (r.tieAccuracy)
    out.push(`tie-calibrated acc  ${pct(r.tieAccuracy.accuracy)}  (ε = ${num(r.tieAccuracy.epsilon)})`);
  if (r.bestOfN) out.push(`best-of-N           ${pct(r.bestOfN.score)}  (${r.bestOfN.n} prompts)`);
  if (r.ties) out.push(`ties score          ${num(r.ties.score)}`);
  if (r.consistency) {
    out.push(
      `consistency         instruction ${pct(r.consistency.instruction)}, response ${pct(r.consistency.response)}`,
    );
  }
  if (r.fusion)
    out.push(`RewardFusion acc    ${pct(r.fusion.fusedAccuracy)}  (plain ${pct(r.fusion.accuracy)})`);
  out.push(`ECE                 ${pct(r.calibration.ece)}`);
  out.push(
    `length bias         pearson ${num(r.lengthBias.pearson)}, prefers longer ${pct(r.lengthBias.modelPrefersLonger)} (data ${pct(r.lengthBias.dataPrefersLonger)})`,
  );
  if (r.probes)
    out.push(
      `probe accuracy      ${pct(r.probes.average)}  (${Object.keys(r.probes.dimensions).length} dimensions)`,
    );
  return out;
}

/**
 * The full report as markdown, with links to the SVG charts `writeReport` saves next to it.
 * @example reportMarkdown(report)
 */
export function reportMarkdown(r: EvalReport, title = "Reward model evaluation"): string {
  const lines = [`# ${title}`, "", "```", ...headline(r), "```", ""];
  lines.push("## Accuracy by subset", "", "| subset | accuracy | pairs |", "|---|---|---|");
  for (const [k, v] of Object.entries(r.accuracy.subsets))
    lines.push(`| ${k} | ${pct(v.accuracy)} | ${v.n} |`);
  if (Object.keys(r.accuracy.sections).length) {
    lines.push("", "| section | score |", "|---|---|");
    for (const [k, v] of Object.entries(r.accuracy.sections)) lines.push(`| ${k} | ${pct(v)} |`);
  }
  lines.push("", "![accuracy by subset](accuracy.svg)", "");
  for (const [name, tab] of [
    ["Per dimension", r.perDimension],
    ["Per user", r.perUser],
  ] as const) {
    if (!tab) continue;
    lines.push(`## ${name}`, "", "| | accuracy | pairs |", "|---|---|---|");
    for (const [k, v] of Object.entries(tab)) lines.push(`| ${k} | ${pct(v.accuracy)} | ${v.n} |`);
    lines.push("");
  }
  lines.push(
    "## Calibration",
    "",
    `ECE ${pct(r.calibration.ece)} over ${r.calibration.n} pairs.`,
    "",
    "![reliability](reliability.svg)",
    "",
  );
  lines.push(
    "## Length bias",
    "",
    `Pearson ${num(r.lengthBias.pearson)}, Spearman ${num(r.lengthBias.spearman)}; the model prefers the longer response in ${pct(r.lengthBias.modelPrefersLonger)} of unequal-length pairs, the labels in ${pct(r.lengthBias.dataPrefersLonger)}.`,
    "",
    "![reward vs length](length.svg)",
    "",
  );
  if (r.probes) {
    lines.push(
      "## Dimension probes",
      "",
      "| dimension | accuracy | classes | train | test |",
      "|---|---|---|---|---|",
    );
    for (const [k, v] of Object.entries(r.probes.dimensions))
      lines.push(`| ${k} | ${pct(v.accuracy)} | ${v.classes} | ${v.train} | ${v.test} |`);
    lines.push("", "![probes](probes.svg)", "");
  }
  if (r.notes.length) lines.push("## Notes", "", ...r.notes.map((n) => `- ${n}`), "");
  return lines.join("\n");
}

/**
 * Writes report.md, report.json and the SVG charts into `dir`.
 * @example writeReport("out/eval", report)
 */
export function writeReport(dir: string, r: EvalReport): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ["report.md", reportMarkdown(r)],
    [
      "report.json",
      `${JSON.stringify({ ...r, scatter: undefined }, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`,
    ],
    [
      "accuracy.svg",
      barChart(
        "Accuracy by subset",
        Object.entries(r.accuracy.subsets).map(([label, v]) => ({ label, value: v.accuracy })),
      ),
    ],
    ["reliability.svg", reliabilityDiagram(r.calibration.bins, r.calibration.ece)],
    [
      "length.svg",
      scatter("Reward vs response length", "length (chars)", "reward", r.scatter.lengths, r.scatter.rewards),
    ],
  ];
  if (r.probes) {
    files.push([
      "probes.svg",
      barChart(
        "Probe accuracy by dimension",
        Object.entries(r.probes.dimensions).map(([label, v]) => ({ label, value: v.accuracy })),
      ),
    ]);
  }
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return files.map(([n]) => join(dir, n));
}
