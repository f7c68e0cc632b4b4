import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { Hono } from "hono";
import type { RunCatalog } from "./catalog.ts";
import { compareView } from "./views/compare.ts";
import type { ViewRun } from "./views/context.ts";
import { creditView } from "./views/credit.ts";
import { curvesView } from "./views/curves.ts";
import { extremesView } from "./views/extremes.ts";
import { groupsView, groupView } from "./views/groups.ts";
import { healthView } from "./views/health.ts";
import { sampleView, samplesView, ViewError } from "./views/samples.ts";
import { scatterView } from "./views/scatter.ts";
import { specDiffView } from "./views/spec-diff.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".ico": "image/x-icon",
};

/**
 * The dashboard's HTTP app: JSON views under `/api` (one endpoint per view, paginated and bounded; 400 with a
 * message on a bad query, 404 for an unknown run) and the built web app as static files.
 * @example const app = createRunsApp(new RunCatalog("runs/"), "dist/web"); await app.request("/api/runs")
 */
export function createRunsApp(catalog: RunCatalog, webRoot?: string): Hono {
  const app = new Hono();
  app.get("/api/runs", (c) => {
    catalog.refresh();
    return c.json({
      runs: catalog.keys().map((key) => {
        const v = catalog.get(key)!;
        const steps = v.run.db
          .prepare("SELECT min(step) AS lo, max(step) AS hi, count(DISTINCT step) AS n FROM step_stats")
          .get() as Record<string, number | null>;
        return {
          key,
          name: v.run.getMeta("name") ?? key,
          source: v.run.getMeta("source") ?? null,
          specHash: v.run.getMeta("spec_hash") ?? null,
          rollouts: v.run.count(),
          steps,
          components: v.run.components().map(({ name, weight, role }) => ({ name, weight, role })),
        };
      }),
    });
  });
  const withRun = (c: { req: { param: (k: string) => string } }): ViewRun => {
    const v = catalog.get(c.req.param("run"));
    if (!v) throw new NotFound(`no run named "${c.req.param("run")}"`);
    return v;
  };
  app.get("/api/runs/:run/curves", (c) => c.json(curvesView(withRun(c))));
  app.get("/api/runs/:run/samples", (c) => {
    const q = c.req.query();
    return c.json(samplesView(withRun(c), { ...q, ...(q.ids ? { ids: q.ids.split(",") } : {}) }));
  });
  app.get("/api/runs/:run/samples/:rid", (c) => {
    const s = sampleView(withRun(c), Number(c.req.param("rid")));
    return s ? c.json(s) : c.json({ error: "no such sample" }, 404);
  });
  app.get("/api/runs/:run/groups", (c) => c.json(groupsView(withRun(c), c.req.query())));
  app.get("/api/runs/:run/groups/:group", (c) =>
    c.json(groupView(withRun(c), c.req.param("group"), c.req.query("step"))),
  );
  app.get("/api/runs/:run/extremes", (c) => c.json(extremesView(withRun(c), c.req.query())));
  app.get("/api/runs/:run/scatter", (c) => c.json(scatterView(withRun(c), c.req.query())));
  app.get("/api/runs/:run/alarms", (c) => {
    const alarms = withRun(c).alarms();
    return c.json({
      alarms: alarms.map((a, index) => ({
        index,
        ...a,
        samplesKept: a.samples.length,
        samples: a.samples.slice(0, 50),
      })),
    });
  });
  app.get("/api/runs/:run/alarms/:index/samples", (c) => {
    const v = withRun(c);
    const a = v.alarms()[Number(c.req.param("index"))];
    if (!a) return c.json({ error: "no such alarm" }, 404);
    return c.json({
      alarm: { ...a, samples: undefined },
      ...samplesView(v, { ...c.req.query(), ids: a.samples }),
    });
  });
  app.get("/api/runs/:run/health", (c) => c.json(healthView(withRun(c))));
  app.get("/api/runs/:run/spec-diff", (c) => c.json(specDiffView(withRun(c), c.req.query())));
  app.get("/api/runs/:run/credit", (c) => c.json(creditView(withRun(c), c.req.query())));
  app.get("/api/compare", (c) => {
    const a = catalog.get(c.req.query("a") ?? "");
    const b = catalog.get(c.req.query("b") ?? "");
    if (!a || !b) return c.json({ error: "give two runs: ?a=RUN&b=RUN" }, 400);
    return c.json(compareView(a, b, c.req.query()));
  });
  app.all("/api/*", (c) => c.json({ error: "no such endpoint" }, 404));
  if (webRoot) {
    const root = resolve(webRoot);
    app.get("*", (c) => {
      const rel = normalize(decodeURIComponent(new URL(c.req.url).pathname)).replace(/^[/\\]+/, "");
      let file = resolve(join(root, rel));
      if (!file.startsWith(root + sep) && file !== root) return c.text("not found", 404);
      if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, "index.html");
      if (!existsSync(file)) return c.text("the dashboard is not built (npm run build)", 500);
      return c.body(readFileSync(file), 200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      });
    });
  }
  app.onError((e, c) => {
    if (e instanceof NotFound) return c.json({ error: e.message }, 404);
    if (e instanceof ViewError) return c.json({ error: e.message }, 400);
    return c.json({ error: e instanceof Error ? e.message : String(e) }, 500);
  });
  return app;
}

class NotFound extends Error {}
