import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type ProposeFlags, runPropose } from "../../src/cli/commands/spec-propose.ts";
import { extractSpecText, pairwiseAgreement } from "../../src/search/propose-spec.ts";
import { type ChatBody, type OpenAITestServer, startTestServer } from "../fixtures/openai-test-server.ts";

const yaml = (s: string) => `Here is a spec:\n\`\`\`yaml\n${s}\n\`\`\`\n`;
const EXACT = `name: exact
reward: {kind: text.exact}
examples:
  - {rollout: {completion: "<answer>4</answer>", reference: "4"}, expect: {score: 1}}`;
const WRONG_WAY = `name: fives
reward: {kind: format.regex, pattern: "5<"}`;
const BAD_EXAMPLE = `name: inconsistent
reward: {kind: text.exact}
examples:
  - {rollout: {completion: "<answer>4</answer>", reference: "4"}, expect: {score: 0}}`;
const UNSAFE = `name: judged
reward: {kind: judge.score, model: m, rubric: "good?"}`;

/** The fake model: round 1 writes an unknown kind, a backwards spec, a spec failing its own example, and a
 * network-calling judge; later rounds (given the best so far) write text.exact. As a pairwise judge it
 * prefers the spec that uses text.exact. */
function model(body: ChatBody): string {
  const msgs = body.messages ?? [];
  const text = msgs.map((m) => String(m.content)).join("\n");
  if (text.includes("You compare two reward specs")) {
    const b = text.split("Spec B:")[1] ?? "";
    return JSON.stringify({ winner: b.includes("text.exact") ? "B" : "A" });
  }
  if (text.includes("Best spec so far")) return yaml(EXACT);
  const seed = Number(body.seed ?? 0) % 4;
  return yaml([`name: x\nreward: {kind: text.magic}`, WRONG_WAY, BAD_EXAMPLE, UNSAFE][seed]!);
}

let srv: OpenAITestServer;
const dir = mkdtempSync(join(tmpdir(), "rk-propose-"));
before(async () => {
  srv = await startTestServer({ chat: model });
});
after(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

const examples = [
  { prompt: "2+2?", completion: "<answer>4</answer>", reference: "4", label: 1 },
  { prompt: "2+2?", completion: "<answer>5</answer>", reference: "4", label: 0 },
  { prompt: "3+4?", completion: "<answer>7</answer>", reference: "7", label: 1 },
  { prompt: "3+4?", completion: "<answer>5</answer>", reference: "7", label: 0 },
];

describe("rewardkit spec propose (ICPL)", () => {
  const flags = (over: Partial<ProposeFlags>): ProposeFlags => {
    const task = join(dir, "task.md");
    writeFileSync(task, "# Reward correct arithmetic answers\nThe answer is in <answer> tags.\n");
    const ex = join(dir, "examples.jsonl");
    writeFileSync(ex, examples.map((e) => JSON.stringify(e)).join("\n"));
    return {
      task,
      examples: ex,
      endpoint: srv.baseUrl,
      model: "writer",
      rounds: 2,
      candidates: 4,
      out: join(dir, "out"),
      ...over,
    };
  };

  it("compiles, lints and runs every candidate; labels pick the best; the best spec and history are written", async () => {
    const { best } = await runPropose(flags({}));
    assert.equal(best?.round, 1);
    assert.equal(best?.agreement, 1);
    const history = readFileSync(join(dir, "out", "history.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(history.length, 8);
    const r1 = history.filter((h) => h.round === 0);
    assert.match(r1[0].errors.join(), /unknown reward kind "text.magic"/);
    assert.equal(r1[1].ok, true);
    assert.equal(r1[1].agreement, 0); // it scores the wrong answers higher
    assert.match(r1[2].errors.join(), /example .*score: expected 0, got 1/);
    assert.match(r1[3].errors.join(), /network/);
    assert.equal(readFileSync(join(dir, "out", "best.yaml"), "utf8").trim(), EXACT);
  });

  it("a pairwise judge can give the preference feedback instead", async () => {
    const ex = join(dir, "nolabels.jsonl");
    writeFileSync(ex, examples.map(({ label: _l, ...e }) => JSON.stringify(e)).join("\n"));
    const { best } = await runPropose(flags({ examples: ex, judge: true, out: join(dir, "judged") }));
    assert.equal(best?.text, EXACT);
    assert.equal(best?.agreement, null);
  });

  it("without any preference feedback it stops with a flag error", async () => {
    const ex = join(dir, "nolabels2.jsonl");
    writeFileSync(ex, JSON.stringify({ completion: "x" }));
    await assert.rejects(runPropose(flags({ examples: ex })), /labels file/);
  });
});

describe("helpers", () => {
  it("pairwise agreement and spec extraction", () => {
    assert.equal(pairwiseAgreement([0.9, 0.1, 0.5], [1, 0, 1]), 1);
    assert.equal(pairwiseAgreement([0.1, 0.9], [1, 0]), 0);
    assert.equal(pairwiseAgreement([0.5, 0.5], [1, 0]), 0.5);
    assert.equal(pairwiseAgreement([1, 2], [1, 1]), null);
    assert.equal(extractSpecText("x\n```yaml\nname: a\n```\n"), "name: a");
    assert.equal(extractSpecText("name: b"), "name: b");
  });
});
