import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Command } from "commander";
import { type CommandIo, register, rmEval, rmTrain } from "../../src/cli/commands/rm.ts";
import { generatePairs, makeWorld } from "../models/synthetic.ts";

const dir = mkdtempSync(join(tmpdir(), "rewardkit-rm-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const w = makeWorld(1);
const line = (p: { prompt: string; chosen: string[]; rejected: string[]; tie: boolean }, i: number) =>
  JSON.stringify({
    prompt: p.prompt,
    chosen: p.chosen[0],
    rejected: p.rejected[0],
    tie: p.tie,
    subset: i % 2 ? "odd" : "even",
  });
writeFileSync(
  join(dir, "train.jsonl"),
  `${generatePairs(w, { n: 3000, seed: 2 }).pairs.map(line).join("\n")}\n`,
);
writeFileSync(
  join(dir, "test.jsonl"),
  [
    ...generatePairs(w, { n: 400, seed: 3, theta: 2 }).pairs.map(line),
    JSON.stringify({
      instruction1: "tok1 tok2",
      response1: "tok1 tok5",
      instruction2: "tok1 tok3",
      response2: "tok3 tok9",
    }),
    JSON.stringify({ prompt: "", chosen: "tok1 tok2", rejected: ["tok3", "tok4", "tok5"] }),
    JSON.stringify({ dimension: "helpful", text: "tok1 tok2", label: 1 }),
    JSON.stringify({ dimension: "helpful", text: "tok3 tok4", label: 0 }),
  ].join("\n"),
);

function capture(): CommandIo & { o: string; e: string } {
  const c = {
    o: "",
    e: "",
    tty: false,
    out: (s: string) => void (c.o += s),
    err: (s: string) => void (c.e += s),
  };
  return c;
}

test("rm train writes a model and reports validation metrics per epoch", async () => {
  const io = capture();
  const { history } = await rmTrain(
    { data: join(dir, "train.jsonl"), out: join(dir, "m.json"), bits: "12", epochs: "3", seed: "1" },
    io,
  );
  assert.equal(history.length, 3);
  assert.equal(io.e.split("\n").filter((l) => l.startsWith("epoch ")).length, 3);
  assert.match(io.e, /val acc \d+\.\d%/);
  const saved = JSON.parse(readFileSync(join(dir, "m.json"), "utf8"));
  assert.equal(saved.format, "rewardkit.reward-model");
  assert.equal(saved.type, "bt");
});

test("rm eval prints accuracy first and writes markdown, JSON and SVG", () => {
  const io = capture();
  const r = rmEval(
    { model: [join(dir, "m.json")], data: join(dir, "test.jsonl"), report: join(dir, "rep") },
    io,
  );
  assert.match(io.o.split("\n")[0]!, /^accuracy\s+\d+\.\d%/);
  assert.ok(r.accuracy.accuracy > 0.75, `accuracy ${r.accuracy.accuracy}`);
  assert.ok(
    r.tieAccuracy && r.tieAccuracy.accuracy >= r.accuracy.accuracy * (r.accuracy.n / r.tieAccuracy.n) - 1e-12,
  );
  assert.equal(r.bestOfN?.n, 1);
  assert.equal(r.consistency?.n, 1);
  assert.ok(r.probes?.dimensions.helpful);
  for (const f of [
    "report.md",
    "report.json",
    "accuracy.svg",
    "reliability.svg",
    "length.svg",
    "probes.svg",
  ]) {
    assert.ok(existsSync(join(dir, "rep", f)), f);
  }
  assert.match(readFileSync(join(dir, "rep", "reliability.svg"), "utf8"), /^<svg /);
  const json = JSON.parse(readFileSync(join(dir, "rep", "report.json"), "utf8"));
  assert.equal(json.accuracy.n, r.accuracy.n);
});

test("the commander wiring runs both subcommands; an ensemble of two models evaluates", async () => {
  const program = new Command().exitOverride();
  register(program);
  await program.parseAsync(
    [
      "rm",
      "train",
      "--data",
      join(dir, "train.jsonl"),
      "--out",
      join(dir, "m2.json"),
      "--bits",
      "12",
      "--epochs",
      "1",
      "--seed",
      "7",
      "--type",
      "rao-kupper",
    ],
    { from: "user" },
  );
  assert.ok(existsSync(join(dir, "m2.json")));
  const io = capture();
  const r = rmEval(
    {
      model: [join(dir, "m.json"), join(dir, "m2.json")],
      data: join(dir, "test.jsonl"),
      json: true,
      fusion: false,
    },
    io,
  );
  assert.equal(JSON.parse(io.o).accuracy.n, r.accuracy.n);
  assert.equal(r.fusion, undefined);
});

test("bad flags and bad data are reported with their place", async () => {
  await assert.rejects(
    () => rmTrain({ data: join(dir, "train.jsonl"), out: join(dir, "x.json"), type: "nope" }, capture()),
    /--type/,
  );
  await assert.rejects(
    () => rmTrain({ data: join(dir, "train.jsonl"), out: join(dir, "x.json"), epochs: "two" }, capture()),
    /--epochs/,
  );
  writeFileSync(join(dir, "bad.jsonl"), '{"prompt":"q","chosen":"a"}\nnot json\n');
  await assert.rejects(
    () => rmTrain({ data: join(dir, "bad.jsonl"), out: join(dir, "x.json") }, capture()),
    /line 1:.*\n.*line 2/,
  );
  assert.throws(
    () => rmEval({ model: [join(dir, "none.json")], data: join(dir, "test.jsonl") }, capture()),
    /cannot read model/,
  );
});
