import type { PreferencePair } from "../preference-data.ts";

/**
 * A node of a response prefix tree: its text segment, children, and (at leaves) the response's score.
 * A response is the concatenation of the segments on a root-to-leaf path.
 */
export interface ResponseTreeNode {
  text: string;
  children?: ResponseTreeNode[];
  score?: number;
}

/** How leaf pairs are drawn from a tree. */
export interface TreePairOptions {
  /** all: every pair of scored leaves; siblings: only pairs whose shared prefix is longest for the left leaf. */
  rule?: "all" | "siblings";
  minMargin?: number;
}

interface Leaf {
  text: string;
  score: number;
  path: number[];
}

/**
 * Pairs the scored leaves of one prompt's response prefix tree ("Reward Generalization in RLHF", arXiv 2402.10184,
 * formula sheet §3i: compare leaves of the same tree, then train a standard BT model). The paper's branching
 * and pair-sampling rules are unconfirmed, so both "all" and "siblings" are offered. Walks the tree without
 * recursion, so deep trees cannot overflow the stack.
 * @example pairsFromTree("q", { text: "The answer is ", children: [{ text: "4", score: 1 }, { text: "5", score: 0 }] })
 */
export function pairsFromTree(
  prompt: string,
  root: ResponseTreeNode,
  o: TreePairOptions = {},
): PreferencePair[] {
  const leaves: Leaf[] = [];
  const stack: { node: ResponseTreeNode; prefix: string; path: number[] }[] = [
    { node: root, prefix: "", path: [] },
  ];
  while (stack.length) {
    const { node, prefix, path } = stack.pop()!;
    const text = prefix + node.text;
    const kids = node.children ?? [];
    if (!kids.length) {
      if (typeof node.score === "number" && Number.isFinite(node.score))
        leaves.push({ text, score: node.score, path });
      continue;
    }
    for (let i = kids.length - 1; i >= 0; i--)
      stack.push({ node: kids[i]!, prefix: text, path: [...path, i] });
  }
  const shared = (a: number[], b: number[]) => {
    let k = 0;
    while (k < a.length && k < b.length && a[k] === b[k]) k++;
    return k;
  };
  const min = o.minMargin ?? 0;
  const out: PreferencePair[] = [];
  for (let i = 0; i < leaves.length; i++) {
    let best = -1;
    if (o.rule === "siblings")
      for (let j = 0; j < leaves.length; j++)
        if (j !== i) best = Math.max(best, shared(leaves[i]!.path, leaves[j]!.path));
    for (let j = i + 1; j < leaves.length; j++) {
      const a = leaves[i]!;
      const b = leaves[j]!;
      if (o.rule === "siblings" && shared(a.path, b.path) !== best) continue;
      const gap = a.score - b.score;
      if (gap === 0 || Math.abs(gap) < min) continue;
      const [w, l] = gap > 0 ? [a, b] : [b, a];
      out.push({
        prompt,
        chosen: [w.text],
        rejected: [l.text],
        tie: false,
        margin: Math.abs(gap),
        line: out.length + 1,
      });
    }
  }
  return out;
}
