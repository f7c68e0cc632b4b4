import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { RewardFailure } from "../../src/core/result.ts";
import { runSearch, type SearchFlags } from "../../src/cli/commands/search.ts";
import { completionsGenerator } from "../../src/search/generator.ts";
import { type CompletionsServer, startCompletionsServer } from "./completions-server.ts";
import { TARGET } from "./toy.ts";

const dir = mkdtempSync(join(tmpdir(), "rk-search-"));
let srv: CompletionsServer;
before(async () => {
  srv = await startCompletionsServer();
});
after(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("completions generator", () => {
  it("sends n, stop, seed and orders choices by index; errors are typed upstream failures", async () => {
    const gen = completionsGenerator({ baseUrl: srv.baseUrl, model: "toy" });
    const a = await gen.generate("Q:", { n: 5, stop: ["\n"], seed: 7 });
    assert.equal(a.length, 5);
    assert.ok(a.every((x) => /^[abc]$/.test(x)));
    assert.deepEqual(await gen.generate("Q:", { n: 5, stop: ["\n"], seed: 7 }), a);
    const req = srv.requests.at(-1)!;
    assert.deepEqual([req.model, req.n, req.stop, req.seed], ["toy", 5, ["\n"], 7]);
    await assert.rejects(
      gen.generate("[[fail]]", { n: 1 }),
      (e: unknown) => e instanceof RewardFailure && e.kind === "upstream",
    );
  });
});

describe("rewardkit search against an OpenAI-compatible endpoint", () => {
  const base = (over: Partial<SearchFlags>): SearchFlags => ({
    spec: file("exact.yaml", "name: exact\nreward: {kind: text.exact, from: whole}\n"),
    in: file("prompts.jsonl", `${JSON.stringify({ id: 1, prompt: "Q:", reference: TARGET })}\n`),
    out: join(dir, "out.jsonl"),
    endpoint: srv.baseUrl,
    model: "toy",
    method: "best-of-n",
    n: 300,
    width: 2,
    expand: 12,
    steps: 4,
    delimiter: "\n",
    iterations: 200,
    maxChildren: 12,
    lambda: 8,
    mode: "search",
    levels: "8:2,4:1",
    seed: 0,
    ...over,
  });

  it("best-of-n finds the exact answer with 300 samples and writes it with the budget spent", async () => {
    const { rows } = await runSearch(base({}));
    assert.equal(rows, 1);
    const out = JSON.parse(readFileSync(join(dir, "out.jsonl"), "utf8").trim());
    assert.equal(out.completion, TARGET);
    assert.equal(out.search.best.score, 1);
    assert.equal(out.search.samples, 300);
  });

  it("beam search guided by a process-reward spec (a valid-prefix regex) reaches it", async () => {
    const prm = file(
      "prefix.yaml",
      'name: prefix\nreward: {kind: format.regex, pattern: "a(\\nb(\\nc(\\na)?)?)?\\n?", mode: full}\n',
    );
    const spec = file(
      "lines.yaml",
      'name: lines\nreward: {kind: format.regex, pattern: "a\\nb\\nc\\na", mode: full}\n',
    );
    await runSearch(base({ method: "beam", processSpec: prm, spec }));
    const out = JSON.parse(readFileSync(join(dir, "out.jsonl"), "utf8").trim());
    assert.equal(out.completion, "a\nb\nc\na");
    assert.equal(out.search.best.score, 1);
    assert.ok(out.search.samples <= 2 * 12 * 4);
  });

  it("a bad flag exits 2 with the reason", () => {
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/cli/main.ts",
        "search",
        "--spec",
        "x",
        "--in",
        "y",
        "--out",
        "z",
        "--endpoint",
        "http://127.0.0.1:9/v1",
        "--n",
        "0",
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--n must be a positive integer/);
  });
});
