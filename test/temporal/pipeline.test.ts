// Temporal rewards through the server's app (in-process) and the CLI: per-step rewards come back in
// /v1/score results and feed the per-step advantage estimators.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import { runAdvantages } from "../../src/cli/commands/advantages.ts";
import { createApp } from "../../src/server/app.ts";
import { lintSpec } from "../../src/spec/lint.ts";
import { parseSpecText } from "../../src/spec/parse.ts";
import { compileSpec } from "../../src/spec/spec.ts";
import { close } from "../credit/helpers.ts";

const SPEC = `
name: confirm-delete
reward:
  kind: temporal.ltlf
  formula: "G(delete -> X confirm)"
  mode: monitor
  reward: 0.1
  cost: -0.1
  propositions:
    delete: {tool: rm}
`;
const rm = { tool_calls: [{ function: { name: "rm", arguments: "{}" } }] };
const rollouts = [
  {
    group: "p",
    completion: "",
    steps: [{ text: "hi" }, rm, { text: "ok", events: ["confirm"] }, { text: "bye" }],
  },
  { group: "p", completion: "", steps: [rm, { text: "no" }] },
  { group: "p", completion: "", steps: [] },
];

const dir = mkdtempSync(join(tmpdir(), "rk-temporal-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function post(app: ReturnType<typeof createApp>["app"], path: string, body: unknown) {
  const res = await app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe("temporal rewards over HTTP and into per-step advantages", () => {
  const spec = compileSpec(parseSpecText(SPEC), { registry: defaultRegistry });
  const { app } = createApp({ specs: [spec] });

  it("/v1/score returns per-step rewards; an empty trace is a typed error beside good neighbours", async () => {
    const r = await post(app, "/v1/score", { rollouts });
    assert.equal(r.status, 200);
    const [a, b, c] = r.body.results;
    close(a.steps, [0.1, -0.1, 0.1, 1]);
    close([a.score], [1.1]);
    close(b.steps, [-0.1, -1]);
    assert.equal(c.score, null);
    assert.equal(c.error.kind, "invalid_input");
  });

  it("/v1/advantages turns those steps into per-step GAE advantages (γ = λ = 1, V = 0: rewards-to-go)", async () => {
    const scored = (await post(app, "/v1/score", { rollouts: rollouts.slice(0, 2) })).body.results;
    const r = await post(app, "/v1/advantages", {
      estimator: "gae",
      rewards: scored.map((x: { score: number }) => x.score),
      steps: scored.map((x: { steps: number[] }) => x.steps),
      options: { gamma: 1, lambda: 1, whiten: false },
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    close(r.body.step_advantages[0], [1.1, 1.0, 1.1, 1]);
    close(r.body.step_advantages[1], [-1.1, -1]);
  });

  it("rewardkit advantages reads reward.steps from scored rows", async () => {
    const scored = (await post(app, "/v1/score", { rollouts: rollouts.slice(0, 2) })).body.results;
    const file = join(dir, "scored.jsonl");
    writeFileSync(
      file,
      rollouts
        .slice(0, 2)
        .map((r, i) => JSON.stringify({ ...r, reward: scored[i] }))
        .join("\n"),
    );
    const { text } = await runAdvantages({
      in: file,
      estimator: "gae",
      gamma: 1,
      lambda: 1,
      whiten: false,
      scoreField: "reward.score",
      groupField: "group",
      stepsField: "reward.steps",
      valuesField: "values",
    });
    const rows = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    close(rows[0].step_advantages, [1.1, 1.0, 1.1, 1]);
  });
});

describe("the shaping lint", () => {
  const shaped = { kind: "temporal.ltlf", formula: "F a", shaping: "distance" };
  it("warns when potential shaping feeds a group baseline, not when it feeds per-step advantages", () => {
    assert.match(lintSpec(shaped)[0]!.message, /telescopes/);
    assert.match(lintSpec(shaped, "reward", { estimator: "rloo" })[0]!.message, /rloo/);
    assert.deepEqual(lintSpec(shaped, "reward", { estimator: "gae" }), []);
    assert.deepEqual(lintSpec({ kind: "temporal.ltlf", formula: "F a" }), []);
  });
  it("rewardkit check prints it", () => {
    const file = join(dir, "shaped.yaml");
    writeFileSync(
      file,
      `name: s\nreward: {kind: temporal.reward_machine, machine: "0\\n[1]\\n(0,1,'a',1)\\n(0,0,'!a',0)", shaping: value}\n`,
    );
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "check", file, "--estimator", "grpo"],
      {
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /warning: reward: potential shaping telescopes.*grpo/);
  });
});
