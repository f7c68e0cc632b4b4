import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import { formatMasterKeyReport, MASTER_KEYS, probeMasterKeys } from "../../src/judges/master-keys.ts";
import { compileNode } from "../../src/spec/compile.ts";
import { type OpenAITestServer, startTestServer } from "../fixtures/openai-test-server.ts";

let gullible: OpenAITestServer;
let strict: OpenAITestServer;
before(async () => {
  // A judge fooled by anything: full marks.
  gullible = await startTestServer({ chat: () => '{"steps": [], "result": 10}' });
  // A judge that gives the floor to responses without a number in them.
  strict = await startTestServer({
    chat: (body) => {
      const user = String(body.messages?.at(-1)?.content ?? "");
      const resp = user.slice(user.indexOf("<response>"), user.indexOf("</response>"));
      return JSON.stringify({ steps: [], result: /\d/.test(resp) ? 10 : 0 });
    },
  });
});
after(async () => {
  await gullible.close();
  await strict.close();
});

const spec = (base: string) => ({
  kind: "sum",
  terms: [
    { kind: "text.exact", name: "exact" },
    {
      kind: "judge.score",
      name: "quality",
      model: "m",
      base_url: base,
      cache: ":memory:",
      rubric: "Is the answer correct?",
      range: [0, 10],
    },
  ],
});

describe("probeMasterKeys", () => {
  test("a gullible judge is reported for every master key, with its path in the tree", async () => {
    const reward = compileNode(spec(gullible.baseUrl), { registry: defaultRegistry });
    const rep = await probeMasterKeys(reward);
    assert.equal(rep.judges, 1, "only the judge is probed, not text.exact");
    assert.equal(rep.warnings.length, MASTER_KEYS.length);
    assert.deepEqual(
      rep.warnings.map((w) => [w.path, w.key, w.score, w.floor]),
      MASTER_KEYS.map((k) => ["reward.quality", k, 10, 0]),
    );
    assert.match(
      formatMasterKeyReport(rep)[0]!,
      /reward\.quality \(judge\.score\) scored 10 on the master key ":"/,
    );
  });

  test("a judge that holds gives no warning; the probe rollout reaches the judge", async () => {
    const reward = compileNode(spec(strict.baseUrl), { registry: defaultRegistry });
    const rep = await probeMasterKeys(reward);
    assert.equal(rep.warnings.length, 0);
    assert.equal(rep.errors.length, 0);
    assert.equal(rep.probes.length, MASTER_KEYS.length);
    assert.ok(rep.probes.every((p) => p.score === 0));
  });

  test("the floor is the bottom of the judge's range (1 on a 1–5 scale)", async () => {
    const reward = compileNode(
      {
        kind: "judge.score",
        model: "m",
        base_url: strict.baseUrl,
        cache: ":memory:",
        rubric: "x",
        range: [1, 5],
      },
      { registry: defaultRegistry },
    );
    const rep = await probeMasterKeys(reward, { keys: [":"] });
    // The strict judge answers 0, clamped to 1 = the floor: no warning.
    assert.equal(rep.probes[0]!.score, 1);
    assert.equal(rep.probes[0]!.floor, 1);
    assert.equal(rep.warnings.length, 0);
  });

  test("label and pairwise judges are probed too; backend failures are reported as errors, not passes", async () => {
    const down = await startTestServer();
    down.inject({ type: "status", status: 503 }, { times: 1000 });
    const reward = compileNode(
      {
        kind: "sum",
        terms: [
          {
            kind: "judge.label",
            model: "m",
            base_url: down.baseUrl,
            cache: false,
            max_retries: 0,
            instructions: "ok?",
            labels: ["yes", "no"],
            passing_labels: ["yes"],
          },
          { kind: "judge.pairwise", model: "m", base_url: down.baseUrl, cache: false, max_retries: 0 },
        ],
      },
      { registry: defaultRegistry },
    );
    const rep = await probeMasterKeys(reward, { keys: [":"] });
    assert.equal(rep.judges, 2);
    assert.equal(rep.warnings.length, 0);
    assert.equal(rep.errors.length, 2);
    assert.equal(rep.errors[0]!.error?.kind, "upstream");
    await down.close();
  });
});
