import { seededRandom } from "../credit/rng.ts";
import type { Generator } from "./generator.ts";
import { type Candidate, type Objective, rank, type SearchResult } from "./objective.ts";

/**
 * The soft Bellman backup of Diffusion Tree Sampling: v(x) = (1/λ)·log( (1/|C|)·Σ_{c∈C(x)} exp(λ·v(c)) ), the
 * log-mean-exp of the children's soft values at inverse temperature λ (λ → ∞: the max; λ → 0: the mean).
 * Each child is one draw from the generator, so the children weigh equally. Computed stably.
 * (Jain, Sareen, Pedramfar & Ravanbakhsh, arXiv 2506.20701)
 * @example softBackup([0, 1], 1) // log((1 + e)/2) ≈ 0.6201
 */
export function softBackup(values: readonly number[], lambda: number): number {
  if (!values.length) throw new RangeError("soft backup of a node without children");
  const m = Math.max(...values);
  if (lambda === Number.POSITIVE_INFINITY || m === Number.NEGATIVE_INFINITY) return m;
  if (lambda === 0) return values.reduce((a, b) => a + b, 0) / values.length;
  let s = 0;
  for (const v of values) s += Math.exp(lambda * (v - m));
  return m + Math.log(s / values.length) / lambda;
}

/** A node of the search tree: a partial text, its soft value and visit count. */
export interface TreeNode {
  text: string;
  depth: number;
  children: TreeNode[];
  /** Soft value estimate (the reward at a terminal leaf). */
  value: number;
  visits: number;
  terminal: boolean;
}

/**
 * Recomputes every soft value of a tree bottom-up from its terminal leaves (whose `value` is the reward).
 * @example backupTree(root, 1).value
 */
export function backupTree(node: TreeNode, lambda: number): TreeNode {
  if (node.children.length) {
    for (const c of node.children) backupTree(c, lambda);
    node.value = softBackup(
      node.children.map((c) => c.value),
      lambda,
    );
  }
  return node;
}

/** Options of soft-value tree search. */
export interface SoftTreeOptions {
  /** Rollouts (select → expand → roll out → back up); each is one terminal evaluation. */
  iterations: number;
  /** Most children per node (progressive widening stops there). */
  maxChildren: number;
  /** Depth of a finished text, in steps. */
  maxDepth: number;
  /** Inverse temperature λ of the Boltzmann selection and the soft backup. */
  lambda: number;
  /** `sample` (DTS: Boltzmann selection) or `search` (DTS*: greedy selection). */
  mode?: "sample" | "search";
  delimiter?: string;
  isDone?: (text: string) => boolean;
  seed?: number;
}

/**
 * Soft-value tree search over text steps, as Diffusion Tree Sampling over denoising steps: select children by
 * exp(λ·v) (or greedily for DTS*), expand a node with one new sampled step while it has fewer than
 * `maxChildren`, roll out to a finished text, score it, and back the reward up with `softBackup`. Returns the
 * best finished text found; `tree` is the search tree. (arXiv 2506.20701)
 * @example await softTreeSearch(gen, prompt, reward, { iterations: 64, maxChildren: 3, maxDepth: 6, lambda: 4 })
 */
export async function softTreeSearch(
  gen: Generator,
  prompt: string,
  objective: Objective,
  o: SoftTreeOptions,
): Promise<SearchResult & { tree: TreeNode }> {
  const delim = o.delimiter ?? "\n";
  const rand = seededRandom(o.seed ?? 0);
  let seed = o.seed ?? 0;
  const root: TreeNode = { text: "", depth: 0, children: [], value: 0, visits: 0, terminal: false };
  const finished: Candidate[] = [];
  let samples = 0;
  let evaluations = 0;
  const step = async (parent: TreeNode): Promise<TreeNode> => {
    const [c] = await gen.generate(prompt + parent.text, { n: 1, stop: [delim], seed: seed++ });
    samples++;
    const empty = !c;
    const depth = parent.depth + 1;
    const last = empty || depth >= o.maxDepth;
    const text = empty ? parent.text : parent.text + c + (last ? "" : delim);
    const child: TreeNode = {
      text,
      depth,
      children: [],
      value: 0,
      visits: 0,
      terminal: last || (o.isDone?.(text) ?? false),
    };
    parent.children.push(child);
    return child;
  };
  const choose = (n: TreeNode): TreeNode => {
    const cs = n.children.filter((c) => c.visits > 0);
    if (o.mode === "search") return cs.reduce((a, b) => (b.value > a.value ? b : a));
    const m = Math.max(...cs.map((c) => c.value));
    const w = cs.map((c) => Math.exp(o.lambda * (c.value - m)));
    let u = rand() * w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < cs.length; i++) if ((u -= w[i]!) <= 0) return cs[i]!;
    return cs[cs.length - 1]!;
  };
  for (let it = 0; it < o.iterations; it++) {
    const path: TreeNode[] = [root];
    let node = root;
    while (!node.terminal && node.children.length >= o.maxChildren) {
      node = choose(node);
      path.push(node);
    }
    if (node.terminal && node.visits > 0) {
      // A finished text already scored: re-visiting it only refreshes the path's values.
    } else {
      while (!node.terminal) {
        node = await step(node);
        path.push(node);
      }
      const s = await objective(node.text);
      evaluations++;
      node.value = s === null || Number.isNaN(s) ? Number.NEGATIVE_INFINITY : s;
      finished.push({ text: node.text, score: s });
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const n = path[i]!;
      n.visits++;
      const seen = n.children.filter((c) => c.visits > 0);
      if (seen.length)
        n.value = softBackup(
          seen.map((c) => c.value),
          o.lambda,
        );
    }
  }
  const uniq = new Map<string, Candidate>();
  for (const c of finished) if (!uniq.has(c.text)) uniq.set(c.text, c);
  const candidates = rank([...uniq.values()]);
  return { best: candidates[0]!, candidates, samples, evaluations, tree: root };
}
