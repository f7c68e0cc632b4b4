// The dashboard in a real browser: Debian's chromium driven by playwright-core against a real `rewardkit ui`
// process on 127.0.0.1, over the demo runs. Set REWARDKIT_SCREENSHOTS=DIR to save a screenshot of every view.
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { defaultRegistry } from "../../src/builtins.ts";
import { loadSpecFile } from "../../src/runtime/spec-file.ts";
import { scoreDataset } from "../../src/io/score-dataset.ts";
import { buildDemoRuns, NO_GATE_SPEC } from "../../src/runs/demo-runs.ts";
import { RunStore } from "../../src/runs/store.ts";
import { compileSpec } from "../../src/spec/spec.ts";
import { tempDir } from "../runs/helpers.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SHOTS = process.env.REWARDKIT_SCREENSHOTS;
const tmp = tempDir("rk-web-");
const runsDir = join(tmp, "runs");
let ui: ChildProcess | undefined;
let url = "";
let browser: BrowserContext | undefined;
let page: Page;

before(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `chromium not found at ${CHROMIUM}: the browser tests need Debian's chromium (apt-get install -y chromium) or CHROMIUM_PATH`,
    );
  if (!existsSync("dist/web/index.html")) {
    const b = spawnSync(
      process.execPath,
      ["node_modules/vite/bin/vite.js", "build", "--config", "web/vite.config.ts"],
      {
        encoding: "utf8",
        timeout: 300_000,
      },
    );
    assert.equal(b.status, 0, `building the dashboard failed: ${b.stderr}`);
  }
  await buildDemoRuns(runsDir, loadSpecFile("examples/demo/spec.yaml"), "examples/demo/rollouts.jsonl");
  ui = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "ui", "--runs", runsDir, "--port", "0"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let err = "";
  ui.stderr!.on("data", (d) => (err += d));
  url = await new Promise<string>((res, rej) => {
    let out = "";
    ui!.stdout!.on("data", (d) => {
      out += d;
      const m = /rewardkit ui: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) res(m[1]!);
    });
    ui!.once("exit", (code) => rej(new Error(`rewardkit ui exited (${code}): ${err}`)));
  });
  browser = await chromium.launchPersistentContext(join(tmp, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  if (ui && ui.exitCode === null) {
    const exited = new Promise((r) => ui!.once("exit", r));
    ui.kill("SIGTERM");
    await exited;
  }
  rmSync(tmp, { recursive: true, force: true });
});

const TIMEOUT = 60_000;

async function openView(run: string, view: string, extra = ""): Promise<void> {
  await page.goto(`${url}/?run=${run}&view=${view}${extra}`);
  await page.waitForSelector(`[data-testid="view-${view}"][data-ready="1"]`, { timeout: TIMEOUT });
}

async function shot(name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe("dashboard in chromium", () => {
  it("every view renders non-empty on the demo runs", async () => {
    const checks: [string, string, () => Promise<void>][] = [
      [
        "length-hack",
        "curves",
        async () => assert.ok((await page.locator("[data-testid=view-curves] canvas").count()) >= 3),
      ],
      [
        "length-hack",
        "samples",
        async () => {
          await page.waitForSelector("[data-testid=sample-table] .sample-row", { timeout: TIMEOUT });
          assert.equal(await page.getAttribute("[data-testid=sample-table]", "data-total"), "7680");
        },
      ],
      [
        "arithmetic",
        "groups",
        async () => assert.ok((await page.locator("[data-testid=group-row]").count()) > 0),
      ],
      [
        "length-hack",
        "extremes",
        async () => assert.equal(await page.locator("[data-testid=extremes-top] tbody tr").count(), 10),
      ],
      [
        "length-hack",
        "scatter",
        async () => {
          assert.equal(await page.getAttribute("[data-testid=view-scatter]", "data-mode"), "bins");
          assert.ok((await page.locator("[data-testid=scatter-chart] canvas").count()) > 0);
        },
      ],
      [
        "length-hack",
        "alarms",
        async () => assert.ok((await page.locator("[data-testid=alarm]").count()) > 0),
      ],
      [
        "length-hack",
        "health",
        async () =>
          assert.match(String(await page.locator("[data-testid=health-failed]").textContent()), /^\d+ \(/),
      ],
      [
        "arithmetic",
        "spec-diff",
        async () => assert.ok((await page.locator("[data-testid=diff-rows] tbody tr").count()) > 0),
      ],
      [
        "length-hack",
        "credit",
        async () => assert.ok((await page.locator("[data-testid=credit-rewards] td.cell").count()) > 0),
      ],
      [
        "baseline",
        "compare",
        async () => {
          await page.selectOption("[data-testid=compare-b]", "length-hack");
          await page.waitForSelector("[data-testid=compare-moved] tbody tr", { timeout: TIMEOUT });
          assert.ok((await page.locator("[data-testid=compare-components] tbody tr").count()) >= 5);
        },
      ],
    ];
    for (const [run, view, check] of checks) {
      await openView(run, view);
      await check();
      await shot(view);
    }
  });

  it("the group view shows the GRPO advantages of its rewards: (r − mean) / (std + 1e-6)", async () => {
    await openView("arithmetic", "groups", "&group=q000");
    await page.waitForSelector("[data-testid=group-name]:has-text('q000')", { timeout: TIMEOUT });
    const run = RunStore.open(join(runsDir, "arithmetic"));
    const rows = run.db
      .prepare("SELECT id, score FROM rollouts WHERE grp = 'q000' ORDER BY score IS NULL, score DESC, rid")
      .all() as { id: string; score: number | null }[];
    run.close();
    const scores = rows.map((r) => r.score).filter((x): x is number => x !== null);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const std = Math.sqrt(scores.reduce((a, x) => a + (x - mean) ** 2, 0) / (scores.length - 1));
    const shown = await page.locator("[data-testid=group-row]").evaluateAll((els) =>
      els.map((e) => ({
        id: e.getAttribute("data-id"),
        adv: e.querySelector("[data-testid=group-advantage]")!.textContent,
      })),
    );
    assert.equal(shown.length, rows.length);
    rows.forEach((r, i) => {
      assert.equal(shown[i]!.id, r.id);
      const expected = r.score === null ? 0 : (r.score - mean) / (std + 1e-6);
      assert.ok(
        Math.abs(Number(shown[i]!.adv) - expected) < 1e-4,
        `${r.id}: shown ${shown[i]!.adv}, expected ${expected}`,
      );
    });
    assert.equal(
      Number(await page.locator("[data-testid=group-mean]").textContent()),
      Number(mean.toFixed(4)),
    );
  });

  it("clicking an alarm opens exactly the samples that raised it", async () => {
    await openView("length-hack", "alarms");
    const api = (await (await fetch(`${url}/api/runs/length-hack/alarms`)).json()) as {
      alarms: { index: number; kind: string; sampleCount: number; samples: string[] }[];
    };
    const drift = api.alarms.find((a) => a.kind === "length_drift")!;
    assert.ok(drift, "the length hack raises length drift");
    await page.locator(`[data-testid=alarm][data-kind=length_drift]`).click();
    await page.waitForSelector(
      `[data-testid=alarm-samples][data-total="${Math.min(drift.sampleCount, 500)}"] .sample-row`,
      {
        timeout: TIMEOUT,
      },
    );
    const ids = await page
      .locator("[data-testid=alarm-samples] .sample-row")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-id")));
    assert.ok(ids.length > 0);
    for (const id of ids)
      assert.ok(drift.samples.includes(id!) || drift.sampleCount > 50, `${id} raised the alarm`);
    assert.deepEqual(ids.slice(0, 10), drift.samples.slice(0, 10));
    await shot("alarm-samples");
  });

  it("the spec diff shows the flips found by scoring the rollouts with both specs directly", async () => {
    const a = loadSpecFile("examples/demo/spec.yaml");
    const b = compileSpec(NO_GATE_SPEC, { registry: defaultRegistry });
    const score = async (reward: typeof a.reward, name: string) => {
      const out = join(tmp, `${name}.jsonl`);
      await scoreDataset({ reward, input: "examples/demo/rollouts.jsonl", output: out });
      return readFileSync(out, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).reward.score as number | null);
    };
    const sa = await score(a.reward, "a");
    const sb = await score(b.reward, "b");
    let up = 0;
    let down = 0;
    sa.forEach((x, i) => {
      const y = sb[i]!;
      if (x === null || y === null) return;
      if (x < 0.5 && y >= 0.5) up++;
      if (x >= 0.5 && y < 0.5) down++;
    });
    await openView("arithmetic", "spec-diff");
    assert.equal(await page.locator("[data-testid=diff-flips-up]").textContent(), String(up));
    assert.equal(await page.locator("[data-testid=diff-flips-down]").textContent(), String(down));
    assert.equal(await page.locator("[data-testid=diff-rows] tbody tr").count(), Math.min(200, up + down));
    await page.selectOption("[data-testid=diff-flips]", "up");
    await page.waitForFunction(
      `document.querySelectorAll("[data-testid=diff-rows] tbody tr[data-flip='1']").length === ${Math.min(200, up)}`,
      undefined,
      { timeout: TIMEOUT },
    );
  });
});
