import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CORRECT } from "./correct.ts";
import { FORGERIES } from "./forgeries.ts";
import { runCorpus } from "./run-corpus.ts";

const brief = (x: unknown) => (JSON.stringify(x) ?? "").slice(0, 300);
const statuses = (r: { info?: Record<string, unknown> }) =>
  ((r.info?.tests ?? []) as { status: string }[]).map((t) => t.status).join(",");

describe("code.tests conformance: the forgery corpus fails closed", () => {
  it(`has at least 25 attempts in Python and JavaScript (${FORGERIES.length})`, () => {
    assert.ok(FORGERIES.length >= 25);
    assert.ok(FORGERIES.some((c) => c.language === "python"));
    assert.ok(FORGERIES.some((c) => c.language === "javascript"));
  });

  it("no forged solution passes a single test", async () => {
    const results = await runCorpus(FORGERIES, 3);
    const leaks = results.filter((x) => x.passed > 0 || (x.r.score ?? 0) > 0);
    assert.deepEqual(
      leaks.map((x) => `${x.c.name}: ${statuses(x.r)}`),
      [],
      "forgeries that passed a test",
    );
    // Each attempt was really run and judged (no sandbox or input error hid it).
    for (const x of results) {
      assert.equal(x.r.error, undefined, `${x.c.name}: ${brief(x.r.error)}`);
      assert.equal(x.r.score, 0, x.c.name);
    }
  });
});

describe("code.tests conformance: the correct corpus passes", () => {
  it(`has at least 50 correct solutions (${CORRECT.length})`, () => {
    assert.ok(CORRECT.length >= 50);
  });

  it("every correct solution scores 1", async () => {
    const results = await runCorpus(CORRECT, 3);
    const failed = results.filter((x) => x.r.score !== 1);
    assert.deepEqual(
      failed.map((x) => `${x.c.name}: ${brief(x.r.info?.tests ?? x.r.error)}`),
      [],
      "correct solutions that did not score 1",
    );
  });
});
