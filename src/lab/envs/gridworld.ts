import { LabRandom } from "../random.ts";
import type { Env, StepResult } from "./env.ts";

/** A parsed grid: walls, start, goal, optional key and door cells. */
export interface GridLayout {
  width: number;
  height: number;
  walls: Uint8Array;
  start: number;
  goal: number;
  key: number | null;
  door: number | null;
}

/** Moves of the four actions: up, right, down, left. */
const DX = [0, 1, 0, -1];
const DY = [-1, 0, 1, 0];

/**
 * Parses a text map: `#` wall, `S` start, `G` goal, `K` key, `D` door (passable only with the key), `.` floor.
 * @example parseGrid(["#####", "#S.G#", "#####"]).goal // 8
 */
export function parseGrid(rows: string[]): GridLayout {
  const height = rows.length;
  const width = Math.max(...rows.map((r) => r.length));
  const walls = new Uint8Array(width * height);
  let start = -1;
  let goal = -1;
  let key: number | null = null;
  let door: number | null = null;
  rows.forEach((row, y) => {
    for (let x = 0; x < width; x++) {
      const c = row[x] ?? "#";
      const i = y * width + x;
      if (c === "#") walls[i] = 1;
      else if (c === "S") start = i;
      else if (c === "G") goal = i;
      else if (c === "K") key = i;
      else if (c === "D") door = i;
      else if (c !== ".") throw new RangeError(`grid row ${y}, column ${x}: unknown cell '${c}'`);
    }
  });
  if (start < 0 || goal < 0) throw new RangeError("grid: needs one S (start) and one G (goal)");
  return { width, height, walls, start, goal, key, door };
}

/** Sutton, Precup & Singh's four-rooms layout (11×11 interior), start top-left, goal bottom-right. */
export const FOUR_ROOMS = [
  "#############",
  "#S....#.....#",
  "#.....#.....#",
  "#...........#",
  "#.....#.....#",
  "#.....#.....#",
  "##.####.....#",
  "#.....###.###",
  "#.....#.....#",
  "#.....#.....#",
  "#...........#",
  "#.....#....G#",
  "#############",
];

/** A key-door room in the style of MiniHack KeyRoom: fetch the key, open the door, reach the goal. */
export const KEY_DOOR = [
  "#########",
  "#S......#",
  "#.......#",
  "#......K#",
  "####D####",
  "#.......#",
  "#......G#",
  "#########",
];

/** Options of a gridworld. */
export interface GridOptions {
  /** Probability that an action is replaced by a random one (default 0). */
  slip?: number;
  /** Steps before truncation (default 4 × open cells). */
  maxSteps?: number;
  /** Reward at the goal (default 1). */
  goalReward?: number;
  /** Name of the environment (default "grid"). */
  id?: string;
  /**
   * What the agent observes: `global` (default) the cell index (plus the key), or `local` an egocentric view
   * with episodic memory — for each of the four neighbours, whether it is a wall and whether it was visited
   * this episode (Discrete(256)), the partial, layout-independent observation of procedurally generated tasks.
   */
  view?: "global" | "local";
}

/**
 * A gridworld over a fixed layout or one generated per episode. Observation: the cell index, plus
 * width·height when the key is held (so Discrete(2·W·H)). Events per step: `key` when the key is picked up,
 * `door` when the door is passed, `goal` at the goal (the episode ends, reward `goalReward`), `wall` on a bump.
 * (Four rooms: Sutton, Precup & Singh 1999; key-door: MiniHack KeyRoom, Samvelyan et al. 2021)
 * @example const env = gridEnv(parseGrid(["#####", "#S.G#", "#####"])); env.reset(0); env.step(1).observation // 7
 */
export function gridEnv(
  layout: GridLayout | ((seed: number) => GridLayout),
  o: GridOptions = {},
): Env<number, number> & { layout(): GridLayout; position(): number; hasKey(): boolean } {
  const make = typeof layout === "function" ? layout : () => layout;
  let g = make(0);
  const cells = g.width * g.height;
  const open = cells - g.walls.reduce((a, b) => a + b, 0);
  const maxSteps = o.maxSteps ?? 4 * open;
  let pos = g.start;
  let key = false;
  let t = 0;
  let rand = new LabRandom(0);
  let visited = new Uint8Array(cells);
  const local = o.view === "local";
  const observation = () => {
    if (!local) return pos + (key ? cells : 0);
    let walls = 0;
    let seen = 0;
    for (let d = 0; d < 4; d++) {
      const x = (pos % g.width) + DX[d]!;
      const y = Math.floor(pos / g.width) + DY[d]!;
      const n = y * g.width + x;
      const wall = x < 0 || y < 0 || x >= g.width || y >= g.height || g.walls[n] === 1;
      if (wall) walls |= 1 << d;
      else if (visited[n]) seen |= 1 << d;
    }
    return walls * 16 + seen;
  };
  return {
    id: o.id ?? "grid",
    observationSpace: { kind: "discrete", n: local ? 256 : 2 * cells },
    actionSpace: { kind: "discrete", n: 4 },
    maxSteps,
    layout: () => g,
    position: () => pos,
    hasKey: () => key,
    reset(seed: number) {
      g = make(seed);
      if (g.width * g.height !== cells) throw new RangeError("generated layouts must keep one size");
      rand = new LabRandom(seed ^ 0x5bd1e995);
      pos = g.start;
      key = false;
      t = 0;
      visited = new Uint8Array(cells);
      visited[pos] = 1;
      return { observation: observation(), info: {} };
    },
    step(action: number): StepResult<number> {
      t++;
      const a = o.slip && rand.next() < o.slip ? rand.int(4) : action;
      const x = (pos % g.width) + DX[a]!;
      const y = Math.floor(pos / g.width) + DY[a]!;
      const events: string[] = [];
      const next = y * g.width + x;
      const blocked =
        x < 0 || y < 0 || x >= g.width || y >= g.height || g.walls[next] === 1 || (next === g.door && !key);
      if (blocked) events.push("wall");
      else {
        if (next === g.door) events.push("door");
        pos = next;
        if (pos === g.key && !key) {
          key = true;
          events.push("key");
        }
      }
      const terminated = pos === g.goal;
      if (terminated) events.push("goal");
      visited[pos] = 1;
      return {
        observation: observation(),
        reward: terminated ? (o.goalReward ?? 1) : 0,
        terminated,
        truncated: !terminated && t >= maxSteps,
        info: { events, success: terminated },
      };
    },
    stateKey: () => `${pos}${key ? "k" : ""}`,
  };
}

/**
 * A perfect maze of `w`×`h` rooms drawn by a seeded depth-first backtracker (a new layout per seed), start at
 * the top-left room and goal at the bottom-right; the grid is (2w+1)×(2h+1). Procedurally generated layouts
 * are where episodic bonuses matter (arXiv 2306.03236).
 * @example mazeLayout(4, 4, 1).width // 9
 */
export function mazeLayout(w: number, h: number, seed: number): GridLayout {
  const W = 2 * w + 1;
  const H = 2 * h + 1;
  const walls = new Uint8Array(W * H).fill(1);
  const rand = new LabRandom(seed);
  const seen = new Uint8Array(w * h);
  const stack = [0];
  seen[0] = 1;
  walls[W + 1] = 0;
  while (stack.length) {
    const c = stack[stack.length - 1]!;
    const cx = c % w;
    const cy = Math.floor(c / w);
    const options: number[] = [];
    for (let d = 0; d < 4; d++) {
      const nx = cx + DX[d]!;
      const ny = cy + DY[d]!;
      if (nx >= 0 && ny >= 0 && nx < w && ny < h && !seen[ny * w + nx]) options.push(d);
    }
    if (!options.length) {
      stack.pop();
      continue;
    }
    const d = options[rand.int(options.length)]!;
    const nx = cx + DX[d]!;
    const ny = cy + DY[d]!;
    seen[ny * w + nx] = 1;
    walls[(2 * cy + 1 + DY[d]!) * W + 2 * cx + 1 + DX[d]!] = 0;
    walls[(2 * ny + 1) * W + 2 * nx + 1] = 0;
    stack.push(ny * w + nx);
  }
  return { width: W, height: H, walls, start: W + 1, goal: (H - 2) * W + W - 2, key: null, door: null };
}

/** Shortest-path distances (in steps) from every cell to `target` over open cells, ignoring doors; −1 = unreachable. */
export function gridDistances(g: GridLayout, target: number): Int32Array {
  const dist = new Int32Array(g.width * g.height).fill(-1);
  dist[target] = 0;
  const queue = [target];
  for (let q = 0; q < queue.length; q++) {
    const c = queue[q]!;
    const x = c % g.width;
    const y = Math.floor(c / g.width);
    for (let d = 0; d < 4; d++) {
      const nx = x + DX[d]!;
      const ny = y + DY[d]!;
      const n = ny * g.width + nx;
      if (nx < 0 || ny < 0 || nx >= g.width || ny >= g.height || g.walls[n] || dist[n]! >= 0) continue;
      dist[n] = dist[c]! + 1;
      queue.push(n);
    }
  }
  return dist;
}
