import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { RewardkitError } from "../../core/errors.ts";
import { type EnsembleCombine, RewardEnsemble } from "../../models/ensemble.ts";
import { MODEL_TYPES, type ModelType, type RewardModel } from "../../models/model.ts";
import { loadModel, saveModel } from "../../models/persist.ts";
import { parsePreferenceJsonl } from "../../models/preference-data.ts";
import { type EpochMetrics, type TrainOptions, trainPreferenceModel } from "../../models/train.ts";
import { type EvalReport, evaluatePreferences, headline, writeReport } from "../../evaluate/report.ts";
import { scorerFor } from "../../evaluate/scorer.ts";
import { flagError, parseIntList, parseNumber } from "../flags.ts";

/** Where command output goes (injectable for tests). */
export interface CommandIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Draw a live progress bar (a terminal); otherwise only per-epoch lines are written. */
  tty: boolean;
}

const defaultIo = (): CommandIo => ({
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  tty: !!process.stderr.isTTY,
});

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new RewardkitError("E_IO", [
      { path: what, message: `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}` },
    ]);
  }
}

/** Flags of `rm train` (strings as commander gives them). */
export interface RmTrainFlags {
  data: string;
  out: string;
  type?: string;
  epochs?: string;
  batchSize?: string;
  lr?: string;
  optimizer?: string;
  l2?: string;
  seed?: string;
  valFraction?: string;
  bits?: string;
  ngrams?: string;
  charNgrams?: string;
  stats?: boolean;
  embeddingField?: string;
  embeddingDim?: string;
  margin?: string;
  dataMargin?: boolean;
  labelSmoothing?: string;
  center?: string;
  theta?: string;
  nu?: string;
  fixedTie?: boolean;
  soliMargin?: string;
  bce?: string;
  prototypes?: string;
  latent?: string;
  klBeta?: string;
  dimensions?: string;
}

/**
 * `rewardkit rm train`: reads preference JSONL, trains, prints validation metrics per epoch (progress on
 * stderr) and writes the model atomically. Returns the model and its history.
 * @example await rmTrain({ data: "pairs.jsonl", out: "model.json", type: "bt", epochs: "3" })
 */
export async function rmTrain(
  f: RmTrainFlags,
  io: CommandIo = defaultIo(),
): Promise<{ model: RewardModel; history: EpochMetrics[] }> {
  const type = (f.type ?? "bt") as ModelType;
  if (!MODEL_TYPES.includes(type))
    throw flagError("--type", `expected one of ${MODEL_TYPES.join(", ")}, got "${f.type}"`);
  if (f.optimizer !== undefined && f.optimizer !== "adam" && f.optimizer !== "sgd") {
    throw flagError("--optimizer", `expected adam or sgd, got "${f.optimizer}"`);
  }
  const features: NonNullable<TrainOptions["features"]> = {};
  const bits = parseNumber("--bits", f.bits, { int: true, min: 4, max: 28 });
  if (bits !== undefined) features.bits = bits;
  const ng = parseIntList("--ngrams", f.ngrams, 5);
  if (ng) features.word_ngrams = ng;
  const cg = parseIntList("--char-ngrams", f.charNgrams, 8);
  if (cg) features.char_ngrams = cg;
  if (f.stats === false) features.stats = false;
  if (f.embeddingField !== undefined) {
    const dim = parseNumber("--embedding-dim", f.embeddingDim, { int: true, min: 1 });
    if (dim === undefined) throw flagError("--embedding-dim", "required with --embedding-field");
    features.embedding = { field: f.embeddingField, dim };
  }
  const data = parsePreferenceJsonl(readText(f.data, "--data"), f.embeddingField);
  if (!data.pairs.length) throw flagError("--data", `${f.data} holds no preference pairs`);
  const opts: TrainOptions = { type, features };
  const set = <K extends keyof TrainOptions>(k: K, v: TrainOptions[K] | undefined) => {
    if (v !== undefined) opts[k] = v;
  };
  set("epochs", parseNumber("--epochs", f.epochs, { int: true, min: 1 }));
  set("batchSize", parseNumber("--batch-size", f.batchSize, { int: true, min: 1 }));
  set("lr", parseNumber("--lr", f.lr, { min: 0 }));
  set("optimizer", f.optimizer as "adam" | "sgd" | undefined);
  set("l2", parseNumber("--l2", f.l2, { min: 0 }));
  set("seed", parseNumber("--seed", f.seed, { int: true }));
  set("valFraction", parseNumber("--val-fraction", f.valFraction, { min: 0, max: 0.9 }));
  set("margin", parseNumber("--margin", f.margin));
  if (f.dataMargin) opts.dataMargin = true;
  set("labelSmoothing", parseNumber("--label-smoothing", f.labelSmoothing, { min: 0, max: 0.5 }));
  set("center", parseNumber("--center", f.center, { min: 0 }));
  set("theta", parseNumber("--theta", f.theta, { min: 1.000001 }));
  set("nu", parseNumber("--nu", f.nu, { min: 1e-9 }));
  if (f.fixedTie) opts.learnTie = false;
  const sm = parseNumber("--soli-margin", f.soliMargin);
  const bce = parseNumber("--bce", f.bce, { min: 0 });
  if (sm !== undefined || bce !== undefined) {
    opts.soli = { margin: sm ?? 3, cBt: 1, cBtt: 1, cBce: bce ?? 0 };
  }
  set("prototypes", parseNumber("--prototypes", f.prototypes, { int: true, min: 1, max: 64 }));
  const latent = parseNumber("--latent", f.latent, { int: true, min: 1, max: 256 });
  const beta = parseNumber("--kl-beta", f.klBeta, { min: 0 });
  if (latent !== undefined || beta !== undefined) {
    opts.vpl = { ...(latent !== undefined ? { latent } : {}), ...(beta !== undefined ? { beta } : {}) };
  }
  if (f.dimensions)
    opts.dimensions = f.dimensions
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const epochs = opts.epochs ?? 5;
  let lastDraw = 0;
  opts.onProgress = (epoch, done, total) => {
    if (!io.tty) return;
    const now = Date.now();
    if (done < total && now - lastDraw < 100) return;
    lastDraw = now;
    const width = 30;
    const filled = Math.round((done / Math.max(1, total)) * width);
    io.err(
      `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] epoch ${epoch}/${epochs} ${done}/${total} pairs`,
    );
  };
  opts.onEpoch = (m) => {
    if (io.tty) io.err("\r\x1b[K");
    const parts = [
      `epoch ${m.epoch}/${epochs}`,
      `train loss ${m.trainLoss.toFixed(4)}`,
      m.valLoss !== null ? `val loss ${m.valLoss.toFixed(4)}` : "",
      m.valAccuracy !== null ? `val acc ${(100 * m.valAccuracy).toFixed(1)}%` : "",
      m.predictedTieRate !== undefined
        ? `ties ${(100 * (m.valTieRate ?? 0)).toFixed(1)}% (pred ${(100 * m.predictedTieRate).toFixed(1)}%)`
        : "",
      `${Math.round(m.pairsPerSecond)} pairs/s`,
    ].filter(Boolean);
    io.err(`${parts.join("  ")}\n`);
  };
  const { model, history } = trainPreferenceModel(data.pairs, opts);
  await saveModel(model, f.out);
  io.out(
    `wrote ${f.out} (${model.type}, ${model.headNames.length} head${model.headNames.length > 1 ? "s" : ""}, ${data.pairs.length} records)\n`,
  );
  return { model, history };
}

/** Flags of `rm eval`. */
export interface RmEvalFlags {
  model: string[];
  data: string;
  report?: string;
  json?: boolean;
  combine?: string;
  fusion?: boolean;
  fusionK?: string;
  fusionThreshold?: string;
}

/**
 * `rewardkit rm eval`: scores preference JSONL with a model (several models form an ensemble), prints the
 * headline metrics (accuracy first, or JSON with --json) and writes the full report with --report.
 * @example rmEval({ model: ["model.json"], data: "test.jsonl", report: "out" })
 */
export function rmEval(f: RmEvalFlags, io: CommandIo = defaultIo()): EvalReport {
  if (!f.model.length) throw flagError("--model", "at least one model is required");
  const combine = (f.combine ?? "mean") as EnsembleCombine;
  if (!["mean", "min", "median"].includes(combine))
    throw flagError("--combine", `expected mean, min or median, got "${f.combine}"`);
  const models = f.model
    .flatMap((m) => m.split(","))
    .filter(Boolean)
    .map((p) => loadModel(p));
  const fields = new Set(models.map((m) => m.features.embedding?.field).filter((x): x is string => !!x));
  if (fields.size > 1)
    throw flagError("--model", "models read different embedding columns; evaluate them separately");
  const data = parsePreferenceJsonl(readText(f.data, "--data"), [...fields][0]);
  const scorer = scorerFor(models.length === 1 ? models[0]! : new RewardEnsemble(models, combine));
  const k = parseNumber("--fusion-k", f.fusionK, { int: true, min: 1 });
  const th = parseNumber("--fusion-threshold", f.fusionThreshold, { min: -1, max: 1 });
  const report = evaluatePreferences(data, scorer, {
    fusion:
      f.fusion === false
        ? false
        : { ...(k !== undefined ? { k } : {}), ...(th !== undefined ? { threshold: th } : {}) },
  });
  if (f.json)
    io.out(
      `${JSON.stringify({ ...report, scatter: undefined }, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`,
    );
  else io.out(`${headline(report).join("\n")}\n`);
  if (f.report) {
    const files = writeReport(f.report, report);
    io.err(`wrote ${files.length} report files to ${f.report}\n`);
  }
  return report;
}

/**
 * Registers `rm train` and `rm eval`.
 * @example register(program) // rewardkit rm train --data pairs.jsonl --out model.json
 */
export function register(program: Command): void {
  const rm = program.command("rm").description("train and evaluate preference reward models");
  rm.command("train")
    .description("train a reward model on preference pairs (JSONL: prompt, chosen, rejected, ...)")
    .requiredOption("--data <file>", "preference JSONL")
    .requiredOption("--out <file>", "model file to write (JSON)")
    .option("--type <type>", `model: ${MODEL_TYPES.join(", ")}`, "bt")
    .option("--epochs <n>", "epochs", "5")
    .option("--batch-size <n>", "pairs per step", "64")
    .option("--lr <x>", "learning rate", "0.05")
    .option("--optimizer <name>", "adam or sgd", "adam")
    .option("--l2 <x>", "L2 penalty", "1e-6")
    .option("--seed <n>", "random seed", "0")
    .option("--val-fraction <x>", "held-out fraction for per-epoch validation", "0.1")
    .option("--bits <n>", "hashed feature bits (dimension 2^bits)", "18")
    .option("--ngrams <list>", "word n-gram orders", "1,2")
    .option("--char-ngrams <list>", "character n-gram orders (none by default)")
    .option("--no-stats", "leave out the text statistics")
    .option("--embedding-field <name>", "use embeddings from chosen_<name>/rejected_<name>")
    .option("--embedding-dim <n>", "embedding length")
    .option("--margin <x>", "BT margin m")
    .option("--data-margin", "add each pair's margin field to the margin")
    .option("--label-smoothing <x>", "label smoothing ε")
    .option("--center <x>", "TRL centre-rewards coefficient")
    .option("--theta <x>", "Rao-Kupper θ (initial value unless --fixed-tie)", "5")
    .option("--nu <x>", "Davidson ν (initial value unless --fixed-tie)", "1")
    .option("--fixed-tie", "keep θ/ν fixed instead of learning them")
    .option("--soli-margin <x>", "SoliReward margin", "3")
    .option("--bce <x>", "SoliReward BCE coefficient", "0")
    .option("--prototypes <n>", "PAL prototypes", "2")
    .option("--latent <n>", "VPL latent size", "4")
    .option("--kl-beta <x>", "VPL KL weight", "0.01")
    .option("--dimensions <list>", "multi-dimensional heads (default: every label key)")
    .action(async (flags: RmTrainFlags) => {
      await rmTrain(flags);
    });
  rm.command("eval")
    .description("evaluate a reward model (several --model flags form an ensemble)")
    .requiredOption(
      "--model <file>",
      "model file (repeatable)",
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .requiredOption("--data <file>", "preference JSONL")
    .option("--report <dir>", "write report.md, report.json and SVG charts here")
    .option("--json", "print the full metrics as JSON")
    .option("--combine <how>", "ensemble combination: mean, min or median", "mean")
    .option("--no-fusion", "skip RewardFusion")
    .option("--fusion-k <n>", "RewardFusion neighbours", "5")
    .option("--fusion-threshold <x>", "RewardFusion similarity threshold", "0.9")
    .action((flags: RmEvalFlags) => {
      rmEval(flags);
    });
}
