import { mkdir } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { RewardkitError } from "../core/errors.ts";
import { zodIssues } from "../spec/zod-issues.ts";
import { writeFileAtomic } from "../io/atomic.ts";
import { buildAgent, buildEnv, type CellSpec } from "./cell.ts";
import { type Experiment, designLabel, envLabel, experimentSchema } from "./experiment-config.ts";
import { curvesPng, curvesSvg, type CurveSeries } from "./plot.ts";
import type { EpisodeStats } from "./runner.ts";
import { type DesignSummary, learningCurve, summarize } from "./summary.ts";

/** Validates an experiment config: a typed error with the path and reason of every problem. */
export function parseExperiment(raw: unknown): Experiment {
  const r = experimentSchema.safeParse(raw);
  if (!r.success) throw new RewardkitError("E_SPEC_INVALID", zodIssues([], r.error.issues));
  const exp = r.data;
  // Building every environment and agent once finds mismatches (an hrm agent without a machine) up front.
  for (const env of exp.envs ?? [exp.env!]) {
    const built = buildEnv(env);
    for (const a of exp.agents) buildAgent(a, built, 0);
  }
  return exp;
}

/** One cell's place in the grid, with its results. */
interface CellResult {
  cell: CellSpec;
  envLabel: string;
  agentLabel: string;
  designLabel: string;
  stats: EpisodeStats[];
  report?: Record<string, unknown>;
  error?: string;
}

/** What `runExperiment` returns. */
export interface ExperimentResult {
  summaries: DesignSummary[];
  errors: { env: string; agent: string; design: string; seed: number; error: string }[];
  files: string[];
}

function workerUrl(): { url: URL; entry?: string } {
  const self = import.meta.url;
  // From source, Node 20 does not pass loader hooks to workers; the pool's JavaScript shim registers tsx first.
  if (self.endsWith(".ts"))
    return { url: new URL("../pool/worker-dev.mjs", self), entry: new URL("./cell-worker.ts", self).href };
  return { url: new URL("./cell-worker.js", self) };
}

async function runCells(
  cells: CellSpec[],
  workers: number,
  onDone: (n: number) => void,
): Promise<{ stats?: EpisodeStats[]; report?: Record<string, unknown>; error?: string }[]> {
  const results: { stats?: EpisodeStats[]; report?: Record<string, unknown>; error?: string }[] = new Array(
    cells.length,
  );
  let next = 0;
  let done = 0;
  const { url, entry } = workerUrl();
  await Promise.all(
    Array.from(
      { length: Math.min(workers, cells.length) },
      () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(url, { workerData: { entry }, ...(entry ? { execArgv: [] } : {}) });
          const send = () => {
            if (next >= cells.length) {
              void w.terminate().then(() => resolve());
              return;
            }
            const id = next++;
            w.postMessage({ id, cell: cells[id] });
          };
          w.on(
            "message",
            (m: {
              ready?: boolean;
              id?: number;
              ok?: boolean;
              stats?: EpisodeStats[];
              report?: Record<string, unknown>;
              error?: string;
            }) => {
              if (m.ready) return send();
              results[m.id!] = m.ok
                ? { stats: m.stats!, ...(m.report ? { report: m.report } : {}) }
                : { error: m.error! };
              onDone(++done);
              send();
            },
          );
          w.on("error", reject);
        }),
    ),
  );
  return results;
}

/**
 * Runs an experiment — environments × reward designs × agents × seeds — in parallel worker threads, each cell
 * deterministic per seed, and writes into `outDir`: `results.jsonl` (one row per cell and episode: return,
 * success, length, steps), `summary.json` (per design: success rate, mean return and AUC with 95% CIs),
 * `curves-<env>-<agent>.svg` and `.png` (mean return with 95% bands), and `report.md`. Files are written
 * atomically; rows are in grid order whatever the completion order.
 * @example await runExperiment(parseExperiment(yaml), { outDir: "lab-out" })
 */
export async function runExperiment(
  exp: Experiment,
  o: { outDir: string; workers?: number; onProgress?: (done: number, total: number) => void },
): Promise<ExperimentResult> {
  const envs = exp.envs ?? [exp.env!];
  const seeds =
    typeof exp.seeds === "number" ? Array.from({ length: exp.seeds }, (_, i) => i + 1) : exp.seeds;
  const grid: Omit<CellResult, "stats">[] = [];
  for (const env of envs)
    for (const agent of exp.agents)
      for (const design of exp.designs)
        for (const seed of seeds)
          grid.push({
            cell: { env, agent, design, seed, episodes: exp.episodes },
            envLabel: envLabel(env),
            agentLabel: agent.kind,
            designLabel: designLabel(design),
          });
  const workers = o.workers ?? exp.workers ?? Math.max(1, availableParallelism());
  const raw = await runCells(
    grid.map((g) => g.cell),
    workers,
    (n) => o.onProgress?.(n, grid.length),
  );
  const cells: CellResult[] = grid.map((g, i) => ({
    ...g,
    stats: raw[i]!.stats ?? [],
    ...(raw[i]!.report ? { report: raw[i]!.report } : {}),
    ...(raw[i]!.error ? { error: raw[i]!.error } : {}),
  }));

  await mkdir(o.outDir, { recursive: true });
  const files: string[] = [];
  const rows: string[] = [];
  for (const c of cells)
    for (const s of c.stats)
      rows.push(
        JSON.stringify({
          env: c.envLabel,
          agent: c.agentLabel,
          design: c.designLabel,
          seed: c.cell.seed,
          episode: s.episode,
          return: s.return,
          success: s.success,
          length: s.length,
          steps: s.steps,
        }),
      );
  await writeFileAtomic(join(o.outDir, "results.jsonl"), rows.length ? `${rows.join("\n")}\n` : "");
  files.push("results.jsonl");

  const summaries: DesignSummary[] = [];
  const errors = cells
    .filter((c) => c.error)
    .map((c) => ({
      env: c.envLabel,
      agent: c.agentLabel,
      design: c.designLabel,
      seed: c.cell.seed,
      error: c.error!,
    }));
  const groups = new Map<string, CellResult[]>();
  for (const c of cells) {
    if (c.error) continue;
    const k = `${c.envLabel}\u0000${c.agentLabel}\u0000${c.designLabel}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const plots = new Map<string, CurveSeries[]>();
  const window = exp.smooth ?? Math.max(1, Math.round(exp.episodes / 20));
  for (const [, cs] of groups) {
    const first = cs[0]!;
    const runs = cs.map((c) => c.stats);
    const s = summarize(first.envLabel, first.agentLabel, first.designLabel, runs, exp.final_window);
    const reports = cs.flatMap((c) => (c.report ? [{ seed: c.cell.seed, ...c.report }] : []));
    summaries.push(reports.length ? { ...s, report: reports } : s);
    const pk = `${first.envLabel}-${first.agentLabel}`;
    plots.set(pk, [
      ...(plots.get(pk) ?? []),
      { label: first.designLabel, ...learningCurve(runs, (e) => e.return, window) },
    ]);
  }
  await writeFileAtomic(
    join(o.outDir, "summary.json"),
    `${JSON.stringify({ name: exp.name, episodes: exp.episodes, seeds, final_window: exp.final_window, summaries, errors }, null, 2)}\n`,
  );
  files.push("summary.json");
  for (const [pk, series] of plots) {
    const title = `${exp.name}: ${pk.replace("-", " / ")}`;
    await writeFileAtomic(
      join(o.outDir, `curves-${pk}.svg`),
      curvesSvg(title, "episode", `return (moving average of ${window})`, series),
    );
    await writeFileAtomic(join(o.outDir, `curves-${pk}.png`), curvesPng(series));
    files.push(`curves-${pk}.svg`, `curves-${pk}.png`);
  }
  await writeFileAtomic(
    join(o.outDir, "report.md"),
    reportMarkdown(exp, summaries, errors, [...plots.keys()], seeds.length),
  );
  files.push("report.md");
  return { summaries, errors, files };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(3));

function reportMarkdown(
  exp: Experiment,
  summaries: DesignSummary[],
  errors: ExperimentResult["errors"],
  plots: string[],
  nSeeds: number,
): string {
  const lines = [
    `# ${exp.name}`,
    "",
    ...(exp.description ? [exp.description.trim(), ""] : []),
    `${exp.episodes} episodes × ${nSeeds} seeds per cell. Final = the last ${pct(exp.final_window)} of episodes; ± is the 95% confidence interval over seeds (Student's t); AUC is the mean return over all episodes.`,
    "",
    "| environment | agent | design | final success | final return | AUC |",
    "|---|---|---|---|---|---|",
    ...summaries.map(
      (s) =>
        `| ${s.env} | ${s.agent} | ${s.design} | ${pct(s.successRate)} ± ${pct(s.successCi)} | ${num(s.meanReturn)} ± ${num(s.returnCi)} | ${num(s.auc)} ± ${num(s.aucCi)} |`,
    ),
    "",
    ...plots.flatMap((p) => [`![${p}](curves-${p}.svg)`, ""]),
  ];
  const reports = summaries.filter((s) => s.report);
  if (reports.length) {
    lines.push("## Fitted designs", "");
    for (const s of reports)
      lines.push(
        `- ${s.env} / ${s.agent} / ${s.design}: ${s.report!.map((r) => JSON.stringify(r)).join("; ")}`,
      );
    lines.push("");
  }
  if (errors.length) {
    lines.push("## Failed cells", "");
    for (const e of errors) lines.push(`- ${e.env} / ${e.agent} / ${e.design} / seed ${e.seed}: ${e.error}`);
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
