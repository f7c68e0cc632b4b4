import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { defaultRegistry } from "../../src/builtins.ts";
import { compileSpec } from "../../src/spec/spec.ts";
import { banditEnv } from "../../src/lab/envs/bandit.ts";
import { chainEnv } from "../../src/lab/envs/chain.ts";
import { pointMassEnv } from "../../src/lab/envs/continuous.ts";
import { checkEnv, contains } from "../../src/lab/envs/env.ts";
import {
  FOUR_ROOMS,
  gridDistances,
  gridEnv,
  KEY_DOOR,
  mazeLayout,
  parseGrid,
} from "../../src/lab/envs/gridworld.ts";
import { toolUseEnv } from "../../src/lab/envs/tool-use.ts";

const exact = compileSpec(
  { name: "t", reward: { kind: "text.exact" } },
  { registry: defaultRegistry },
).reward;

describe("environments", () => {
  test("every environment passes checkEnv", () => {
    const makers = {
      chain: () => chainEnv(),
      bandit: () => banditEnv(),
      fourRooms: () => gridEnv(parseGrid(FOUR_ROOMS)),
      keyDoor: () => gridEnv(parseGrid(KEY_DOOR), { slip: 0.1 }),
      maze: () => gridEnv((s) => mazeLayout(4, 4, s), { view: "local" }),
      pointMass: () => pointMassEnv(),
      toolUse: () => toolUseEnv({ reward: exact }),
    };
    for (const [name, make] of Object.entries(makers)) assert.deepEqual(checkEnv(make as never), [], name);
  });

  test("checkEnv reports an environment that never ends and one that is not deterministic", () => {
    let n = 0;
    const endless = () => ({
      ...chainEnv(),
      step: () => ({ observation: 0, reward: n++ % 2, terminated: false, truncated: false, info: {} }),
    });
    const issues = checkEnv(endless).map((i) => i.check);
    assert.ok(issues.includes("truncation"));
    assert.ok(issues.includes("determinism"));
  });

  test("chain: N−1 rights reach the goal with reward 1; left at 0 pays the distractor", () => {
    const env = chainEnv({ length: 5 });
    env.reset(0);
    assert.equal(env.step(0).reward, 0.01);
    let last = env.step(1);
    for (let i = 0; i < 3; i++) last = env.step(1);
    assert.deepEqual([last.observation, last.reward, last.terminated], [4, 1, true]);
  });

  test("key-door: the door blocks without the key; events key, door and goal fire in order", () => {
    const env = gridEnv(parseGrid(KEY_DOOR));
    env.reset(0);
    // From S (1,1) down to the door row without the key: blocked at (4,3) wall row; walk to the door column first.
    const path = [1, 1, 1, 2, 2, 2]; // right ×3 to (4,1), down ×3 → (4,4) is the door: blocked without key
    let ev: string[] = [];
    for (const a of path) ev = ev.concat(env.step(a).info.events ?? []);
    assert.ok(ev.includes("wall"));
    assert.equal(env.hasKey(), false);
    const g = env.layout();
    // Shortest plan with the key: go to K, then to D, then to G.
    const seen: string[] = [];
    const walkTo = (target: number) => {
      for (let guard = 0; guard < 100 && env.position() !== target; guard++) {
        const dist = gridDistances({ ...g, door: null }, target);
        const x = env.position() % g.width;
        const y = Math.floor(env.position() / g.width);
        const moves = [
          [0, -1],
          [1, 0],
          [0, 1],
          [-1, 0],
        ];
        const a = moves.findIndex(
          ([dx, dy]) => dist[(y + dy!) * g.width + x + dx!] === dist[env.position()]! - 1,
        );
        seen.push(...(env.step(a).info.events ?? []));
      }
    };
    walkTo(g.key!);
    walkTo(g.door!);
    walkTo(g.goal);
    assert.deepEqual(
      seen.filter((e) => e !== "wall"),
      ["key", "door", "goal"],
    );
  });

  test("mazes: a new perfect maze per seed, the same maze for the same seed, goal reachable", () => {
    const a = mazeLayout(5, 5, 1);
    const b = mazeLayout(5, 5, 2);
    assert.deepEqual(mazeLayout(5, 5, 1).walls, a.walls);
    assert.notDeepEqual(a.walls, b.walls);
    for (const m of [a, b]) {
      const open = m.walls.length - m.walls.reduce((s, x) => s + x, 0);
      // A perfect maze of 25 rooms is a spanning tree: 25 room cells + 24 passages.
      assert.equal(open, 49);
      assert.ok(gridDistances(m, m.goal)[m.start]! > 0);
    }
  });

  test("local view: walls and visited neighbours as 8 bits", () => {
    const env = gridEnv(parseGrid(["#####", "#S.G#", "#####"]), { view: "local" });
    const { observation } = env.reset(0);
    // up wall (1), right open, down wall (4), left wall (8): walls = 13; nothing visited.
    assert.equal(observation, 13 * 16);
    const r = env.step(1);
    // At the middle cell: up and down walls (5); left neighbour visited (bit 3).
    assert.equal(r.observation, 5 * 16 + 8);
  });

  test("point mass: pushing right reaches the goal band; observations stay in the box", () => {
    const env = pointMassEnv();
    env.reset(0);
    let r = env.step(2);
    let n = 1;
    while (!r.terminated && !r.truncated) {
      assert.ok(contains(env.observationSpace, r.observation));
      r = env.step(2);
      n++;
    }
    assert.equal(r.terminated, true);
    assert.equal(r.reward, 1);
    assert.ok(n < 100);
  });

  test("bandit: a task per seed with one good arm; the observation is the last reward", () => {
    const env = banditEnv({ arms: 4 });
    env.reset(3);
    const p = env.probs();
    assert.equal(p.filter((x) => x === 0.9).length, 1);
    assert.equal(p.filter((x) => x === 0.1).length, 3);
    const r = env.step(p.indexOf(0.9));
    assert.equal(r.observation, r.reward);
  });

  test("tool use: weather → convert → answer is scored 1 by the rewardkit reward; a wrong city scores 0", () => {
    const env = toolUseEnv({ reward: exact });
    env.reset(5);
    env.step(0);
    env.step(2);
    const done = env.step(3);
    assert.equal(done.terminated, true);
    assert.equal(done.reward, 1);
    const rollout = env.rollout();
    assert.equal((rollout.completion as unknown[]).length, 5);
    assert.equal(done.info.success, true);
    env.reset(5);
    env.step(1);
    env.step(2);
    assert.equal(env.step(3).reward, 0);
    // Answering in Fahrenheit is wrong too.
    env.reset(5);
    env.step(0);
    assert.equal(env.step(3).reward, 0);
  });
});
