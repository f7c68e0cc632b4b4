import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createRunsApp } from "../../src/runs/api.ts";
import { RunCatalog } from "../../src/runs/catalog.ts";
import { storedSynthetic, tempDir } from "./helpers.ts";

const root = tempDir("rk-api-");
// two runs: a small one (raw scatter points) and one past the binning threshold
storedSynthetic({ steps: 6, promptsPerStep: 8, groupSize: 8, hack: "none" }, join(root, "small")).close();
storedSynthetic(
  { steps: 12, promptsPerStep: 60, groupSize: 8, hack: "length", hackFrom: 6 },
  join(root, "big"),
).close();
const web = join(root, "..", `${root.split(/[\\/]/).pop()}-web`);
mkdirSync(web, { recursive: true });
writeFileSync(join(web, "index.html"), "<!doctype html><title>dash</title>");
const catalog = new RunCatalog(root);
const app = createRunsApp(catalog, web);
after(() => {
  catalog.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(web, { recursive: true, force: true });
});
const get = async (p: string) => {
  const r = await app.request(p);
  return { status: r.status, body: (await r.json()) as any };
};

describe("runs API", () => {
  it("lists the runs of a directory with their size and components", async () => {
    const { body } = await get("/api/runs");
    assert.deepEqual(
      body.runs.map((r: any) => [r.key, r.rollouts]),
      [
        ["big", 5760],
        ["small", 384],
      ],
    );
    assert.deepEqual(
      body.runs[0].components.map((c: any) => c.name),
      ["correct", "format", "judge", "length_penalty"],
    );
  });

  it("curves come from the ingest statistics and equal a direct SQL average", async () => {
    const { body } = await get("/api/runs/small/curves");
    const v = catalog.get("small")!;
    const direct = v.run.db
      .prepare("SELECT avg(score) AS m, avg(c2) AS j FROM rollouts WHERE step = 3")
      .get() as { m: number; j: number };
    assert.ok(Math.abs(body.score.mean[3] - direct.m) < 1e-12);
    const judge = body.components.find((c: any) => c.name === "judge");
    assert.ok(Math.abs(judge.series.mean[3] - direct.j) < 1e-12);
    assert.ok(Math.abs(judge.contribution[3] - 0.5 * direct.j) < 1e-12);
  });

  it("pages are bounded, filters are exact, sorting follows the column", async () => {
    let r = await get("/api/runs/big/samples?limit=100000");
    assert.equal(r.body.rows.length, 200);
    assert.equal(r.body.total, 5760);
    r = await get("/api/runs/small/samples?error=upstream&limit=200");
    const v = catalog.get("small")!;
    const n = (
      v.run.db.prepare("SELECT count(*) AS n FROM rollouts WHERE error_kind = 'upstream'").get() as {
        n: number;
      }
    ).n;
    assert.ok(n > 0);
    assert.equal(r.body.total, n);
    assert.ok(r.body.rows.every((x: any) => x.error.kind === "upstream"));
    r = await get("/api/runs/small/samples?component=judge&min=0.9&sort=c:judge&order=asc&limit=5");
    const js = r.body.rows.map((x: any) => x.components.judge);
    assert.ok(js.every((j: number) => j >= 0.9));
    assert.deepEqual(
      js,
      [...js].sort((a: number, b: number) => a - b),
    );
    // a LIKE wildcard in the search is a literal character
    r = await get(`/api/runs/small/samples?q=${encodeURIComponent("%")}`);
    assert.equal(r.body.total, 0);
    r = await get("/api/runs/small/samples?ids=3,5,7");
    assert.deepEqual(r.body.rows.map((x: any) => x.id).sort(), ["3", "5", "7"]);
  });

  it("the scatter sends points for small runs and server-side bins past the threshold", async () => {
    const small = (await get("/api/runs/small/scatter")).body;
    assert.equal(small.mode, "points");
    assert.equal(small.x.length, small.n);
    const big = (await get("/api/runs/big/scatter?bins=32")).body;
    assert.equal(big.mode, "bins");
    assert.equal(big.counts.length, 32 * 32);
    assert.equal(
      big.counts.reduce((a: number, b: number) => a + b, 0),
      big.n,
    );
    assert.equal(
      big.truncatedCounts.reduce((a: number, b: number) => a + b, 0),
      big.truncated,
    );
  });

  it("alarms link to their samples through the sample table", async () => {
    const { body } = await get("/api/runs/big/alarms");
    const i = body.alarms.findIndex((a: any) => a.kind === "length_drift");
    assert.ok(i >= 0);
    const s = (await get(`/api/runs/big/alarms/${i}/samples?limit=10&sort=rid&order=asc`)).body;
    assert.equal(s.total, body.alarms[i].samplesKept);
    assert.deepEqual(
      s.rows.map((x: any) => x.id),
      body.alarms[i].samples.slice(0, 10),
    );
  });

  it("bad requests get 400 with a reason, unknown runs and endpoints 404; static paths cannot escape the web root", async () => {
    assert.equal((await get("/api/runs/nope/curves")).status, 404);
    const bad = await get("/api/runs/small/samples?sort=prompt;drop");
    assert.equal(bad.status, 400);
    assert.match(bad.body.error, /cannot sort/);
    assert.equal((await get("/api/runs/small/samples?component=nope")).status, 400);
    assert.equal((await get("/api/nothing")).status, 404);
    for (const p of ["/../../package.json", "/..%2f..%2fpackage.json", "/%2e%2e/%2e%2e/etc/passwd"]) {
      const r = await app.request(p);
      const text = await r.text();
      assert.ok(!text.includes('"name"') && !text.includes("root:"), `${p} escaped`);
    }
    const index = await app.request("/?run=small&view=curves");
    assert.match(await index.text(), /<title>dash<\/title>/);
  });
});
