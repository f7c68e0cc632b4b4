import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import { AtomicFile, writeFileAtomic } from "../../src/io/atomic.ts";
import { defineReward } from "../../src/core/reward.ts";
import { isRowProblem, parseFieldMap, toRollout } from "../../src/io/field-map.ts";
import { readJsonl } from "../../src/io/jsonl.ts";
import { encodeParquet, readParquetAll } from "../../src/io/parquet.ts";
import { scoreDataset } from "../../src/io/score-dataset.ts";
import { compileNode } from "../../src/spec/compile.ts";

const dir = mkdtempSync(join(tmpdir(), "rk-io-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const reward = compileNode(
  {
    kind: "gate",
    check: { kind: "format.tags", name: "format" },
    reward: { kind: "text.exact", name: "correct" },
  },
  { registry: defaultRegistry },
);
const chat = [
  {
    role: "assistant",
    content: null,
    tool_calls: [{ id: "c1", type: "function", function: { name: "calc", arguments: '{"x":1}' } }],
  },
  { role: "tool", tool_call_id: "c1", content: "2" },
  { role: "assistant", content: [{ type: "text", text: "<think>t</think><answer>2</answer>" }] },
];

describe("JSONL", () => {
  it("streams batches, keeps line numbers, reports bad lines, handles CRLF, blank lines and a missing final newline", async () => {
    const p = join(dir, "a.jsonl");
    writeFileSync(p, '{"a":1}\r\n\n{"a":NaN}\n{"a":"é"}');
    const lines = [];
    for await (const b of readJsonl(p, 2)) lines.push(...b);
    assert.deepEqual(
      lines.map((l) => [l.line, l.value, !!l.error]),
      [
        [1, { a: 1 }, false],
        [3, undefined, true],
        [4, { a: "é" }, false],
      ],
    );
  });
  it("a line longer than the limit is reported and skipped, the next lines still read", async () => {
    const p = join(dir, "long.jsonl");
    writeFileSync(p, `{"a":1}\n${"x".repeat(5000)}\n{"a":2}\n`);
    const lines = [];
    for await (const b of readJsonl(p, 10, 1000)) lines.push(...b);
    assert.deepEqual(
      lines.map((l) => [l.line, l.value ?? l.error]),
      [
        [1, { a: 1 }],
        [2, "line longer than 1000 characters"],
        [3, { a: 2 }],
      ],
    );
  });
  it("memory stays bounded: 200k rows arrive in batches of the requested size", async () => {
    const p = join(dir, "big.jsonl");
    writeFileSync(p, `${'{"completion":"x"}\n'.repeat(200_000)}`);
    let n = 0;
    let maxBatch = 0;
    for await (const b of readJsonl(p, 1000)) {
      n += b.length;
      maxBatch = Math.max(maxBatch, b.length);
    }
    assert.equal(n, 200_000);
    assert.equal(maxBatch, 1000);
  });
});

describe("field mapping and rollouts", () => {
  it("maps columns, including dotted paths", () => {
    const map = parseFieldMap("completion=response,reference=meta.answer");
    assert.deepEqual(toRollout({ response: "r", meta: { answer: "4" } }, map), {
      completion: "r",
      reference: "4",
      meta: { answer: "4" },
    });
    assert.throws(() => parseFieldMap("answer=x"), /unknown field "answer"/);
    assert.throws(() => parseFieldMap("completion"), /expected field=column/);
  });
  it("accepts chat messages with tool calls and content parts; names the bad field otherwise", () => {
    const r = toRollout({ prompt: [{ role: "user", content: "q" }], completion: chat });
    assert.ok(!isRowProblem(r));
    assert.deepEqual(toRollout({ completion: 3 }), {
      path: "completion",
      message: "expected a string or a list of messages, got 3",
    });
    assert.deepEqual(toRollout({ completion: [{ content: "x" }] }), {
      path: "completion[0].role",
      message: "expected a string, got nothing",
    });
    assert.deepEqual(toRollout({}), { path: "completion", message: "required" });
    assert.deepEqual(toRollout([1]), { path: "", message: "row is not a JSON object" });
    // The problem names the column the user mapped, not the rollout field.
    assert.deepEqual(toRollout({ resp: [{ role: 1 }] }, { completion: "resp" }), {
      path: "resp[0].role",
      message: "expected a string, got 1",
    });
  });
  it("agrees with the server's rule: null optional fields are absent, a bad id or group is an error", () => {
    // Before, io dropped a bad id silently while the server refused it, and the server refused group: null.
    assert.deepEqual(toRollout({ completion: "a", group: null, id: null, meta: null, steps: null }), {
      completion: "a",
    });
    assert.deepEqual(toRollout({ completion: "a", id: { x: 1 } }), {
      path: "id",
      message: "expected a string or a number, got an object",
    });
    assert.deepEqual(toRollout({ completion: "a", group: [1] }), {
      path: "group",
      message: "expected a string or a number, got an array",
    });
    assert.deepEqual(toRollout({ completion: "a", steps: [1] }), {
      path: "steps[0]",
      message: "expected a step object, got 1",
    });
  });
});

describe("scoreDataset", () => {
  it("writes every row back with its reward; malformed rows get invalid_input and neighbours are scored", async () => {
    const input = join(dir, "in.jsonl");
    const output = join(dir, "out.jsonl");
    const rows = [
      '{"completion":"<think>t</think><answer>4</answer>","reference":"4"}',
      "not json",
      '{"prompt":"p"}',
      JSON.stringify({ completion: chat, reference: "2", extra: { keep: [1, 2] } }),
      '{"completion":"<answer>4</answer>","reference":"4","reward":"old"}',
      "{}",
    ];
    writeFileSync(input, `${rows.join("\n")}\n`);
    const summary = await scoreDataset({ reward, input, output });
    const out = readFileSync(output, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(out.length, 6);
    assert.equal(out[0].reward.score, 1);
    assert.deepEqual(out[1].reward.error, { kind: "invalid_input", message: out[1].reward.error.message });
    assert.match(out[1].reward.error.message, /^line 2: not JSON/);
    assert.equal(out[1].raw, "not json");
    assert.match(out[2].reward.error.message, /line 3: completion: required/);
    assert.equal(out[3].reward.score, 1);
    assert.deepEqual(out[3].extra, { keep: [1, 2] });
    assert.equal(out[4].reward.score, 0); // the old "reward" field is replaced; the format gate fails (no think)
    assert.equal(out[5].reward.error.kind, "invalid_input");
    assert.equal(summary.rows, 6);
    assert.deepEqual(summary.errors, { invalid_input: 3 });
    assert.equal(summary.components.score?.count, 3);
  });
  it("Parquet in and out round-trips strings, numbers and nested chat messages", async () => {
    const pin = join(dir, "in.parquet");
    const pout = join(dir, "out.parquet");
    const rows = [
      { prompt: "p1", completion: "<think>a</think><answer>7</answer>", reference: "7", n: 1.5 },
      { prompt: "p2", completion: chat, reference: "2", n: null },
    ];
    writeFileSync(pin, encodeParquet(rows));
    const back = await readParquetAll(pin);
    assert.deepEqual(back, rows);
    await scoreDataset({ reward, input: pin, output: pout });
    const scored = await readParquetAll(pout);
    assert.deepEqual(
      scored.map((r) => (r.reward as { score: number }).score),
      [1, 1],
    );
    assert.deepEqual(scored[1]!.completion, chat);
  });
});

describe("atomic output", () => {
  it("the target appears only on commit; abort leaves nothing behind", async () => {
    const target = join(dir, "atomic.txt");
    const f = await AtomicFile.open(target);
    await f.write("partial");
    assert.ok(!readdirSync(dir).includes("atomic.txt"));
    await f.abort();
    assert.ok(!readdirSync(dir).some((n) => n.includes("atomic.txt")));
    await writeFileAtomic(target, "done");
    assert.equal(readFileSync(target, "utf8"), "done");
    assert.ok(!readdirSync(dir).some((n) => n.endsWith(".tmp")));
  });
  it("large writes overlap the caller's work yet land whole and in order; abort waits for the one in flight", async () => {
    const target = join(dir, "big.txt");
    const parts = ["a", "b", "c", "d"].map((ch, i) => `${ch.repeat((1 << 20) + i)}\n`);
    const f = await AtomicFile.open(target);
    for (const p of parts) await f.write(p);
    await f.commit();
    assert.equal(readFileSync(target, "utf8"), parts.join(""));
    const g = await AtomicFile.open(join(dir, "gone.txt"));
    await g.write(parts[0]!);
    await g.abort();
    assert.ok(!readdirSync(dir).some((n) => n.includes("gone.txt")));
  });
  it("a failing run leaves an existing output untouched", async () => {
    const output = join(dir, "keep.jsonl");
    writeFileSync(output, "previous\n");
    await assert.rejects(scoreDataset({ reward, input: join(dir, "does-not-exist.jsonl"), output }));
    assert.equal(readFileSync(output, "utf8"), "previous\n");
    assert.ok(!readdirSync(dir).some((n) => n.startsWith(".keep.jsonl")));
  });
});

describe("scoreDataset: results are finite", () => {
  it("a NaN component or an Infinity step is written as a typed error, never as null", async () => {
    const input = join(dir, "nan-in.jsonl");
    const output = join(dir, "nan-out.jsonl");
    writeFileSync(input, '{"completion":"a"}\n{"completion":"b"}\n');
    const bad = defineReward({
      kind: "test.nonfinite",
      score: (r) =>
        r.completion === "a"
          ? { score: 1, components: { x: Number.NaN } }
          : { score: 1, steps: [Number.POSITIVE_INFINITY] },
    });
    const summary = await scoreDataset({ reward: bad, input, output });
    const out = readFileSync(output, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(out[0].reward.score, null);
    assert.equal(out[0].reward.error.kind, "internal");
    assert.match(out[0].reward.error.message, /non-finite component "x" \(NaN\)/);
    assert.match(out[1].reward.error.message, /non-finite step 0 \(Infinity\)/);
    assert.deepEqual(summary.errors, { internal: 2 });
  });
});
